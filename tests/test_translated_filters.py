"""Slug filters on a two-language site: a translation keeps its source's slug, and filters must still match."""

import pytest
from wagtail.models import Locale

from tests.factories import (
    ArticleCategoryFactory,
    ArticlePageFactory,
    ExerciseFactory,
    MuscleGroupFactory,
)
from wagtail_runstrength.models import ExerciseLibraryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def french(settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [("en", "English"), ("fr", "French")]
    return Locale.objects.create(language_code="fr")


@pytest.fixture
def calves(french):
    """An English muscle group and its French translation, both with the slug ``calves``."""
    english = MuscleGroupFactory(name="Calves", slug="calf-group")
    translation = MuscleGroupFactory(
        name="Mollets", slug="calf-group", locale=french, translation_key=english.translation_key
    )
    return {"en": english, "fr": translation}


@pytest.fixture
def exercises(calves, french):
    return {
        "en": ExerciseFactory(name="Heel raise", slug="heel-raise", target_muscles=[calves["en"]]),
        "fr": ExerciseFactory(name="Montée sur pointes", slug="montee", locale=french, target_muscles=[calves["fr"]]),
        # Translated before its muscle group was: it still points at the English row.
        "fr_untranslated": ExerciseFactory(name="Pont", slug="pont", locale=french, target_muscles=[calves["en"]]),
        "other": ExerciseFactory(name="Bridge", slug="bridge"),
    }


def names(items) -> set[str]:
    return {item["name"] for item in items}


@pytest.mark.parametrize("api", ["v2", "v3"])
def test_muscle_slug_matches_every_translation_of_the_group_in_each_language(client, exercises, api):
    listed = {}
    for locale in ("en", "fr"):
        response = client.get(f"/api/{api}/exercises/?muscle=calf-group&locale={locale}")
        assert response.status_code == 200
        listed[locale] = names(response.json()["items"])
    assert listed == {"en": {"Heel raise"}, "fr": {"Montée sur pointes", "Pont"}}


def test_french_library_filters_its_exercises_by_a_translated_muscle(client, site, french, exercises):
    library = ExerciseLibraryPage(title="Exercices", slug="exercices", locale=french)
    site.root_page.add_child(instance=library)
    response = client.get("/exercices/?muscle=calf-group")
    assert response.status_code == 200
    assert [exercise.name for exercise in response.context["exercises"]] == ["Montée sur pointes", "Pont"]
    assert response.context["applied_filters"]["muscle"].name == "Mollets"


def test_article_filters_by_translated_muscle_category_and_tag_on_api_v2(client, index_page, french, exercises):
    strength = ArticleCategoryFactory(name="Strength", slug="strength")
    force = ArticleCategoryFactory(
        name="Force", slug="strength", locale=french, translation_key=strength.translation_key
    )
    english = ArticlePageFactory(
        parent=index_page, title="Calf work", category=strength, body=[("exercise", {"exercise": exercises["en"]})]
    )
    english.tags.add("calves")
    english.save()
    french_article = ArticlePageFactory(
        parent=index_page,
        title="Les mollets",
        locale=french,
        category=force,
        body=[("exercise", {"exercise": exercises["fr"]})],
    )
    french_article.tags.add("mollets")
    french_article.save()
    ArticlePageFactory(parent=index_page, title="Unrelated", body=[("exercise", {"exercise": exercises["other"]})])

    def titles(query):
        response = client.get(f"/api/v2/articles/?{query}")
        assert response.status_code == 200, response.content
        return {item["title"] for item in response.json()["items"]}

    assert titles("muscle=calf-group") == {"Calf work"}
    assert titles("muscle=calf-group&locale=fr") == {"Les mollets"}
    assert titles("category=strength") == {"Calf work"}
    assert titles("category=strength&locale=fr") == {"Les mollets"}
    assert titles("tag=mollets&locale=fr") == {"Les mollets"}


def test_index_shows_the_category_of_its_own_language(client, index_page, french):
    strength = ArticleCategoryFactory(name="Strength", slug="strength")
    ArticleCategoryFactory(name="Force", slug="strength", locale=french, translation_key=strength.translation_key)
    ArticlePageFactory(parent=index_page, title="Calf work", category=strength)
    response = client.get("/blog/?category=strength")
    assert response.status_code == 200
    assert response.context["active_category"].name == "Strength"


@pytest.fixture
def squat_in_two_languages(french):
    """An exercise and its French translation sharing the slug ``squat``."""
    english = ExerciseFactory(name="Squat", slug="squat")
    translation = ExerciseFactory(name="Flexion", slug="squat", locale=french, translation_key=english.translation_key)
    return {"en": english, "fr": translation}


def test_an_exercise_slug_resolves_in_the_requested_language_on_both_apis(client, squat_in_two_languages):
    # Without ?locale= the active language (the default, English, with no language prefix) decides.
    urls = ("/api/v2/exercises/squat/", "/api/v2/exercises/find/?slug=squat", "/api/v3/exercises/by-slug/squat/")
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert response.json()["name"] == "Squat", url
        separator = "&" if "?" in url else "?"
        response = client.get(f"{url}{separator}locale=fr", follow=True)
        assert response.status_code == 200, url
        assert response.json()["name"] == "Flexion", url


def test_a_category_with_a_translated_slug_still_finds_its_french_articles(client, index_page, french):
    strength = ArticleCategoryFactory(name="Strength", slug="strength")
    force = ArticleCategoryFactory(name="Force", slug="force", locale=french, translation_key=strength.translation_key)
    ArticlePageFactory(parent=index_page, title="Calf work", category=strength)
    ArticlePageFactory(parent=index_page, title="Les mollets", locale=french, category=force)
    for slug in ("strength", "force"):
        english = client.get(f"/api/v2/articles/?category={slug}").json()["items"]
        french_items = client.get(f"/api/v2/articles/?category={slug}&locale=fr").json()["items"]
        assert [item["title"] for item in english] == ["Calf work"]
        assert [item["title"] for item in french_items] == ["Les mollets"]


def test_an_article_exercise_filter_matches_the_exercises_translations(client, index_page, squat_in_two_languages):
    french_article = ArticlePageFactory(
        parent=index_page,
        title="Les squats",
        locale=squat_in_two_languages["fr"].locale,
        body=[("exercise", {"exercise": squat_in_two_languages["fr"]})],
    )
    assert french_article.exercises.count() == 1
    response = client.get("/api/v2/articles/?exercise=squat&locale=fr")
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Les squats"]
