"""Public addresses, built in one place (``public_urls.py``) for pages, routes, feeds and the frontend."""

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Page, Site

from tests.factories import ArticlePageFactory, HomePageFactory
from wagtail_runstrength.models import RunStrengthSettings
from wagtail_runstrength.public_urls import PublicUrls, frontend_cache_key, join, public_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    # Test transactions roll settings rows back without a delete signal: start each test clean.
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("base", "path", "expected"),
    [
        ("/blog", "tags/", "/blog/tags/"),
        ("/blog/", "tags/", "/blog/tags/"),
        ("/blog/", "/tags/", "/blog/tags/"),
        ("https://www.clinic.example//", "preview/", "https://www.clinic.example/preview/"),
        ("", "tags/", "/tags/"),
        (None, "tags/", "/tags/"),
        ("/blog/", "", "/blog/"),
    ],
)
def test_join_puts_exactly_one_slash_between(base, path, expected):
    assert join(base, path) == expected


def test_without_a_frontend_pages_are_on_the_sites_own_host(index_page):
    article = ArticlePageFactory(parent=index_page, slug="hill-sprints")
    assert public_url(article) == "http://localhost/blog/hill-sprints/"
    assert public_url(article, suffix="feed/rss/") == "http://localhost/blog/hill-sprints/feed/rss/"


@pytest.mark.parametrize("base", ["https://www.clinic.example", "https://www.clinic.example/"])
def test_with_a_frontend_pages_point_there_whatever_its_trailing_slash(site, index_page, base):
    RunStrengthSettings.objects.create(site=site, frontend_base_url=base)
    article = ArticlePageFactory(parent=index_page, slug="hill-sprints")
    request = RequestFactory().get("/", SERVER_NAME="localhost")
    for url in (public_url(article), public_url(article, request), PublicUrls().page(article)):
        assert url == "https://www.clinic.example/blog/hill-sprints/"
    assert public_url(index_page, request, "feed/atom/") == "https://www.clinic.example/blog/feed/atom/"


def test_a_page_outside_every_site_has_no_public_address(site):
    stray = HomePageFactory(parent=Page.get_first_root_node(), slug="stray")
    assert public_url(stray) == ""
    assert PublicUrls().page(stray) is None


def test_a_page_of_another_site_gets_that_sites_frontend_not_the_requests(site, index_page):
    RunStrengthSettings.objects.create(site=site, frontend_base_url="https://www.clinic.example")
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other")
    other = Site.objects.create(hostname="other.example", root_page=other_home)
    RunStrengthSettings.objects.create(site=other, frontend_base_url="https://read.other.example")
    request = RequestFactory().get("/", SERVER_NAME="localhost")
    assert public_url(other_home, request) == "https://read.other.example/"
    assert public_url(index_page, request) == "https://www.clinic.example/blog/"


def test_saving_the_settings_drops_the_cached_frontend_base(site, index_page):
    settings = RunStrengthSettings.objects.create(site=site, frontend_base_url="https://old.example")
    assert PublicUrls().page(index_page) == "https://old.example/blog/"
    assert cache.get(frontend_cache_key(site.pk)) == "https://old.example"
    settings.frontend_base_url = "https://new.example"
    settings.save()
    assert cache.get(frontend_cache_key(site.pk)) is None
    assert PublicUrls().page(index_page) == "https://new.example/blog/"


def test_route_urls_and_item_subpaths_have_one_slash(monkeypatch, index_page):
    # Wagtail reads WAGTAIL_APPEND_SLASH once, at import: patch the value it read.
    monkeypatch.setattr("wagtail.models.pages.WAGTAIL_APPEND_SLASH", False)
    assert index_page.get_url() == "/blog"
    assert index_page.route_url(None, "tags") == "/blog/tags/"
    html = Template("{% load wagtail_runstrength_tags %}{{ base|rs_subpath:slug }}").render(
        Context({"base": "/exercises", "slug": "single-leg-squat"})
    )
    assert html == "/exercises/single-leg-squat/"


def test_item_subpaths_keep_an_existing_trailing_slash_and_encode_the_slug():
    html = Template("{% load wagtail_runstrength_tags %}{{ base|rs_subpath:slug }}").render(
        Context({"base": "/exercises/", "slug": "sentadilla-búlgara"})
    )
    assert html == "/exercises/sentadilla-b%C3%BAlgara/"
