"""``FRONTEND_BASE_URL``: one frontend address for every site without its own, and the example's opt-in env vars.

A headless project with one frontend should not need a database row per site
before its links and previews point at the frontend; a site's own "Frontend
base URL" still wins. The example project turns this (and the revalidation
webhook to the frontend) on only when ``RUNSTRENGTH_FRONTEND_URL`` is set, so
``make demo`` and the suite are unchanged.
"""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.factories import ArticlePageFactory
from wagtail_runstrength.conf import check_settings
from wagtail_runstrength.models import RunStrengthSettings

REPO = Path(__file__).resolve().parents[1]
MANAGE = REPO / "example_project" / "manage.py"


@pytest.mark.parametrize("value", ["www.clinic.example", "ftp://clinic.example", "https://x.example/?a=1", None, 3])
def test_a_bad_frontend_base_url_is_refused_naming_the_key(settings, value):
    settings.WAGTAIL_RUNSTRENGTH = {"FRONTEND_BASE_URL": value}
    with pytest.raises(ImproperlyConfigured, match=r"FRONTEND_BASE_URL'\] must be an http:// or https:// address"):
        check_settings()


def test_the_trailing_slash_is_dropped(settings):
    settings.WAGTAIL_RUNSTRENGTH = {"FRONTEND_BASE_URL": "http://127.0.0.1:3000/"}
    assert check_settings()["FRONTEND_BASE_URL"] == "http://127.0.0.1:3000"


@pytest.mark.django_db
def test_page_links_in_the_api_use_it_unless_the_site_has_its_own(client, settings, site, index_page):
    settings.WAGTAIL_RUNSTRENGTH = {"FRONTEND_BASE_URL": "http://127.0.0.1:3000"}
    page = ArticlePageFactory(parent=index_page, title="Subject")
    data = client.get(f"/api/v2/articles/{page.pk}/").json()
    assert data["meta"]["html_url"] == "http://127.0.0.1:3000/blog/subject/"
    RunStrengthSettings.objects.update_or_create(
        site=site, defaults={"frontend_base_url": "https://www.clinic.example"}
    )
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["meta"]["html_url"] == "https://www.clinic.example/blog/subject/"


@pytest.mark.django_db
def test_a_changed_setting_shows_after_the_deploy_step(client, settings, site, index_page):
    """Cached API answers keep the old links until ``runstrength_clear_fragments`` (run after every deploy)."""
    from django.core.management import call_command

    page = ArticlePageFactory(parent=index_page, title="Subject")
    first = client.get(f"/api/v2/pages/{page.pk}/").json()["meta"]["html_url"]
    assert first == "http://localhost/blog/subject/"
    settings.WAGTAIL_RUNSTRENGTH = {"FRONTEND_BASE_URL": "https://read.example"}
    call_command("runstrength_clear_fragments", stdout=io.StringIO())
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["meta"]["html_url"] == "https://read.example/blog/subject/"


SETTINGS_SCRIPT = """
import io
import json
from django.conf import settings as s
print(json.dumps(s.WAGTAIL_RUNSTRENGTH))
"""


def example_settings(tmp_path, **env_vars) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("RUNSTRENGTH_", "DJANGO_", "REDIS_URL", "DATABASE_URL"))
    }
    env.update(DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **env_vars)
    return subprocess.run(
        [sys.executable, str(MANAGE), "shell", "--no-imports", "-c", SETTINGS_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_example_has_no_frontend_and_no_webhooks_unless_asked(tmp_path):
    result = example_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"RELATED_POSTS_LIMIT": 3}


def test_the_example_points_links_previews_and_webhooks_at_the_frontend_when_asked(tmp_path):
    secret = "frontend-shared-secret-for-tests"
    result = example_settings(
        tmp_path, RUNSTRENGTH_FRONTEND_URL="http://127.0.0.1:3000/", RUNSTRENGTH_REVALIDATE_SECRET=secret
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "RELATED_POSTS_LIMIT": 3,
        "FRONTEND_BASE_URL": "http://127.0.0.1:3000",
        "REVALIDATION_WEBHOOKS": [{"url": "http://127.0.0.1:3000/api/revalidate", "secret": secret}],
    }
    # The address alone: links and previews, but no webhooks.
    result = example_settings(tmp_path, RUNSTRENGTH_FRONTEND_URL="http://127.0.0.1:3000")
    assert "REVALIDATION_WEBHOOKS" not in json.loads(result.stdout)


def test_a_secret_without_a_frontend_address_stops_the_example_with_the_reason(tmp_path):
    result = example_settings(tmp_path, RUNSTRENGTH_REVALIDATE_SECRET="frontend-shared-secret-for-tests")
    assert result.returncode != 0
    assert "RUNSTRENGTH_REVALIDATE_SECRET is set without RUNSTRENGTH_FRONTEND_URL" in result.stderr


def test_a_short_secret_is_refused_by_the_package(tmp_path):
    result = example_settings(
        tmp_path, RUNSTRENGTH_FRONTEND_URL="http://127.0.0.1:3000", RUNSTRENGTH_REVALIDATE_SECRET="short"
    )
    assert result.returncode != 0 and "must be a string of at least 16 characters" in result.stderr
