"""What a change affects (``affected.py``): the exact paths and API URLs, by the documented rules."""

from urllib.parse import quote

import pytest
from wagtail.models import Page

from tests.factories import (
    ArticleCategoryFactory,
    ArticlePageFactory,
    ClinicianFactory,
    ExerciseFactory,
    ImageFactory,
    publish,
)
from wagtail_runstrength.affected import Affected, affected_by, page_tag, related_holders
from wagtail_runstrength.models import ExerciseLibraryPage

pytestmark = pytest.mark.django_db


def page_api(page, path, article=True) -> set[str]:
    found = quote(path, safe="")
    urls = {
        f"/api/v2/pages/{page.pk}/",
        f"/api/v3/pages/{page.pk}/",
        f"/api/v2/pages/find/?html_path={found}",
        f"/api/v3/pages/find/?html_path={found}",
    }
    if article:
        urls |= {f"/api/v2/articles/{page.pk}/", f"/api/v2/articles/find/?html_path={found}"}
    return urls


@pytest.fixture
def library(site):
    page = ExerciseLibraryPage(title="Exercise library", slug="exercises")
    site.root_page.add_child(instance=page)
    return page


@pytest.fixture
def blog(index_page, library):
    """An article with a tag, a category and an exercise, and the pages around it."""
    category = ArticleCategoryFactory(name="Strength", slug="strength")
    squat = ExerciseFactory(name="Split squat", slug="split-squat")
    calf_raise = ExerciseFactory(name="Calf raise", slug="calf-raise")
    calf_raise.progressions.add(squat)  # the calf raise's page links to the split squat by name
    calf_raise.save()
    article = ArticlePageFactory(
        parent=index_page,
        slug="calf-work",
        category=category,
        author=ClinicianFactory(),
        hero_image=ImageFactory(),
        body=[("exercise", {"exercise": squat, "note": ""})],
    )
    article.tags.add("knee")
    article = publish(article)
    # Shares the tag and shows related cards: its cards show the article.
    neighbour = ArticlePageFactory(
        parent=index_page, slug="neighbour", body=[("related_posts", {"heading": "Read next", "posts": []})]
    )
    neighbour.tags.add("knee")
    neighbour = publish(neighbour)
    # Shares nothing but picks the article by hand.
    picker = publish(
        ArticlePageFactory(
            parent=index_page, slug="picker", body=[("related_posts", {"heading": "See also", "posts": [article]})]
        )
    )
    # Shares the tag but shows no related cards; and a page sharing nothing.
    quiet = ArticlePageFactory(parent=index_page, slug="quiet")
    quiet.tags.add("knee")
    publish(quiet)
    publish(ArticlePageFactory(parent=index_page, slug="elsewhere", body=[("related_posts", {"heading": "x"})]))
    return {
        "article": article,
        "neighbour": neighbour,
        "picker": picker,
        "index": index_page,
        "library": library,
        "squat": squat,
        "calf_raise": calf_raise,
        "category": category,
    }


ARTICLE_PATHS = {
    "/blog/calf-work/",
    "/blog/",
    "/blog/?tag=knee",
    "/blog/?category=strength",
    "/blog/feed/rss/",
    "/blog/feed/atom/",
    "/blog/tags/",
    "/blog/tag/knee/feed/rss/",
    "/blog/tag/knee/feed/atom/",
    "/blog/neighbour/",
    "/blog/picker/",
    "/exercises/split-squat/",
}


def test_an_article_affects_itself_its_listings_feeds_related_cards_and_exercise_pages(blog):
    affected = affected_by(blog["article"])
    assert set(affected.paths) == ARTICLE_PATHS
    assert affected.api_urls == (
        page_api(blog["article"], "/blog/calf-work/")
        | page_api(blog["index"], "/blog/", article=False)
        | page_api(blog["neighbour"], "/blog/neighbour/")
        | page_api(blog["picker"], "/blog/picker/")
        | {"/api/v2/articles/", "/api/v2/articles/?locale=en"}
    )
    assert page_tag(blog["article"].pk) in affected.tags


def test_an_unpublished_article_still_names_its_own_path_and_the_cards_it_left(blog):
    blog["article"].unpublish()
    article = Page.objects.get(pk=blog["article"].pk).specific
    affected = affected_by(article)
    assert set(affected.paths) == ARTICLE_PATHS
    # Only live pages are warmed; the unpublished article is not one of them.
    assert article.pk not in affected.page_ids
    assert blog["neighbour"].pk in affected.page_ids


def test_related_holders_are_the_pages_whose_cards_show_the_article(blog):
    holders = related_holders([blog["article"]])
    assert {page.slug for page in holders} == {"neighbour", "picker"}


def test_an_exercise_affects_the_pages_showing_it_and_its_library_pages(blog):
    affected = affected_by(blog["squat"])
    assert set(affected.paths) == {
        "/blog/calf-work/",
        "/exercises/",
        "/exercises/split-squat/",
        # The calf raise lists the split squat as its progression.
        "/exercises/calf-raise/",
    }
    squat = blog["squat"]
    assert {
        f"/api/v2/exercises/{squat.pk}/",
        "/api/v2/exercises/split-squat/",
        f"/api/v3/exercises/{squat.pk}/",
        "/api/v3/exercises/by-slug/split-squat/",
        "/api/v2/exercises/?locale=en",
        "/api/v2/exercises/find/?slug=split-squat&locale=en",
        "/api/v3/exercises/by-slug/split-squat/?locale=en",
    } <= affected.api_urls


def test_a_category_affects_its_articles_everywhere(blog):
    assert set(affected_by(blog["category"]).paths) == ARTICLE_PATHS


def test_a_clinician_affects_only_the_articles_they_signed(blog):
    assert set(affected_by(blog["article"].author).paths) == {"/blog/calf-work/"}


def test_a_hero_image_affects_its_article_everywhere_and_an_exercise_image_the_exercise(blog):
    assert set(affected_by(blog["article"].hero_image).paths) == ARTICLE_PATHS
    assert "/exercises/split-squat/" in affected_by(blog["squat"].image).paths


def test_a_moved_section_takes_the_pages_below_it(blog):
    paths = affected_by(blog["index"], include_descendants=True).paths
    assert {"/blog/", "/blog/calf-work/", "/blog/neighbour/", "/blog/picker/"} <= set(paths)


def test_the_affected_set_survives_a_round_trip_through_json(blog):
    affected = affected_by(blog["article"])
    assert Affected.from_json(affected.as_json()) == affected
