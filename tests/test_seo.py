"""What search engines and link previews read: meta tags, canonical links, JSON-LD and responsive images."""

import datetime
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template import engines
from wagtail.images.models import Filter
from wagtail.images.templatetags.wagtailimages_tags import ImageNode

from tests.factories import (
    ArticleCategoryFactory,
    ArticlePageFactory,
    ClinicianFactory,
    ExerciseFactory,
    ImageFactory,
    MuscleGroupFactory,
)
from tests.test_article_page import full_article
from wagtail_runstrength import images, seo
from wagtail_runstrength.models import ExerciseLibraryPage, RunStrengthSettings

pytestmark = pytest.mark.django_db

TEMPLATES = Path(images.__file__).parent / "templates" / "wagtail_runstrength"


class Head(HTMLParser):
    """Collects ``<meta>``, ``<link>``, JSON-LD scripts and images of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.meta, self.links, self.json_ld, self.imgs, self.sources = {}, [], [], [], []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
        elif tag == "img":
            self.imgs.append(attrs)
        elif tag == "source":
            self.sources.append(attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def first(self, key):
        return self.meta.get(key, [None])[0]

    def link(self, rel):
        return [link for link in self.links if link.get("rel") == rel]


@pytest.fixture
def clinic(site):
    return RunStrengthSettings.objects.create(site=site, clinic_name="Northside Running Clinic", logo=ImageFactory())


@pytest.fixture
def article(index_page, clinic):
    calves = MuscleGroupFactory(name="Calves")
    exercises = [
        ExerciseFactory(name="Squat to calf raise", target_muscles=[calves], reps=12, rest_seconds=45),
        ExerciseFactory(name="Bulgarian split lunge", per_side=True),
        ExerciseFactory(name="Side hip abduction"),
        ExerciseFactory(name="Side plank", reps=None, seconds=30, rest_seconds=30),
    ]
    page = full_article(
        index_page,
        exercises=exercises,
        title="The essential guide to strength training for runners",
        excerpt="Why runners lift, the four moves to start with and how to fit them in.",
        hero_image=ImageFactory(
            description="A runner squatting with a kettlebell", file__width=1600, file__height=1000
        ),
        category=ArticleCategoryFactory(name="Athletic Performance"),
        author=ClinicianFactory(name="Sam Lee", credentials="PT"),
        reviewer=ClinicianFactory(name="Dana Ortiz", credentials="DPT, OCS", role="Physical therapist"),
        last_reviewed=datetime.date(2026, 10, 1),
        date=datetime.date(2026, 9, 14),
    )
    page.tags.add("Running", "Strength")
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def get_head(client, url) -> Head:
    response = client.get(url)
    assert response.status_code == 200
    return Head(response.content.decode())


def find(node, type_name):
    """Every JSON-LD object of ``type_name`` anywhere under ``node``."""
    found = []
    if isinstance(node, dict):
        if node.get("@type") == type_name:
            found.append(node)
        for value in node.values():
            found.extend(find(value, type_name))
    elif isinstance(node, list):
        for value in node:
            found.extend(find(value, type_name))
    return found


def test_article_has_description_canonical_opengraph_and_twitter_tags(client, article):
    head = get_head(client, article.url)
    url = "http://localhost" + article.url
    assert head.first("description") == article.excerpt
    assert [link["href"] for link in head.link("canonical")] == [url]
    assert head.first("og:type") == "article"
    assert head.first("og:title") == article.title
    assert head.first("og:url") == url
    assert head.first("og:site_name") == "Northside Running Clinic"
    assert head.first("og:image").startswith("http://testserver/media/images/")
    assert head.first("og:image").endswith(".format-jpeg.fill-1200x675-c50.jpg")
    assert (head.first("og:image:width"), head.first("og:image:height")) == ("1200", "675")
    assert head.first("og:image:alt") == "A runner squatting with a kettlebell"
    assert head.first("article:section") == "Athletic Performance"
    assert sorted(head.meta["article:tag"]) == ["Running", "Strength"]
    assert head.first("article:published_time") == "2026-09-14"
    assert head.first("twitter:card") == "summary_large_image"
    assert head.first("twitter:image") == head.first("og:image")


def test_meta_description_falls_back_to_the_intro(client, index_page):
    page = ArticlePageFactory(parent=index_page, intro="<p>Short <b>and</b> plain.</p>", excerpt="")
    assert get_head(client, page.url).first("description") == "Short and plain."


def test_article_json_ld_is_a_reviewed_medical_web_page_about_a_blog_posting(client, article):
    head = get_head(client, article.url)
    assert len(head.json_ld) == 1
    data = head.json_ld[0]
    url = "http://localhost" + article.url
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["url"] == url
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Dana Ortiz",
        "honorificSuffix": "DPT, OCS",
        "hasCredential": [
            {"@type": "EducationalOccupationalCredential", "name": "DPT"},
            {"@type": "EducationalOccupationalCredential", "name": "OCS"},
        ],
        "jobTitle": "Physical therapist",
    }
    assert data["lastReviewed"] == "2026-10-01"

    posting = data["mainEntity"]
    assert posting["@type"] == "BlogPosting"
    assert posting["headline"] == article.title
    assert posting["author"]["name"] == "Sam Lee"
    assert posting["datePublished"] == "2026-09-14"
    modified = datetime.datetime.fromisoformat(posting["dateModified"])
    assert modified == article.last_published_at.replace(microsecond=0)
    assert posting["publisher"]["@type"] == "Organization"
    assert posting["publisher"]["name"] == "Northside Running Clinic"
    assert posting["publisher"]["url"] == "http://localhost/"
    assert posting["publisher"]["logo"]["url"].startswith("http://testserver/media/images/")
    assert posting["image"]["url"] == head.first("og:image")
    assert (posting["image"]["width"], posting["image"]["height"]) == (1200, 675)
    assert posting["wordCount"] == article.word_count > 0
    assert posting["timeRequired"] == f"PT{article.read_time_minutes}M"
    assert posting["articleSection"] == "Athletic Performance"


def test_article_exercises_are_an_exercise_plan_with_repetitions_and_rest(client, article):
    data = get_head(client, article.url).json_ld[0]
    plan = data["mainEntity"]["hasPart"]
    assert plan["@type"] == "ExercisePlan"
    steps = plan["hasPart"]
    assert [step["name"] for step in steps] == [
        "Squat to calf raise",
        "Bulgarian split lunge",
        "Side hip abduction",
        "Side plank",
    ]
    assert all(step["@type"] == "ExercisePlan" for step in steps)
    squat, lunge, abduction, plank = steps
    assert squat["repetitions"] == {"@type": "QuantitativeValue", "value": 12, "unitText": "repetitions per set"}
    assert squat["restPeriods"] == {"@type": "QuantitativeValue", "value": 45, "unitText": "seconds", "unitCode": "SEC"}
    assert squat["additionalVariable"] == "3 sets"
    assert lunge["additionalVariable"] == "3 sets, each side"
    assert abduction["text"] == "Go slow."  # the article's note for this exercise
    assert plank["activityDuration"] == "PT30S" and "repetitions" not in plank
    assert squat["image"]["url"].endswith(".format-jpeg.fill-720x480-c50.jpg")


def test_json_ld_escapes_markup_in_content(client, index_page):
    nasty = 'Squats </script><script>alert("x")</script> & <!-- more'
    page = ArticlePageFactory(parent=index_page, title=nasty, excerpt=nasty)
    html = client.get(page.url).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and ">" not in script and "&" not in script
    assert "\\u003C/script\\u003E" in script
    data = json.loads(script)
    assert data["mainEntity"]["headline"] == nasty and data["description"] == nasty
    assert "<script>alert" not in html


def test_json_ld_script_escapes_like_json_script():
    html = seo.json_ld_script({"name": "</script>&"})
    assert html == '<script type="application/ld+json">{"name":"\\u003C/script\\u003E\\u0026"}</script>'
    assert seo.json_ld_script({}) == ""


@pytest.mark.parametrize(
    ("minutes", "duration"),
    [(1, "PT1M"), (12, "PT12M"), (60, "PT1H"), (75, "PT1H15M"), (0, None)],
)
def test_read_time_becomes_an_iso_8601_duration(minutes, duration):
    assert seo.iso_duration(minutes) == duration


def test_links_point_at_the_frontend_when_the_site_has_one(client, article, clinic):
    clinic.frontend_base_url = "https://www.example-clinic.com/"
    clinic.save()
    head = get_head(client, article.url)
    url = "https://www.example-clinic.com" + article.url
    assert [link["href"] for link in head.link("canonical")] == [url]
    assert head.first("og:url") == url
    assert head.json_ld[0]["url"] == url
    assert head.json_ld[0]["mainEntity"]["publisher"]["url"] == "https://www.example-clinic.com/"
    # Images are still served by the CMS.
    assert head.first("og:image").startswith("http://testserver/media/")


def test_article_links_its_index_feeds(client, article):
    head = get_head(client, article.url)
    feeds = {link["type"]: link["href"] for link in head.link("alternate")}
    assert feeds == {
        "application/rss+xml": "/blog/feed/rss/",
        "application/atom+xml": "/blog/feed/atom/",
    }


def test_hero_is_an_eager_high_priority_picture_and_cards_load_lazily(client, article):
    head = get_head(client, article.url)
    hero = next(img for img in head.imgs if img.get("alt") == "A runner squatting with a kettlebell")
    assert hero.get("fetchpriority") == "high" and "loading" not in hero
    assert hero["src"].endswith(".format-jpeg.fill-480x270-c50.jpg")
    assert (hero["width"], hero["height"]) == ("480", "270")
    assert "800w" in hero["srcset"] and "1200w" in hero["srcset"]
    types = [source["type"] for source in head.sources]
    assert types.count("image/avif") == types.count("image/webp") >= 5  # hero and four exercise cards
    cards = [img for img in head.imgs if img is not hero]
    assert cards and all(img["loading"] == "lazy" and img["width"] and img["height"] and img["sizes"] for img in cards)
    assert all(img.get("alt") for img in cards)  # exercise photos carry their description


def test_every_image_spec_in_the_templates_is_prefetched():
    """A template spec missing from ``images.ALL_SPECS`` would cost a query per image."""
    engine = engines["django"].engine
    checked = 0
    for path in TEMPLATES.rglob("*.html"):
        template = engine.get_template(str(path.relative_to(TEMPLATES.parent)))
        for node in template.nodelist.get_nodes_by_type(ImageNode):
            for spec in Filter.expand_spec(node.filter_specs):
                assert spec in images.ALL_SPECS, f"{path.name}: {spec}"
                checked += 1
    assert checked >= 20
    assert {images.SHARE_SPEC, images.CARD_SHARE_SPEC} <= set(images.PICTURE_SPECS)


def test_exercise_page_is_a_web_page_about_an_exercise_plan(client, site, clinic):
    library = ExerciseLibraryPage(title="Exercise library", slug="exercises")
    site.root_page.add_child(instance=library)
    exercise = ExerciseFactory(
        name="Lateral step up",
        slug="lateral-step-up",
        summary="Builds hip and knee control.",
        reps=10,
        per_side=True,
        rest_seconds=60,
        instructions=[("step", "Stand beside a step."), ("step", "Step up sideways.")],
    )
    head = get_head(client, "/exercises/lateral-step-up/")
    url = "http://localhost/exercises/lateral-step-up/"
    assert [link["href"] for link in head.link("canonical")] == [url]
    assert head.first("description") == "Builds hip and knee control."
    assert head.first("og:image").endswith(".format-jpeg.fill-720x480-c50.jpg")
    data = head.json_ld[0]
    assert data["@type"] == "WebPage" and data["url"] == url
    plan = data["mainEntity"]
    assert plan["@type"] == "ExercisePlan" and plan["name"] == exercise.name
    assert plan["repetitions"]["value"] == 10
    assert plan["restPeriods"]["value"] == 60
    assert plan["text"] == "Stand beside a step. Step up sideways."
    assert data["isPartOf"]["url"] == "http://localhost/exercises/"


def test_exercises_in_article_json_ld_link_to_the_library(client, site, article):
    library = ExerciseLibraryPage(title="Exercise library", slug="exercises")
    site.root_page.add_child(instance=library)
    data = get_head(client, article.url).json_ld[0]
    steps = data["mainEntity"]["hasPart"]["hasPart"]
    exercise = article.exercises.order_by("pk").first()
    assert steps[0]["url"] == f"http://localhost/exercises/{exercise.slug}/"


def test_ordinary_pages_get_a_canonical_link_and_no_json_ld(client, index_page):
    head = get_head(client, index_page.url)
    assert [link["href"] for link in head.link("canonical")] == ["http://localhost/blog/"]
    assert head.first("og:type") == "website"
    assert head.json_ld == []
