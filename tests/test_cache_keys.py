"""Cache keys are built from checked values: junk in the query string never adds an entry to the cache.

Before, listing keys held the raw ``?page=``, ``?tag=``, ``?category=`` and
library filter values and the API detail key held every known query
parameter, so 100 requests such as ``?page=zz1`` stored 1.3 MB for six hours.
"""

import pytest

from tests.factories import ArticleCategoryFactory, ArticlePageFactory, ExerciseFactory, MuscleGroupFactory
from tests.test_fragment_cache import fragment_keys, publish
from wagtail_runstrength.models import ExerciseLibraryPage

pytestmark = pytest.mark.django_db

JUNK = 30


@pytest.fixture
def listings(settings, site, index_page):
    """An index of three pages (one article each), a tag, a category and a library of two pages."""
    settings.WAGTAIL_RUNSTRENGTH = {"INDEX_PAGE_SIZE": 1}
    gear = ArticleCategoryFactory(name="Gear", slug="gear")
    articles = []
    for n in range(3):
        article = ArticlePageFactory(parent=index_page, title=f"Article {n}", category=gear)
        article.tags.add("knee")
        articles.append(publish(article))
    library = ExerciseLibraryPage(title="Exercise library", slug="exercises")
    site.root_page.add_child(instance=library)
    ExerciseLibraryPage.exercises_per_page = 1
    calves = MuscleGroupFactory(name="Lower legs", slug="lower-legs")
    for name in ("Calf raise", "Squat"):
        ExerciseFactory(name=name, target_muscles=[calves], difficulty="beginner")
    yield {"index": index_page.url, "library": library.url, "article": articles[0]}
    ExerciseLibraryPage.exercises_per_page = 24


def get(client, url: str, status: int = 200) -> str:
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == status, url
    return response.content.decode()


def test_junk_page_numbers_and_filters_store_nothing_new(client, listings):
    index, library = listings["index"], listings["library"]
    real = [
        *(f"{index}?page={n}" for n in (1, 2, 3)),
        f"{index}?tag=knee",
        f"{index}?category=gear",
        *(f"{library}?page={n}" for n in (1, 2)),
        f"{library}?muscle=lower-legs&difficulty=beginner",
    ]
    for url in real:
        get(client, url)
    stored = set(fragment_keys())
    assert stored

    for n in range(JUNK):
        # Not a number: the first page, served from its entry. Past the end or below 1: the last page.
        assert "Page 1 of 3" in get(client, f"{index}?page=zz{n}")
        assert "Page 3 of 3" in get(client, f"{index}?page={n + 4}")
        assert "Page 3 of 3" in get(client, f"{index}?page=-{n}")
        get(client, f"{index}?tag=knee&page=x{n}")
        # A tag or category that does not exist is not found, as its feed is.
        get(client, f"{index}?tag=x{n}", status=404)
        get(client, f"{index}?category=x{n}", status=404)
        get(client, f"{library}?page={n + 3}")
        # An unknown library filter is left out with a note quoting it: rendered, never stored.
        assert f"We have no muscle group called “m{n}”" in get(client, f"{library}?muscle=m{n}")
        get(client, f"{library}?equipment=e{n}&difficulty=d{n}")

    assert set(fragment_keys()) == stored


def test_the_api_detail_stores_one_entry_per_field_selection_whatever_the_spelling(client, listings):
    detail = f"/api/v2/articles/{listings['article'].pk}/"
    full = client.get(detail).json()
    slim = client.get(f"{detail}?fields=-body").json()
    stored = set(fragment_keys())

    for n in range(JUNK):
        # jQuery's cache buster and listing-only parameters change nothing in a detail.
        assert client.get(f"{detail}?_={n}").json() == full
        assert client.get(f"{detail}?limit={n + 1}&offset={n}&search=x{n}").json() == full
        # The same selection, spelled another way.
        assert client.get(f"{detail}?fields=-body,-body" + ",-body" * n).json() == slim
        assert client.get(f"{detail}?fields=nope{n}").status_code == 400

    assert set(fragment_keys()) == stored
