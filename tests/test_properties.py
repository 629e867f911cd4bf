"""Properties of read time and related posts that hold for any content, checked with Hypothesis.

Example counts stay small so the suite stays quick, and no deadline applies
(``deadline=None``): the pages and images are made once per test, and each
example only changes what it draws.
"""

import datetime
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from taggit.models import Tag
from wagtail.models import Locale, Page, PageViewRestriction, Site

from tests.factories import (
    ArticleCategoryFactory,
    ArticleIndexPageFactory,
    ArticlePageFactory,
    HomePageFactory,
    ImageFactory,
)
from wagtail_runstrength.conf import get_setting
from wagtail_runstrength.models import ArticlePage
from wagtail_runstrength.readtime import count_words, read_time_minutes
from wagtail_runstrength.related import CATEGORY_WEIGHT, TAG_WEIGHT, related_articles

QUICK = settings(max_examples=40, deadline=None, database=None)
# The pages made once per test serve every example; the examples change only tags and picks.
WITH_PAGES = settings(
    max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Letters of several scripts: Latin with accents, Cyrillic, Greek, Arabic, Devanagari and CJK ideographs.
SCRIPTS = ["abcdefghijklmnopqrstuvwxyzéøß", "абвгдежзий", "αβγδεζηθ", "ابتثجحخ", "कखगघचछ", "漢字語文書読"]
WORD = st.sampled_from(SCRIPTS).flatmap(lambda letters: st.text(alphabet=letters, min_size=1, max_size=12))
WORDS = st.lists(WORD, max_size=60)
SEPARATORS = st.sampled_from([" ", "  ", "\n", "\t", " — ", ", ", ". ", "</p><p>", "<br>", "&nbsp;"])


# Read time


@QUICK
@given(words=st.integers(min_value=0, max_value=10**9), per_minute=st.integers(min_value=1, max_value=2000))
def test_read_time_is_at_least_a_minute_and_the_words_at_the_reading_rate_rounded_up(words, per_minute):
    minutes = read_time_minutes(words, per_minute)
    assert minutes >= 1
    assert minutes == max(1, math.ceil(words / per_minute))
    assert read_time_minutes(words + per_minute, per_minute) == max(1, math.ceil(words / per_minute) + 1)


@QUICK
@given(words=WORDS, separator=SEPARATORS)
def test_every_word_of_any_script_counts_once_whatever_separates_it(words, separator):
    text = separator.join(words)
    assert count_words([text]) == len(words)
    assert count_words([f"<p>{text}</p>"]) == len(words)


@QUICK
@given(words=WORDS, cut=st.integers(min_value=0, max_value=60))
def test_splitting_text_into_parts_keeps_the_count(words, cut):
    assert count_words([" ".join(words[:cut]), " ".join(words[cut:])]) == len(words)


@QUICK
@given(markup=st.sampled_from(["", " ", "<p></p>", "<p> </p>", "<br>", "&nbsp;", "<p>—</p>", "<img src=x alt=''>"]))
def test_text_without_words_counts_none(markup):
    assert count_words([markup]) == 0


@QUICK
@given(repeat=st.integers(min_value=0, max_value=200_000))
def test_a_huge_text_reads_at_the_configured_rate(repeat):
    assert count_words(["stride " * repeat]) == repeat
    assert read_time_minutes(repeat) == max(1, math.ceil(repeat / get_setting("WORDS_PER_MINUTE")))


@pytest.fixture
def images(db):
    return [ImageFactory() for _ in range(2)]


@pytest.mark.django_db
@WITH_PAGES
@given(
    title=st.lists(WORD, max_size=8),
    body=st.lists(st.tuples(st.sampled_from(["image", "heading", "paragraph"]), WORDS), max_size=6),
    blank_images=st.integers(min_value=0, max_value=20),
)
def test_an_articles_read_time_counts_its_words_and_no_image_adds_any(images, title, body, blank_images):
    """Read time from title and body blocks; uncaptioned images (even a body of only images) add nothing."""
    blocks, expected = [], len(title)
    for kind, words in body:
        text = " ".join(words)
        if kind == "heading" and not text:
            continue  # a heading needs text
        if kind == "image":
            blocks.append(
                ("image", {"image": {"image": images[0], "alt_text": "", "decorative": True}, "caption": text})
            )
        elif kind == "heading":
            blocks.append(("heading", {"text": text, "level": "h2"}))
        else:
            blocks.append(("paragraph", f"<p>{text}</p>"))
        expected += len(words)
    for n in range(blank_images):
        image = {"image": images[n % 2], "alt_text": "", "decorative": True}
        blocks.append(("image", {"image": image, "caption": ""}))
    page = ArticlePage(title=" ".join(title), intro="", body=blocks)
    assert page.word_count == expected
    assert page.compute_read_time() == read_time_minutes(expected) >= 1


# Related posts


@pytest.fixture
def pool(index_page):
    """Articles of every kind around a subject: readable ones and the kinds that must never be a card.

    The readable ones come in pairs sharing a date and a first-publication
    moment (ties are broken by id) and some share a category; the others are
    a draft, a private article, one on another site and one in another
    language. The examples only change the tags, through the tag table.
    """
    categories = [ArticleCategoryFactory(), ArticleCategoryFactory()]
    start = datetime.datetime(2026, 10, 1, 12, tzinfo=datetime.UTC)
    readable = []
    for n in range(8):
        moment = start - datetime.timedelta(days=n // 2)
        readable.append(
            ArticlePageFactory(
                parent=index_page,
                title=f"Readable {n}",
                date=moment.date(),
                first_published_at=moment,
                category=categories[n % 2] if n % 3 else None,
            )
        )
    draft = ArticlePageFactory(parent=index_page, title="Draft", live=False)
    hidden = ArticlePageFactory(parent=index_page, title="Private")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-clinic")
    Site.objects.create(hostname="other.example", root_page=other_home)
    elsewhere = ArticlePageFactory(parent=ArticleIndexPageFactory(parent=other_home, slug="blog"), title="Elsewhere")
    french = ArticlePageFactory(parent=index_page, title="Français", locale=Locale.objects.create(language_code="fr"))
    tags = {name: Tag.objects.create(name=name, slug=name) for name in TAGS}
    return {"readable": readable, "never": [draft, hidden, elsewhere, french], "tags": tags}


TAGS = ["running", "knee", "hips", "golf"]


def _retag(pool, tag_sets) -> dict[int, set[str]]:
    """Give each page of the pool its drawn tags (one delete, one insert) and return them by page id."""
    pages = pool["readable"] + pool["never"]
    through = ArticlePage.tags.through
    through.objects.filter(content_object__in=pages).delete()
    through.objects.bulk_create(
        through(content_object=page, tag=pool["tags"][name])
        for page, names in zip(pages, tag_sets, strict=True)
        for name in names
    )
    return {page.pk: names for page, names in zip(pages, tag_sets, strict=True)}


def _expected_automatic(subject, candidates, tags, exclude, count) -> list[int]:
    """The automatic cards as the package documents them, worked out in Python."""

    def score(page):
        same_category = subject.category_id is not None and page.category_id == subject.category_id
        return len(tags[page.pk] & tags[subject.pk]) * TAG_WEIGHT + same_category * CATEGORY_WEIGHT

    scored = [page for page in candidates if page.pk not in exclude and page.pk != subject.pk and score(page) > 0]
    scored.sort(key=lambda page: (-score(page), -page.date.toordinal(), -page.first_published_at.timestamp(), -page.pk))
    return [page.pk for page in scored[:count]]


@pytest.mark.django_db
@WITH_PAGES
@given(data=st.data(), limit=st.integers(min_value=1, max_value=12))
def test_related_posts_are_the_readable_picks_then_the_best_matches_and_nothing_else(pool, settings, data, limit):
    # The examples retag through the tag table, which no save signal sees: choose afresh every time.
    settings.WAGTAIL_RUNSTRENGTH = {"FRAGMENT_CACHE_TIMEOUT": 0}
    everything = pool["readable"] + pool["never"]
    drawn = data.draw(st.lists(st.sets(st.sampled_from(TAGS)), min_size=len(everything), max_size=len(everything)))
    tags = _retag(pool, drawn)
    subject = data.draw(st.sampled_from(pool["readable"]))
    picks = data.draw(st.lists(st.sampled_from(everything), max_size=6))

    ids = [card.pk for card in related_articles(subject, picks=picks, limit=limit)]

    never = {page.pk for page in pool["never"]} | {subject.pk}
    assert not never & set(ids), "a card readers of the subject cannot open, or the subject itself"
    assert len(ids) == len(set(ids)) <= limit
    readable_picks = list(dict.fromkeys(pick.pk for pick in picks if pick.pk not in never))[:limit]
    assert ids[: len(readable_picks)] == readable_picks, "the editor's readable picks come first, in order"
    expected = _expected_automatic(subject, pool["readable"], tags, set(readable_picks), limit - len(readable_picks))
    assert ids[len(readable_picks) :] == expected, "automatic cards by score, then newest, then highest id"
    assert [card.pk for card in related_articles(subject, picks=picks, limit=limit)] == ids, "the same order again"
