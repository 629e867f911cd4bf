"""The example site serves ``/sitemap.xml`` and ``/robots.txt``: crawlers find every public page and nothing else.

These tests serve the example's own URLconf (``clinic_site.urls``, with
``example_project`` on the path, as ``tests/test_site_search.py`` does) and its
robots template. The test settings do not install ``django.contrib.sitemaps``,
whose ``sitemap.xml`` template Wagtail's view renders, so its templates are
added to the template directories here; ``test_the_example_installs_the_sitemaps_app``
checks the example itself installs it.
"""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import django.contrib.sitemaps
import pytest
from wagtail.models import Page, PageViewRestriction, Site

from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, ExerciseFactory, HomePageFactory
from wagtail_runstrength.models import ExerciseLibraryPage

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "example_project"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def example_urls_and_templates(settings, monkeypatch):
    monkeypatch.syspath_prepend(str(EXAMPLE))
    settings.ROOT_URLCONF = "clinic_site.urls"
    template_dirs = [EXAMPLE / "clinic" / "templates", Path(django.contrib.sitemaps.__file__).parent / "templates"]
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], *template_dirs]}]


def sitemap_locations(client, host="localhost") -> list[str]:
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - the test server's own sitemap
    return [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]


@pytest.fixture
def public_and_hidden_pages(site, index_page):
    """Live articles and exercises, and one of each kind of page a crawler must never be told about."""
    library = ExerciseLibraryPage(title="Exercises", slug="exercises")
    site.root_page.add_child(instance=library)
    ExerciseFactory(name="Squat", slug="squat")
    ExerciseFactory(name="Unpublished move", slug="unpublished-move", live=False)
    ArticlePageFactory(parent=index_page, title="Hill sprints", slug="hill-sprints")
    ArticlePageFactory(parent=index_page, title="Draft", slug="draft-article", live=False)
    members = ArticleIndexPageFactory(parent=site.root_page, slug="members-only")
    ArticlePageFactory(parent=members, title="Members", slug="members-article")
    PageViewRestriction.objects.create(page=members, restriction_type="password", password="x")
    restricted = ArticlePageFactory(parent=index_page, title="Private", slug="private-article")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-clinic")
    Site.objects.create(hostname="other.example", root_page=other_home)
    other_blog = ArticleIndexPageFactory(parent=other_home, slug="other-blog")
    ArticlePageFactory(parent=other_blog, title="Other clinic", slug="other-clinic-article")
    return site


def test_sitemap_lists_live_public_pages_and_published_exercises(client, public_and_hidden_pages):
    locations = sitemap_locations(client)
    assert "http://localhost/blog/hill-sprints/" in locations
    assert "http://localhost/blog/" in locations
    assert "http://localhost/exercises/" in locations
    assert "http://localhost/exercises/squat/" in locations


@pytest.mark.parametrize(
    "hidden",
    ["draft-article", "unpublished-move", "members-only", "members-article", "private-article", "other-clinic"],
)
def test_sitemap_never_lists_drafts_private_pages_or_other_sites(client, public_and_hidden_pages, hidden):
    assert not [location for location in sitemap_locations(client) if hidden in location]


def test_each_site_gets_its_own_sitemap(client, public_and_hidden_pages):
    assert sitemap_locations(client, host="other.example") == [
        "http://other.example/",
        "http://other.example/other-blog/",
        "http://other.example/other-blog/other-clinic-article/",
    ]


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, site):
    response = client.get("/robots.txt", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "<" not in response.content.decode()


def test_robots_txt_names_the_https_sitemap_behind_https(client, site, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/robots.txt", HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https")
    assert "Sitemap: https://localhost/sitemap.xml" in response.content.decode().splitlines()


def test_the_example_installs_the_sitemaps_app():
    """The URLconf above is the example's; its settings must install the app whose template it renders."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env["DJANGO_DEBUG"] = "1"
    script = "from django.apps import apps; print(apps.is_installed('django.contrib.sitemaps'))"
    result = subprocess.run(
        [sys.executable, str(EXAMPLE / "manage.py"), "shell", "--no-imports", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr
