"""Plain text from rich text: words either side of a paragraph, list item or line break never run together.

``text.plain_text`` is unit-tested first; then one article with a two-paragraph
introduction is followed into every place that shows its excerpt: the index
card, the meta and OpenGraph descriptions, the JSON-LD, the RSS and Atom feeds
and API v2 and v3.
"""

import json
import xml.etree.ElementTree as ET

import pytest
from wagtail.rich_text import RichText

from tests.factories import ArticlePageFactory
from tests.test_seo import Head
from wagtail_runstrength.readtime import count_words
from wagtail_runstrength.text import plain_text

TWO_PARAGRAPHS = "<p>Strength work keeps runners <b>healthy</b>.</p><p>Second paragraph: squats &amp; lunges.</p>"
SEPARATED = "Strength work keeps runners healthy. Second paragraph: squats & lunges."
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (TWO_PARAGRAPHS, SEPARATED),
        ("<p>One</p>\n<p>Two</p>", "One Two"),
        ("<ul><li>Squats</li><li>Lunges</li><li>Calf raises</li></ul>", "Squats Lunges Calf raises"),
        ("<p>Before the list:</p><ol><li>one</li><li>two</li></ol><p>After.</p>", "Before the list: one two After."),
        ("Line one<br>Line two<br/>Line three<br />end", "Line one Line two Line three end"),
        ("<h2>Warm up</h2><p>Start slowly.</p><h3>Then</h3>more", "Warm up Start slowly. Then more"),
        ("<blockquote>Quoted</blockquote>Said", "Quoted Said"),
        ("<div>a</div><div>b</div>", "a b"),
        ("<table><tr><td>Sets</td><td>3</td></tr><tr><td>Reps</td><td>10</td></tr></table>", "Sets 3 Reps 10"),
        ("before<hr>after", "before after"),
        # Inline elements join what they wrap, as a reader sees it.
        ("<p><b>Bold</b>ly <i>ital</i>ic <a href='/x/' linktype='page' id='3'>link</a>ed</p>", "Boldly italic linked"),
        # Entities are decoded exactly once.
        ("<p>Tom &amp; Jerry &lt;3 &quot;quoted&quot; &#8212; caf&eacute;</p>", 'Tom & Jerry <3 "quoted" — café'),
        ("<p>&amp;lt;p&amp;gt; stays text</p>", "&lt;p&gt; stays text"),
        # Whitespace of every kind collapses; the ends are trimmed.
        ("  <p>  spaced \n\t out&nbsp;&nbsp;text </p>  ", "spaced out text"),
        # Nothing a reader does not see.
        ("<p>Shown</p><script>alert('x')</script><style>p{}</style><!-- note -->", "Shown"),
        # Plain text stays as it is, and so does a lone "<".
        ("Already plain, 5 < 6", "Already plain, 5 < 6"),
        ("", ""),
        (None, ""),
    ],
)
def test_plain_text(html, expected):
    assert plain_text(html) == expected


def test_plain_text_reads_a_rich_text_value_from_its_source_and_returns_an_unsafe_str():
    text = plain_text(RichText("<p>One &amp; two</p><p>three</p>"))
    assert text == "One & two three"
    assert type(text) is str  # never SafeString: templates escape it once


def test_glued_paragraphs_no_longer_undercount_words():
    assert count_words(["<p>one two.</p><p>three</p>", "<ul><li>four</li><li>five</li></ul>"]) == 5


# End to end


@pytest.fixture
def article(index_page):
    index_page.intro = "<p>The clinic&#x27;s blog.</p><p>Written by physios.</p>"
    index_page.save_revision().publish()
    return ArticlePageFactory(parent=index_page, title="Two paragraphs", intro=TWO_PARAGRAPHS, excerpt="")


def test_card_excerpt_separates_the_paragraphs(article):
    assert article.card_excerpt == SEPARATED


def test_index_card_shows_separated_words_escaped_once(client, article):
    html = client.get("/blog/").content.decode()
    assert "Strength work keeps runners healthy. Second paragraph: squats &amp; lunges." in html
    assert "healthy.Second" not in html
    assert "&amp;amp;" not in html


def test_meta_opengraph_and_json_ld_descriptions_separate_the_paragraphs(client, article):
    html = client.get(article.url).content.decode()
    head = Head(html)
    assert head.first("description") == SEPARATED
    assert head.first("og:description") == SEPARATED
    assert head.first("twitter:description") == SEPARATED
    (data,) = head.json_ld
    assert data["description"] == SEPARATED
    assert data["mainEntity"]["description"] == SEPARATED
    assert "&amp;amp;" not in html
    assert "healthy.Second" not in html


def test_index_meta_description_separates_the_paragraphs(client, article):
    head = Head(client.get("/blog/").content.decode())
    assert head.first("description") == "The clinic's blog. Written by physios."


def test_feeds_separate_the_paragraphs(client, article):
    rss = ET.fromstring(client.get("/blog/feed/rss/").content)  # noqa: S314 - our own feed, in a test
    channel = rss.find("channel")
    assert channel.findtext("description") == "The clinic's blog. Written by physios."
    assert channel.find("item").findtext("description") == SEPARATED
    atom = ET.fromstring(client.get("/blog/feed/atom/").content)  # noqa: S314 - our own feed, in a test
    assert atom.findtext(f"{ATOM}subtitle") == "The clinic's blog. Written by physios."
    assert atom.find(f"{ATOM}entry").findtext(f"{ATOM}summary") == SEPARATED


def test_api_excerpts_separate_the_paragraphs(client, article):
    listing = client.get("/api/v2/articles/").json()
    assert listing["items"][0]["excerpt"] == SEPARATED
    assert client.get(f"/api/v2/articles/{article.pk}/").json()["excerpt"] == SEPARATED
    v3 = client.get(f"/api/v3/pages/{article.pk}/").json()
    assert v3["excerpt"] == SEPARATED
    assert "healthy.Second" not in json.dumps(v3)
