"""The demo project's commands, run as a newcomer would: migrate, load the demo twice, log in.

Runs ``example_project/manage.py`` in subprocesses against a throwaway SQLite
file and media folder, so it exercises the real settings and leaves nothing
behind.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MANAGE = REPO / "example_project" / "manage.py"
GUIDE_EXERCISES = [
    "Squat to calf raise",
    "Bulgarian split lunge",
    "Side hip abduction",
    "Lateral step up",
]

COUNTS_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site
from wagtail_runstrength.models import (
    ArticleCategory, ArticlePage, Clinician, ExerciseSnippet, RunStrengthSettings,
)

print(json.dumps({
    "pages": Page.objects.count(),
    "articles": ArticlePage.objects.live().count(),
    "exercises": ExerciseSnippet.objects.count(),
    "published_exercises": ExerciseSnippet.objects.filter(
        live=True, live_revision__isnull=False
    ).count(),
    "images": get_image_model().objects.count(),
    "revisions": Revision.objects.count(),
    "categories": ArticleCategory.objects.count(),
    "clinicians": Clinician.objects.count(),
    "tags": Tag.objects.count(),
    "sites": Site.objects.count(),
    "settings": RunStrengthSettings.objects.count(),
    "superusers": get_user_model().objects.filter(is_superuser=True).count(),
}))
"""

PAGE_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import setup_test_environment
from wagtail.models import Page, Site
from wagtail_runstrength.models import ArticlePage

setup_test_environment()
guide = ArticlePage.objects.get(slug="essential-guide-strength-training-runners")
response = Client().get(guide.url)
site = Site.objects.get(is_default_site=True)
admin = get_user_model().objects.get(username="admin")
print(json.dumps({
    "live": guide.live,
    "read_time_minutes": guide.read_time_minutes,
    "status": response.status_code,
    "html": response.content.decode(),
    "site_root": type(site.root_page.specific).__name__,
    "welcome_pages": Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).count(),
    "admin_password_ok": admin.check_password("s3cret-demo") and admin.is_superuser,
}))
"""


@pytest.fixture
def manage(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic_site.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "RUNSTRENGTH_MEDIA_ROOT": str(tmp_path / "media"),
        "DEMO_ADMIN_PASSWORD": "s3cret-demo",
        "PORT": "8123",
    }
    env.pop("REDIS_URL", None)

    def run(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, str(MANAGE), *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def shell_json(script: str) -> dict:
        output = run("shell", "--no-imports", "-c", script)
        return json.loads(output.strip().splitlines()[-1])

    run.shell_json = shell_json
    return run


@pytest.mark.slow
def test_demo_loads_once_and_renders_the_full_guide(manage, tmp_path):
    manage("migrate", "--no-input", "-v", "0")
    first = manage("load_runstrength_demo")
    assert "0 already there" in first
    manage("ensure_demo_admin")
    after_first = manage.shell_json(COUNTS_SCRIPT)

    second = manage("load_runstrength_demo")
    assert "Demo content ready: 0 created" in second
    login = manage("ensure_demo_admin")
    assert "Admin login: admin / s3cret-demo at http://127.0.0.1:8123/admin/" in login
    after_second = manage.shell_json(COUNTS_SCRIPT)

    assert after_second == after_first
    assert after_first["articles"] == 4
    assert after_first["exercises"] >= 8
    assert after_first["published_exercises"] == after_first["exercises"]
    assert after_first["superusers"] == 1
    assert (tmp_path / "media" / "original_images").is_dir()

    page = manage.shell_json(PAGE_SCRIPT)
    assert page["site_root"] == "HomePage"
    assert page["welcome_pages"] == 0
    assert page["admin_password_ok"]
    assert page["live"]
    assert page["read_time_minutes"] >= 2
    assert page["status"] == 200
    html = page["html"]
    for name in GUIDE_EXERCISES:
        assert name in html
    assert 'class="rs-related"' in html
    # The editor's pick first, then automatic matches by tag and category.
    assert html.index("A two-minute dynamic warm-up for runners") < html.index("Back pain and golf")
    assert "How to choose trail running shoes" in html
