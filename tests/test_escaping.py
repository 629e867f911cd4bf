"""Text an editor writes reaches the reader escaped exactly once: never raw, never shown as ``&amp;lt;``.

``tests/browser/test_hostile_content.py`` shows the markup in ``tests/hostile.py``
never runs in Chromium. These tests read the same site as documents: the
JSON-LD is valid JSON with no ``<`` or ``>`` left in the block, the feeds and
the sitemap are well-formed XML that keep the text, and no page escapes twice,
the mistake that turns an exercise called "Squats & lunges" into
"Squats &amp;amp; lunges" for the screen-reader user who hears the video
player's title.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import django.contrib.sitemaps
import pytest
from django.urls import path as url_path
from wagtail.contrib.sitemaps.views import sitemap

from tests.factories import ExerciseFactory
from tests.hostile import build_hostile_site, hostile
from tests.urls import urlpatterns as host_urlpatterns
from wagtail_runstrength.models import ExerciseLibraryPage
from wagtail_runstrength.templatetags.wagtail_runstrength_tags import player_html

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

urlpatterns = [url_path("sitemap.xml", sitemap), *host_urlpatterns]

NAME = 'Squats & <b>"lunges"</b>'


class IframeTitles(HTMLParser):
    def __init__(self):
        super().__init__()
        self.titles = []

    def handle_starttag(self, tag, attrs):
        if tag == "iframe":
            self.titles.append(dict(attrs).get("title"))


def iframe_titles(html: str) -> list[str]:
    parser = IframeTitles()
    parser.feed(html)
    return parser.titles


def test_the_video_player_title_is_the_exercise_name_escaped_once(client, site):
    ExerciseFactory(name=NAME, slug="squats", video_url="https://www.youtube.com/watch?v=abcdefghijk")
    site.root_page.add_child(instance=ExerciseLibraryPage(title="Exercises", slug="exercises"))
    html = client.get("/exercises/squats/").content.decode()
    # The player waits in a <template>; a browser parses it as HTML, as this parser does.
    assert iframe_titles(html) == [f"Demonstration of {NAME}"]


def test_player_html_escapes_a_plain_title_from_the_embed_provider():
    assert iframe_titles(player_html('<iframe src="https://player.vimeo.com/video/1"></iframe>', NAME)) == [NAME]


@pytest.fixture
def hostile_site(site, index_page, settings):
    sitemap_templates = Path(django.contrib.sitemaps.__file__).parent / "templates"
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], sitemap_templates]}]
    return build_hostile_site(site, index_page)


def json_ld_blocks(html: str) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.DOTALL)


def strings(data) -> list[str]:
    """Every string in a JSON value, at any depth."""
    if isinstance(data, str):
        return [data]
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [text for value in values for text in strings(value)]


@pytest.mark.parametrize("name", ["article", "exercise"])
def test_json_ld_is_valid_json_with_the_markup_kept_as_text(hostile_site, client, name):
    blocks = json_ld_blocks(client.get(hostile_site["reader"][name]).content.decode())
    assert blocks
    for raw in blocks:
        assert "<" not in raw and ">" not in raw, raw[:200]
        assert any("</script>" in text for text in strings(json.loads(raw)))


def test_json_ld_of_the_article_holds_its_authors_name_as_typed(hostile_site, client):
    article = json.loads(json_ld_blocks(client.get(hostile_site["reader"]["article"]).content.decode())[0])
    assert hostile("author-name") in strings(article)


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_feeds_are_well_formed_xml_that_keep_the_text(hostile_site, client, feed):
    response = client.get(hostile_site["reader"][feed])
    root = ElementTree.fromstring(response.content)  # noqa: S314 - the test server's own feed
    assert hostile("article-title") in "".join(root.itertext())
    assert not [element.tag for element in root.iter() if element.tag.lower().endswith("script")]


def test_sitemap_is_well_formed_xml_listing_the_hostile_pages(hostile_site, client):
    response = client.get("/sitemap.xml", HTTP_HOST="localhost")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - the test server's own sitemap
    locations = [element.text for element in root.iter() if element.tag.endswith("loc")]
    assert "http://localhost" + hostile_site["article"].url in locations
    assert "http://localhost/exercises/calf-raise/" in locations


@pytest.mark.parametrize("name", ["article", "index", "index by tag", "tags", "library", "exercise", "rss", "atom"])
def test_no_reader_page_escapes_twice(hostile_site, client, name):
    html = client.get(hostile_site["reader"][name]).content.decode()
    assert "&lt;script&gt;" in html or "\\u003Cscript" in html  # the markup is there, escaped
    assert not re.findall(r".{0,60}&amp;(?:lt|gt|quot|amp|#x27|#39);", html)
