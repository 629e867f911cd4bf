"""The example site switches between the snippet admin and wagtail-modeladmin with one variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

MANAGE = Path(__file__).resolve().parents[1] / "example_project" / "manage.py"

SCRIPT = (
    "from django.conf import settings; "
    "print('contrib' if 'wagtail_runstrength.contrib.modeladmin' in settings.INSTALLED_APPS else 'snippets')"
)


@pytest.mark.parametrize(("value", "expected"), [("", "snippets"), ("modeladmin", "contrib")])
def test_runstrength_admin_switches_the_example_site(value, expected, tmp_path):
    env = {key: val for key, val in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update(RUNSTRENGTH_ADMIN=value, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", DJANGO_DEBUG="1")
    check = subprocess.run([sys.executable, str(MANAGE), "check"], env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    shell = subprocess.run(
        [sys.executable, str(MANAGE), "shell", "-c", SCRIPT], env=env, capture_output=True, text=True
    )
    assert shell.stdout.strip().splitlines()[-1] == expected, shell.stderr
