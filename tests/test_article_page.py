"""The article and index pages as a reader gets them, and what they cost in queries."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import (
    ArticleCategoryFactory,
    ArticlePageFactory,
    ClinicianFactory,
    ExerciseFactory,
    ImageFactory,
    MuscleGroupFactory,
)
from wagtail_runstrength.delete_guard import allow_deleting_content_in_use

pytestmark = pytest.mark.django_db

# An article with every cache empty: see test_a_cold_article_costs_a_bounded_number_of_queries_whatever_its_blocks_and_cards.
COLD_ARTICLE_MAX_QUERIES = 19


def full_article(index, *, exercises, related_picks=(), **kwargs):
    body = [
        ("heading", {"text": "Why strength matters", "level": "h2"}),
        (
            "key_points",
            {"items": [{"title": "Fewer injuries", "text": "Tendons adapt to load."}]},
        ),
        ("heading", {"text": "Key exercises", "level": "h2"}),
        (
            "exercise_group",
            {"heading": "", "exercises": [{"exercise": e} for e in exercises[:2]]},
        ),
        *[("exercise", {"exercise": e, "note": "Go slow."}) for e in exercises[2:]],
        ("heading", {"text": "Fitting it in", "level": "h2"}),
        (
            "tips",
            {"items": [{"title": "Twice a week", "text": "Non-consecutive days."}]},
        ),
        (
            "call_to_action",
            {
                "heading": "Run stronger",
                "text": "Book.",
                "button_label": "Book",
                "url": "https://example.com/book",
            },
        ),
        (
            "quote",
            {"quote": "Stronger legs, happier knees.", "attribution": "A patient"},
        ),
        (
            "related_posts",
            {
                "heading": "Blog posts you may be interested in",
                "posts": list(related_picks),
            },
        ),
    ]
    return ArticlePageFactory(parent=index, body=body, **kwargs)


def test_full_article_shows_every_element(client, index_page):
    muscle = MuscleGroupFactory(name="Calves")
    exercises = [ExerciseFactory(name=f"Move {n}", target_muscles=[muscle]) for n in range(4)]
    reviewer = ClinicianFactory(name="Dana Ortiz", credentials="DPT, OCS")
    other = ArticlePageFactory(parent=index_page, title="Two-minute warm-up")
    page = full_article(
        index_page,
        exercises=exercises,
        related_picks=[other],
        title="The essential guide",
        hero_image=ImageFactory(description="A runner squatting"),
        hero_caption="Strength for the long run.",
        category=ArticleCategoryFactory(name="Athletic Performance"),
        author=ClinicianFactory(name="Sam Lee", credentials="PT"),
        reviewer=reviewer,
        last_reviewed=datetime.date(2026, 10, 1),
    )
    page.tags.add("Running")
    page.save()
    html = client.get(page.url).content.decode()
    assert html.count("<h1") == 1
    assert 'alt="A runner squatting"' in html and 'fetchpriority="high"' in html
    assert "Strength for the long run." in html
    assert "Estimated read time" in html and "1 minute" in html
    assert "Athletic Performance" in html
    assert "Sam Lee, PT" in html and "Dana Ortiz, DPT, OCS" in html and 'datetime="2026-10-01"' in html
    assert '<ol class="rs-root rs-key-points">' in html and '<ul class="rs-root rs-tips">' in html
    for exercise in exercises:
        assert exercise.name in html
    assert 'class="rs-button"' in html
    assert "Two-minute warm-up" in html
    assert 'href="#key-exercises"' in html  # table of contents
    assert "?tag=running" in html


def test_a_draft_article_is_not_served(client, index_page):
    page = ArticlePageFactory(parent=index_page, live=False)
    assert client.get(page.url or f"/blog/{page.slug}/").status_code == 404


def test_article_with_deleted_exercise_and_image_still_renders(client, index_page):
    exercises = [ExerciseFactory(name=f"Move {n}") for n in range(4)]
    hero = ImageFactory()
    page = full_article(index_page, exercises=exercises, hero_image=hero)
    with allow_deleting_content_in_use():  # the live article uses them
        exercises[0].delete()
        exercises[3].delete()
    exercises[1].image.delete()
    hero.delete()
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Move 0" not in html and "Move 3" not in html
    assert "Move 1" in html and "Move 2" in html


def count_queries(client, url) -> int:
    client.get(url)  # warm up: renditions are generated and site paths cached on the first view
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Measured with the package's fragment cache off (every block rendered) and warm (served from it).
fragment_cache_modes = pytest.mark.parametrize("fragment_cache", ["off", "warm"])


@pytest.fixture
def fragment_cache(request, settings):
    if request.param == "off":
        settings.WAGTAIL_RUNSTRENGTH = {**getattr(settings, "WAGTAIL_RUNSTRENGTH", {}), "FRAGMENT_CACHE_TIMEOUT": 0}
    return request.param


@fragment_cache_modes
def test_query_count_does_not_grow_with_exercise_blocks(client, index_page, fragment_cache):
    muscles = [MuscleGroupFactory() for _ in range(2)]
    small = full_article(
        index_page,
        exercises=[ExerciseFactory(target_muscles=muscles) for _ in range(4)],
    )
    large = full_article(
        index_page,
        exercises=[ExerciseFactory(target_muscles=muscles) for _ in range(16)],
    )
    assert client.get(large.url).content.decode().count("rs-card rs-exercise-card") == 16
    assert count_queries(client, small.url) == count_queries(client, large.url)


@fragment_cache_modes
def test_query_count_does_not_grow_with_related_cards(client, index_page, settings, fragment_cache):
    settings.WAGTAIL_RUNSTRENGTH = {**getattr(settings, "WAGTAIL_RUNSTRENGTH", {}), "RELATED_POSTS_LIMIT": 12}
    exercises = [ExerciseFactory() for _ in range(4)]
    cards = []
    for n in range(6):
        card = ArticlePageFactory(parent=index_page, title=f"Card {n}", hero_image=ImageFactory())
        card.tags.add("running", "knee")
        card.save()
        cards.append(card)
    three = full_article(index_page, exercises=exercises, related_picks=cards[:3])
    six = full_article(index_page, exercises=exercises, related_picks=cards)
    for page in (three, six):
        page.body[-1].value["limit"] = len(page.body[-1].value["posts"])
        page.save()
    assert client.get(three.url).content.decode().count("rs-card rs-article-card") == 3
    assert client.get(six.url).content.decode().count("rs-card rs-article-card") == 6
    assert count_queries(client, three.url) == count_queries(client, six.url)


# Warm: Wagtail's routing and its view-restriction check (one query since issue 16), the generation
# read with the article itself (ArticleIndexPageMixin.route). Off: the fragments are rendered, Wagtail's
# own caches (site root paths, renditions) kept.
@pytest.mark.parametrize(("fragment_cache", "budget"), [("off", 19), ("warm", 7)], indirect=["fragment_cache"])
def test_article_page_query_budget(client, index_page, django_assert_max_num_queries, fragment_cache, budget):
    page = full_article(
        index_page,
        exercises=[ExerciseFactory() for _ in range(4)],
        hero_image=ImageFactory(),
    )
    client.get(page.url)
    with django_assert_max_num_queries(budget):
        client.get(page.url)


def test_index_lists_live_public_children_newest_first_and_paginates(client, index_page, settings):
    settings.WAGTAIL_RUNSTRENGTH = {"INDEX_PAGE_SIZE": 2}
    for n in range(3):
        ArticlePageFactory(
            parent=index_page,
            title=f"Article day {n}",
            date=datetime.date(2026, 1, 1 + n),
        )
    ArticlePageFactory(parent=index_page, title="Draft article", live=False)
    first = client.get(index_page.url).content.decode()
    assert first.index("Article day 2") < first.index("Article day 1")
    assert "Article day 0" not in first and "Draft article" not in first
    assert "Page 1 of 2" in first
    second = client.get(index_page.url + "?page=2").content.decode()
    assert "Article day 0" in second
    assert client.get(index_page.url + "?page=oops").status_code == 200


def test_index_filters_by_tag_and_category(client, index_page):
    category = ArticleCategoryFactory(name="Gear", slug="gear")
    shoes = ArticlePageFactory(parent=index_page, title="Trail shoes", category=category)
    shoes.tags.add("shoes")
    shoes.save()
    ArticlePageFactory(parent=index_page, title="Warm-up")
    by_tag = client.get(index_page.url + "?tag=shoes").content.decode()
    assert "Trail shoes" in by_tag and "Warm-up" not in by_tag and "Show all articles" in by_tag
    by_category = client.get(index_page.url + "?category=gear").content.decode()
    assert "Trail shoes" in by_category and "Warm-up" not in by_category
    # A tag only a draft carries is unknown here, as on its feed and in the API (tests/test_leaks.py).
    ArticlePageFactory(parent=index_page, title="Draft", live=False).tags.add("unpublished-topic")
    assert client.get(index_page.url + "?tag=unpublished-topic").status_code == 404
    # A tag or category that does not exist is not found, as its feed is (and is never cached).
    assert client.get(index_page.url + "?tag=nothing").status_code == 404
    assert client.get(index_page.url + "?category=nothing").status_code == 404


def test_index_query_count_does_not_grow_with_articles(client, index_page):
    for _ in range(2):
        ArticlePageFactory(parent=index_page, hero_image=ImageFactory()).tags.add("running")
    few = count_queries(client, index_page.url)
    for _ in range(8):
        ArticlePageFactory(parent=index_page, hero_image=ImageFactory()).tags.add("running")
    assert count_queries(client, index_page.url) == few


@pytest.mark.parametrize("fragment_cache", ["off"], indirect=True)
def test_author_reviewer_and_every_hero_rendition_cost_one_query_each(client, index_page, fragment_cache):
    page = full_article(
        index_page,
        exercises=[ExerciseFactory()],
        hero_image=ImageFactory(),
        author=ClinicianFactory(name="Ana Ruiz"),
        reviewer=ClinicianFactory(name="Ben Osei"),
    )
    client.get(page.url)  # renditions generated on the first view
    with CaptureQueriesContext(connection) as queries:
        html = client.get(page.url).content.decode()
    assert "Ana Ruiz" in html and "Ben Osei" in html
    clinician_queries = [q for q in queries if 'FROM "wagtail_runstrength_clinician"' in q["sql"]]
    hero_renditions = [
        q for q in queries if 'FROM "wagtailimages_rendition"' in q["sql"] and f"({page.hero_image_id})" in q["sql"]
    ]
    # Under an article index both are joined onto the routing query (none of their own); elsewhere one in_bulk.
    assert len(clinician_queries) <= 1
    assert len(hero_renditions) == 1


@pytest.mark.parametrize("fragment_cache", ["off"], indirect=True)
def test_a_cold_article_costs_a_bounded_number_of_queries_whatever_its_blocks_and_cards(
    client, index_page, fragment_cache, django_assert_max_num_queries
):
    """Issue 16: every cache empty (fragments off, Django's cache cleared), 3 or 10 exercises, 3 or 6 cards.

    This article has both an exercise group and single exercise blocks: their
    exercises are loaded once for the whole body (``blocks/pooling.py``), with
    their images joined, so 3 queries whatever the blocks (4 per block type before).
    """
    counts = []
    for exercises, cards in ((3, 3), (10, 6)):
        picks = [ArticlePageFactory(parent=index_page, hero_image=ImageFactory()) for _ in range(cards)]
        page = full_article(
            index_page,
            exercises=[ExerciseFactory() for _ in range(exercises)],
            related_picks=picks,
            hero_image=ImageFactory(),
            author=ClinicianFactory(),
            reviewer=ClinicianFactory(),
        )
        page.body[-1].value["limit"] = cards  # the picks only: no automatic top-up
        page.save()
        client.get(page.url)  # renditions are made once; what is measured is a read with every cache empty
        cache.clear()
        with django_assert_max_num_queries(COLD_ARTICLE_MAX_QUERIES) as captured:
            assert client.get(page.url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_a_restriction_on_an_ancestor_still_guards_the_article(client, index_page):
    """``ArticlePageMixin.get_view_restrictions`` reads them in one query."""
    page = ArticlePageFactory(parent=index_page, title="Guarded")
    assert client.get(page.url).status_code == 200
    restriction = PageViewRestriction.objects.create(page=index_page, restriction_type="password", password="x")
    assert list(page.get_view_restrictions()) == [restriction]
    assert client.get(page.url).status_code == 200 and b'name="password"' in client.get(page.url).content
    restriction.delete()
    assert list(page.get_view_restrictions()) == []
