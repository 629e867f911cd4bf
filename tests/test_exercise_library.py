"""The exercise library readers browse: filters, one page per exercise, and what it costs in queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text

from tests.factories import (
    ExerciseFactory,
    ImageFactory,
    MuscleGroupFactory,
)
from tests.test_article_page import full_article
from tests.testapp.models import HomePage
from wagtail_runstrength.models import ArticlePage, ExerciseLibraryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(site):
    page = ExerciseLibraryPage(title="Exercise library", slug="exercises", intro="<p>Move well.</p>")
    site.root_page.add_child(instance=page)
    return page


@pytest.fixture
def muscles():
    return {
        "calves": MuscleGroupFactory(name="Lower legs", slug="lower-legs"),
        "glutes": MuscleGroupFactory(name="Side hips", slug="side-hips"),
    }


def names(response) -> list[str]:
    return [exercise.name for exercise in response.context["exercises"]]


def test_library_lists_live_exercises_of_its_language_by_name(client, library, muscles):
    ExerciseFactory(name="Squat", slug="squat", target_muscles=[muscles["calves"]])
    ExerciseFactory(name="Bridge")
    ExerciseFactory(name="Secret draft", live=False)
    french = Locale.objects.create(language_code="fr")
    ExerciseFactory(name="Pont fessier", locale=french)
    response = client.get("/exercises/")
    assert response.status_code == 200
    assert names(response) == ["Bridge", "Squat"]
    html = response.content.decode()
    assert "Secret draft" not in html and "Pont fessier" not in html
    assert '<a href="/exercises/squat/">Squat</a>' in html
    assert "2 exercises" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("muscle=lower-legs", ["Heel drop", "Squat"]),
        ("equipment=step_or_box", ["Heel drop", "Step up"]),
        ("difficulty=advanced", ["Step up"]),
        ("muscle=lower-legs&equipment=step_or_box", ["Heel drop"]),
        ("muscle=side-hips&difficulty=beginner", []),
    ],
)
def test_library_filters_by_muscle_equipment_and_difficulty(client, library, muscles, query, expected):
    ExerciseFactory(name="Squat", target_muscles=[muscles["calves"]])
    ExerciseFactory(name="Heel drop", equipment="step_or_box", target_muscles=[muscles["calves"]])
    ExerciseFactory(name="Step up", equipment="step_or_box", difficulty="advanced", target_muscles=[muscles["glutes"]])
    response = client.get(f"/exercises/?{query}")
    assert response.status_code == 200
    assert names(response) == expected
    if not expected:
        assert "No exercises match these filters." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "muscle=no-such-muscle",
        "equipment=trampoline",
        "difficulty=%3Cscript%3E",
        "difficulty=",
        "page=oops",
        "page=999",
        "muscle=" + "x" * 500,
        "equipment=bodyweight&equipment=dumbbells",
    ],
)
def test_bad_filter_values_never_break_the_library(client, library, muscles, query):
    ExerciseFactory(name="Squat")
    response = client.get(f"/exercises/?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_an_unknown_filter_value_is_ignored_with_a_note(client, library):
    ExerciseFactory(name="Squat")
    response = client.get("/exercises/?equipment=trampoline&muscle=nope")
    assert names(response) == ["Squat"]
    html = response.content.decode()
    assert "We have no equipment called “trampoline”, so that filter was left out." in html
    assert "We have no muscle group called “nope”, so that filter was left out." in html
    assert 'role="status"' in html


def test_the_filter_form_keeps_the_readers_choices(client, library, muscles):
    ExerciseFactory(name="Squat", target_muscles=[muscles["calves"]])
    html = client.get("/exercises/?muscle=lower-legs&difficulty=beginner").content.decode()
    assert '<option value="lower-legs" selected>Lower legs</option>' in html
    assert '<option value="beginner" selected>Beginner</option>' in html
    assert '<optgroup label="Thigh">' in html  # muscles grouped by body region
    assert "Clear filters" in html


def test_library_paginates_and_keeps_filters_in_page_links(client, library, muscles):
    ExerciseLibraryPage.exercises_per_page = 2
    try:
        for n in range(5):
            ExerciseFactory(name=f"Move {n}", target_muscles=[muscles["calves"]])
        response = client.get("/exercises/?muscle=lower-legs")
        html = response.content.decode()
        assert names(response) == ["Move 0", "Move 1"]
        assert 'href="?page=2&amp;muscle=lower-legs"' in html
        assert names(client.get("/exercises/?muscle=lower-legs&page=3")) == ["Move 4"]
    finally:
        ExerciseLibraryPage.exercises_per_page = 24


def test_exercise_page_shows_everything_a_reader_needs(client, library, muscles, index_page):
    easier = ExerciseFactory(name="Wall sit", slug="wall-sit", summary="Easier on the knees.")
    harder = ExerciseFactory(name="Box jump", slug="box-jump")
    hidden = ExerciseFactory(name="Draft variation", slug="draft-variation", live=False)
    exercise = ExerciseFactory(
        name="Lateral step up",
        slug="lateral-step-up",
        summary="Builds hip and knee control.",
        target_muscles=[muscles["glutes"]],
        image=ImageFactory(description="A person stepping sideways onto a box", file__width=1200, file__height=800),
        instructions=[("step", "Stand beside a step."), ("step", "Step up sideways.")],
        coaching_cues="Knee over toes\nStay tall",
        safety_notes="Use a low step at first.",
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
    )
    exercise.regressions.set([easier])
    exercise.progressions.set([harder, hidden])
    exercise.save()
    using = full_article(index_page, exercises=[exercise], title="Hip strength for runners")
    draft = full_article(index_page, exercises=[exercise], title="Unpublished article", live=False)
    private = full_article(index_page, exercises=[exercise], title="Members article")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")

    response = client.get("/exercises/lateral-step-up/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1 and ">Lateral step up</h1>" in html
    assert 'alt="A person stepping sideways onto a box"' in html and 'fetchpriority="high"' in html
    assert "<li>Stand beside a step.</li><li>Step up sideways.</li>" in html
    assert "<li>Knee over toes</li>" in html and "<li>Stay tall</li>" in html
    assert "Use a low step at first." in html
    assert "Side hips" in html and "3 × 10 reps" in html
    # The video loads only when asked, from YouTube's privacy-enhanced domain, with a title.
    assert "data-rs-video-play" in html and '<iframe title="Demonstration of Lateral step up"' in html
    assert '<a href="/exercises/wall-sit/">Wall sit</a>' in html
    assert '<a href="/exercises/box-jump/">Box jump</a>' in html
    assert "Draft variation" not in html
    # The article using it is a card linking to it; a draft or private article is no card at all.
    assert f'<a href="{using.url}">Hip strength for runners</a>' in html
    assert "Unpublished article" not in html and "Members article" not in html
    assert all(f'href="{hidden.url}"' not in html for hidden in (draft, private))
    assert "<title>Lateral step up | Exercise library</title>" in html


@pytest.mark.parametrize("slug", ["no-such-exercise", "secret", "le-pont"])
def test_missing_draft_and_other_language_exercises_have_no_page(client, library, slug):
    ExerciseFactory(name="Secret", slug="secret", live=False)
    ExerciseFactory(name="Le pont", slug="le-pont", locale=Locale.objects.create(language_code="fr"))
    assert client.get(f"/exercises/{slug}/").status_code == 404


def test_article_exercise_cards_link_to_the_library(client, library, index_page):
    exercise = ExerciseFactory(name="Squat", slug="squat")
    page = full_article(index_page, exercises=[exercise])
    assert '<a href="/exercises/squat/">Squat</a>' in client.get(page.url).content.decode()


def test_article_exercise_cards_are_plain_without_a_library(client, index_page):
    page = full_article(index_page, exercises=[ExerciseFactory(name="Squat", slug="squat")])
    html = client.get(page.url).content.decode()
    assert '<h3 class="rs-card__title">Squat</h3>' in html and "/exercises/" not in html


def count_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_library_query_count_does_not_grow_with_exercises(client, library, muscles):
    for _ in range(2):
        ExerciseFactory(target_muscles=[muscles["calves"]])
    few = count_queries(client, "/exercises/")
    for _ in range(10):
        ExerciseFactory(target_muscles=[muscles["calves"], muscles["glutes"]])
    assert count_queries(client, "/exercises/") == few


def test_exercise_page_query_count_does_not_grow_with_articles_or_variations(client, library, index_page):
    exercise = ExerciseFactory(slug="squat")
    exercise.progressions.set([ExerciseFactory()])
    exercise.regressions.set([ExerciseFactory()])
    exercise.save()
    full_article(index_page, exercises=[exercise], hero_image=ImageFactory())
    few = count_queries(client, "/exercises/squat/")
    exercise.progressions.set([ExerciseFactory() for _ in range(4)])
    exercise.regressions.set([ExerciseFactory() for _ in range(4)])
    exercise.save()
    for _ in range(5):
        full_article(index_page, exercises=[exercise], hero_image=ImageFactory())
    assert count_queries(client, "/exercises/squat/") == few


class TestLibraryPageType(WagtailPageTestCase):
    def test_it_can_live_under_any_page_and_has_no_children(self):
        self.assertCanCreateAt(HomePage, ExerciseLibraryPage)
        self.assertAllowedSubpageTypes(ExerciseLibraryPage, set())
        self.assertCanNotCreateAt(ExerciseLibraryPage, ArticlePage)

    def test_editors_can_preview_it(self):
        self.login()
        home = HomePage.objects.first() or Page.get_first_root_node().add_child(
            instance=HomePage(title="Home", slug="h")
        )
        library = home.add_child(instance=ExerciseLibraryPage(title="Library", slug="library"))
        self.assertPageIsPreviewable(
            library, post_data={"title": "Library", "slug": "library", "intro": rich_text("<p>Move well.</p>")}
        )


def test_linking_article_cards_to_the_library_costs_no_query_per_exercise(client, library, index_page):
    small = full_article(index_page, exercises=[ExerciseFactory() for _ in range(4)])
    large = full_article(index_page, exercises=[ExerciseFactory() for _ in range(16)])
    assert client.get(large.url).content.decode().count('<a href="/exercises/exercise-') >= 16
    assert count_queries(client, small.url) == count_queries(client, large.url)


def test_an_article_finds_its_sites_live_public_library_in_its_language(site, library):
    from tests.factories import ArticleIndexPageFactory, ArticlePageFactory

    index = ArticleIndexPageFactory(parent=site.root_page, slug="blog")
    article = ArticlePageFactory(parent=index)
    assert article.get_exercise_library() == library
    library.unpublish()
    assert article.get_exercise_library() is None
    library.save_revision().publish()
    PageViewRestriction.objects.create(page=library, restriction_type="login")
    assert article.get_exercise_library() is None


def test_on_sqlite_the_library_lookup_starts_from_the_library_table(site, library):
    """Not from every page of the locale through its index, which grows with the archive."""
    from tests.factories import ArticleIndexPageFactory, ArticlePageFactory

    if connection.vendor != "sqlite":
        pytest.skip("a SQLite planner check")
    index = ArticleIndexPageFactory(parent=site.root_page, slug="blog")
    article = ArticlePageFactory(parent=index)
    plan = article.exercise_libraries()[:1].explain()
    # A page looked up by id (rowid) may use any index; a search on the locale alone reads the archive.
    assert "(locale_id=?)" not in plan, plan
