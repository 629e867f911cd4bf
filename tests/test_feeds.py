"""Feeds, the tag listing and sitemap entries: what feed readers and crawlers find on a clinic's blog."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.contrib.sites.requests import RequestSite
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import PageViewRestriction

from tests.factories import ArticleCategoryFactory, ArticlePageFactory, ClinicianFactory, ExerciseFactory
from wagtail_runstrength.models import ExerciseLibraryPage, RunStrengthSettings

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def articles(index_page):
    """Three readable articles, newest first, plus a draft and a private one that must never appear."""
    gear = ArticleCategoryFactory(name="Gear")
    pages = []
    for n, (title, tags) in enumerate(
        [("Hill sprints", ["speed"]), ("Trail shoes", ["shoes", "speed"]), ("Warm-up", [])]
    ):
        page = ArticlePageFactory(
            parent=index_page,
            title=title,
            excerpt=f"All about {title.lower()}.",
            date=datetime.date(2026, 3, 10 - n),
            author=ClinicianFactory(name=f"Author {n}", credentials="PT"),
            category=gear if n == 1 else None,
        )
        page.tags.add(*tags)
        page.save()
        pages.append(page)
    draft = ArticlePageFactory(parent=index_page, title="Unfinished draft", live=False)
    draft.tags.add("speed")
    draft.save()
    private = ArticlePageFactory(parent=index_page, title="Members only")
    private.tags.add("speed")
    private.save()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return pages


def get_xml(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    return ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test


def test_rss_feed_lists_live_public_articles_newest_first(client, index_page, articles):
    channel = get_xml(client, "/blog/feed/rss/", "application/rss+xml").find("channel")
    assert channel.findtext("title") == "Blog"
    assert channel.findtext("link") == "http://localhost/blog/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Hill sprints", "Trail shoes", "Warm-up"]
    first = items[0]
    assert first.findtext("link") == "http://localhost" + articles[0].url
    assert first.findtext("description") == "All about hill sprints."
    assert parsedate_to_datetime(first.findtext("pubDate")).date() == datetime.date(2026, 3, 10)
    assert first.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Author 0, PT"
    assert [c.text for c in items[1].findall("category")] == ["Gear", "shoes", "speed"]


def test_atom_feed_has_entries_with_links_and_dates(client, index_page, articles):
    feed = get_xml(client, "/blog/feed/atom/", "application/atom+xml")
    assert feed.tag == f"{ATOM}feed"
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"][0]
    assert self_link.get("href") == "http://testserver/blog/feed/atom/"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Hill sprints", "Trail shoes", "Warm-up"]
    entry = entries[0]
    assert entry.find(f"{ATOM}link").get("href") == "http://localhost" + articles[0].url
    assert datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published")).date() == datetime.date(2026, 3, 10)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Author 0, PT"


def test_drafts_and_private_articles_never_reach_a_feed(client, index_page, articles):
    for url in ("/blog/feed/rss/", "/blog/feed/atom/", "/blog/tag/speed/feed/rss/"):
        body = client.get(url).content.decode()
        assert "Unfinished draft" not in body and "Members only" not in body


def test_tag_feeds_hold_only_articles_with_the_tag(client, index_page, articles):
    channel = get_xml(client, "/blog/tag/speed/feed/rss/", "application/rss+xml").find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["Hill sprints", "Trail shoes"]
    assert channel.findtext("link") == "http://localhost/blog/?tag=speed"
    assert "speed" in channel.findtext("title")
    atom = get_xml(client, "/blog/tag/shoes/feed/atom/", "application/atom+xml")
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == ["Trail shoes"]


def test_unknown_tag_feed_is_not_found(client, index_page, articles):
    assert client.get("/blog/tag/no-such-tag/feed/rss/").status_code == 404


def test_feed_title_carries_the_clinic_name_and_links_point_at_the_frontend(client, site, index_page, articles):
    RunStrengthSettings.objects.create(
        site=site, clinic_name="Northside Running Clinic", frontend_base_url="https://www.example-clinic.com"
    )
    channel = get_xml(client, "/blog/feed/rss/", "application/rss+xml").find("channel")
    assert channel.findtext("title") == "Blog | Northside Running Clinic"
    assert channel.findtext("link") == "https://www.example-clinic.com/blog/"
    assert channel.find("item").findtext("link") == "https://www.example-clinic.com" + articles[0].url


def test_index_page_advertises_its_feeds_and_links_the_tag_listing(client, index_page, articles):
    html = client.get("/blog/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="Blog (RSS)" href="/blog/feed/rss/">' in html
    assert 'type="application/atom+xml"' in html
    assert '<a href="/blog/tags/">Browse by topic</a>' in html


def test_tag_listing_counts_readable_articles_and_links_to_the_filter(client, index_page, articles):
    response = client.get("/blog/tags/")
    assert response.status_code == 200
    html = response.content.decode()
    assert [(tag["tag__slug"], tag["count"]) for tag in response.context["tag_counts"]] == [
        ("speed", 2),  # the draft and the private article are not counted
        ("shoes", 1),
    ]
    assert '<a href="/blog/?tag=speed">speed <span class="rs-tag-list__count">2 articles</span></a>' in html
    assert html.count("<h1") == 1


def test_an_article_slug_is_still_served_beside_the_routes(client, index_page):
    page = ArticlePageFactory(parent=index_page, title="Feed", slug="feed")
    assert client.get("/blog/feed/").context["page"] == page
    assert client.get("/blog/feed/rss/")["Content-Type"].startswith("application/rss+xml")


def test_sitemap_lists_articles_the_index_and_every_published_exercise(rf, site, index_page, articles):
    library = ExerciseLibraryPage(title="Exercise library", slug="exercises")
    site.root_page.add_child(instance=library)
    squat = ExerciseFactory(name="Squat", slug="squat")
    ExerciseFactory(name="Draft move", slug="draft-move", live=False)
    request = rf.get("/sitemap.xml", HTTP_HOST="localhost")
    urls = {entry["location"]: entry for entry in Sitemap(request).get_urls(site=RequestSite(request), protocol="http")}
    assert "http://localhost/blog/" in urls
    for article in articles:
        assert "http://localhost" + article.url in urls
    assert "http://localhost/exercises/" in urls
    assert urls["http://localhost/exercises/squat/"]["lastmod"] == squat.last_published_at
    assert not any("draft" in url or "members-only" in url for url in urls)


def test_sitemap_entries_point_at_the_frontend_when_the_site_has_one(rf, site, index_page, articles):
    RunStrengthSettings.objects.create(site=site, frontend_base_url="https://www.example-clinic.com/")
    library = ExerciseLibraryPage(title="Exercise library", slug="exercises")
    site.root_page.add_child(instance=library)
    ExerciseFactory(slug="squat")
    request = rf.get("/sitemap.xml", HTTP_HOST="localhost")
    assert (
        articles[0].specific.get_sitemap_urls(request)[0]["location"]
        == "https://www.example-clinic.com" + articles[0].url
    )
    assert index_page.get_sitemap_urls(request)[0]["location"] == "https://www.example-clinic.com/blog/"
    assert [entry["location"] for entry in library.get_sitemap_urls(request)] == [
        "https://www.example-clinic.com/exercises/",
        "https://www.example-clinic.com/exercises/squat/",
    ]


def test_feed_query_count_does_not_grow_with_articles(client, index_page):
    def count():
        client.get("/blog/feed/rss/")  # warm up: the site's settings row is created on first use
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/blog/feed/rss/").status_code == 200
        return len(queries)

    for n in range(2):
        ArticlePageFactory(parent=index_page, author=ClinicianFactory()).tags.add(f"tag-{n}")
    few = count()
    for n in range(8):
        ArticlePageFactory(parent=index_page, author=ClinicianFactory()).tags.add(f"more-{n}")
    assert count() == few
