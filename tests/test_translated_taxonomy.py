"""Relations read in the reader's language: a French exercise or article shows French muscle groups,
exercises, categories and clinicians, even when its stored links still point at the English rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from tests.factories import (
    ArticleCategoryFactory,
    ArticlePageFactory,
    ClinicianFactory,
    ExerciseFactory,
    MuscleGroupFactory,
)
from wagtail_runstrength.models import ExerciseLibraryPage, ExerciseSnippet, MuscleGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def french():
    return Locale.objects.create(language_code="fr")


@pytest.fixture
def seeded(french):
    """The seeded calf and glute groups in English and French (the ``Locale`` receiver made the French ones)."""
    english = Locale.get_default()
    return {
        (code, slug): MuscleGroup.objects.get(slug=slug, locale=locale)
        for code, locale in (("en", english), ("fr", french))
        for slug in ("calves", "glute-medius")
    }


def translate(exercise, locale, **fields):
    """A translation made before its muscle groups were: its links still point at the source's rows.

    Saving a copy links the muscle groups that already have a translation
    (``link_relations_in_own_locale``); the link table is set back to the
    source's rows, as a translation made earlier would have it.
    """
    translation = exercise.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    through = ExerciseSnippet.target_muscles.through
    through.objects.filter(exercisesnippet_id=translation.pk).delete()
    through.objects.bulk_create(
        [through(exercisesnippet_id=translation.pk, musclegroup=group) for group in exercise.target_muscles.all()]
    )
    return ExerciseSnippet.objects.get(pk=translation.pk)


@pytest.fixture
def heel_raise(seeded, french):
    english = ExerciseFactory(name="Heel raise", slug="heel-raise", target_muscles=[seeded["en", "calves"]])
    french_copy = translate(english, french, name="Montée sur pointes", summary="Renforce les mollets.")
    assert list(french_copy.target_muscles.values_list("locale_id", flat=True)) == [english.locale_id]
    return {"en": english, "fr": french_copy}


def muscle_names(item) -> list[str]:
    return [group["name"] for group in item["target_muscles"]]


def test_saving_a_translation_links_the_muscle_groups_of_its_language(seeded, french):
    english = ExerciseFactory(target_muscles=[seeded["en", "calves"], seeded["en", "glute-medius"]])
    copy = english.copy_for_translation(french)
    copy.save()
    assert set(copy.target_muscles.all()) == {seeded["fr", "calves"], seeded["fr", "glute-medius"]}
    assert set(english.target_muscles.all()) == {seeded["en", "calves"], seeded["en", "glute-medius"]}


def test_a_translated_exercise_shows_the_french_muscle_groups_on_both_apis(client, heel_raise):
    french_id = heel_raise["fr"].pk
    v2 = client.get(f"/api/v2/exercises/{french_id}/").json()
    v3 = client.get(f"/api/v3/exercises/{french_id}/").json()
    assert muscle_names(v2) == muscle_names(v3) == ["Mollets (gastrocnémiens et soléaire)"]
    english = client.get(f"/api/v2/exercises/{heel_raise['en'].pk}/").json()
    assert muscle_names(english) == ["Calves (gastrocnemius and soleus)"]


def test_a_muscle_without_a_translation_falls_back_to_the_default_locale(client, french):
    german = Locale.objects.create(language_code="de")
    english_only = MuscleGroupFactory(name="Peroneals", slug="peroneals")
    german_only = MuscleGroupFactory(name="Fußheber", slug="fussheber", locale=german)
    english = ExerciseFactory(name="Ankle eversion", target_muscles=[english_only, german_only])
    french_copy = translate(english, french, name="Éversion de cheville")
    shown = muscle_names(client.get(f"/api/v2/exercises/{french_copy.pk}/").json())
    # No French row: the default locale's when there is one, else the row as stored.
    assert sorted(shown) == ["Fußheber", "Peroneals"]


@pytest.fixture
def french_library(site, french):
    library = ExerciseLibraryPage(title="Exercices", slug="exercices", locale=french)
    site.root_page.add_child(instance=library)
    return library


def test_french_library_cards_filters_and_muscle_list_are_french(client, french_library, heel_raise, seeded):
    response = client.get("/exercices/?muscle=calves")
    assert response.status_code == 200
    assert [exercise.name for exercise in response.context["exercises"]] == ["Montée sur pointes"]
    assert response.context["applied_filters"]["muscle"] == seeded["fr", "calves"]
    assert list(response.context["muscle_groups"]) == [seeded["fr", "calves"]]
    html = response.content.decode()
    assert "Mollets (gastrocnémiens et soléaire)" in html
    assert "Calves (gastrocnemius" not in html


def test_french_exercise_page_links_the_french_progressions(client, french_library, heel_raise, french):
    english_next = ExerciseFactory(name="Single-leg heel raise", slug="single-leg-heel-raise")
    heel_raise["en"].progressions.add(english_next)
    heel_raise["en"].save()
    french_next = translate(english_next, french, name="Montée sur pointes sur une jambe")
    french_copy = heel_raise["fr"]
    french_copy.progressions.add(english_next)  # still the English one, as a sync would leave it
    french_copy.save()
    html = client.get(f"/exercices/{french_copy.slug}/").content.decode()
    assert "Montée sur pointes sur une jambe" in html
    assert "Single-leg heel raise" not in html
    assert f"/exercices/{french_next.slug}/" in html


def test_french_library_queries_do_not_grow_with_translated_cards(client, french_library, seeded, french):
    def exercises(count):
        for _ in range(count):
            english = ExerciseFactory(target_muscles=[seeded["en", "calves"], seeded["en", "glute-medius"]])
            translate(english, french, name=f"Exercice {english.pk}", slug=f"exercice-{english.pk}")

    def count():
        client.get("/exercices/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/exercices/").status_code == 200
        return len(queries)

    exercises(2)
    two = count()
    exercises(5)
    assert count() == two


@pytest.fixture
def french_article(index_page, french, heel_raise):
    """A French article whose card, category and author still point at the English snippets."""
    strength = ArticleCategoryFactory(name="Strength", slug="strength")
    force = strength.copy_for_translation(french)
    force.name = "Renforcement"
    force.save()
    dana = ClinicianFactory(name="Dana Ortiz", role="Physical therapist")
    dana_fr = dana.copy_for_translation(french)
    dana_fr.role = "Kinésithérapeute"
    dana_fr.save()
    return ArticlePageFactory(
        parent=index_page,
        title="Des mollets solides",
        slug="mollets",
        locale=french,
        category=strength,
        author=dana,
        body=[("exercise", {"exercise": heel_raise["en"]})],
    )


def test_a_french_article_shows_the_french_exercise_card_category_and_author(client, french_article):
    html = client.get(french_article.url).content.decode()
    assert "Montée sur pointes" in html
    assert "Mollets (gastrocnémiens et soléaire)" in html
    assert "Heel raise" not in html
    assert "Renforcement" in html and ">Strength<" not in html
    # Without WAGTAIL_I18N_ENABLED no page lists translations for search engines.
    assert "hreflang" not in html


def test_the_api_reads_a_french_article_in_french(client, french_article):
    for version in ("v2/articles", "v3/pages"):
        data = client.get(f"/api/{version}/{french_article.pk}/").json()
        assert data["category"]["name"] == "Renforcement", version
        assert data["author"]["role"] == "Kinésithérapeute", version
        card = data["body"][0]["value"]
        assert card["exercise"]["name"] == "Montée sur pointes", version
        assert muscle_names(card["exercise"]) == ["Mollets (gastrocnémiens et soléaire)"], version


def test_json_ld_names_the_french_exercise(client, french_article):
    html = client.get(french_article.url).content.decode()
    ld = html[html.index("application/ld+json") :]
    assert "Montée sur pointes" in ld and "Heel raise" not in ld


def test_a_card_keeps_its_exercise_when_no_french_translation_is_published(client, index_page, french):
    plank = ExerciseFactory(name="Side plank", slug="side-plank")
    draft = translate(plank, french, name="Gainage latéral")
    draft.live = False
    draft.save()
    page = ArticlePageFactory(parent=index_page, locale=french, body=[("exercise", {"exercise": plank})])
    html = client.get(page.url).content.decode()
    assert "Side plank" in html and "Gainage latéral" not in html


@pytest.mark.parametrize("fragment_cache", ["off", "warm"])
def test_a_french_article_costs_the_queries_of_an_english_one(
    client, index_page, french, seeded, settings, fragment_cache
):
    """Cards whose muscles point at English rows cost the French page one query more at most, not one per card."""
    if fragment_cache == "off":
        settings.WAGTAIL_RUNSTRENGTH = {"FRAGMENT_CACHE_TIMEOUT": 0}

    def article(locale, count, slug):
        cards = []
        for n in range(count):
            english = ExerciseFactory(target_muscles=[seeded["en", "calves"]])
            cards.append(english if locale is None else translate(english, locale, slug=f"{slug}-{n}"))
        picks = [("exercise", {"exercise": card}) for card in cards]
        return ArticlePageFactory(parent=index_page, slug=slug, locale=locale or Locale.get_default(), body=picks)

    def count(page):
        client.get(page.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        return len(queries)

    english = count(article(None, 3, "english"))
    # Translated cards whose muscles point at English rows: one more query finds the French groups.
    french_few = count(article(french, 2, "francais-court"))
    french_many = count(article(french, 5, "francais-long"))
    assert french_few == french_many
    assert french_many <= english + 1
