"""The wagtail-modeladmin integration is optional, self-contained and tested on a host that installs it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from wagtail_runstrength.contrib.modeladmin.apps import check_modeladmin_installed

ROOT = Path(__file__).resolve().parent.parent


def run_python(args, **env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_modeladmin_suite_passes_on_a_host_that_installs_the_integration():
    # A second settings module in a fresh process: admin hooks load once per
    # process, so only a new process genuinely builds the modeladmin menu.
    result = run_python(
        ["-m", "pytest", "tests/modeladmin_suite.py", "--ds=tests.settings_modeladmin", "-q", "-p", "no:cacheprovider"]
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout


def test_the_integration_refuses_to_start_without_wagtail_modeladmin():
    # tests.settings does not install wagtail_modeladmin.
    with pytest.raises(ImproperlyConfigured, match="add 'wagtail_modeladmin' to INSTALLED_APPS"):
        check_modeladmin_installed()


def test_the_core_package_never_imports_wagtail_modeladmin():
    script = (
        "import sys, django; django.setup()\n"
        "from wagtail import hooks; hooks.search_for_hooks()\n"
        "import wagtail_runstrength.viewsets, wagtail_runstrength.wagtail_hooks\n"
        "print('wagtail_modeladmin' in sys.modules)\n"
    )
    result = run_python(["-c", script], DJANGO_SETTINGS_MODULE="tests.settings")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
