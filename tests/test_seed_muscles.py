"""The seeded muscle groups exist in every content language, linked to the default locale's by translation key."""

import importlib

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from wagtail.models import Locale

from wagtail_runstrength import localize_fields
from wagtail_runstrength.models import ArticleCategory, Clinician, ExerciseSnippet, MuscleGroup
from wagtail_runstrength.seed_data import RUNNING_MUSCLES

pytestmark = pytest.mark.django_db

SEEDED_SLUGS = {slug for slug, _name, _region in RUNNING_MUSCLES}


def seeded_in(locale) -> dict:
    return {group.slug: group for group in MuscleGroup.objects.filter(locale=locale, slug__in=SEEDED_SLUGS)}


def test_a_new_locale_gets_the_seeded_groups_translated_and_linked():
    english = seeded_in(Locale.get_default())
    french = seeded_in(Locale.objects.create(language_code="fr"))
    assert set(french) == set(english) == SEEDED_SLUGS
    assert french["glute-medius"].name == "Moyen fessier"
    assert french["calves"].name == "Mollets (gastrocnémiens et soléaire)"
    for slug, group in french.items():
        assert group.translation_key == english[slug].translation_key
        assert group.region == english[slug].region
    german = seeded_in(Locale.objects.create(language_code="de"))
    assert german["hip-flexors"].name == "Hüftbeuger"


def test_a_language_the_catalogues_do_not_cover_gets_the_english_names():
    italian = seeded_in(Locale.objects.create(language_code="it"))
    assert italian["glute-medius"].name == "Gluteus medius"


def test_the_command_fills_gaps_and_keeps_what_editors_changed():
    french = Locale.objects.create(language_code="fr")
    MuscleGroup.objects.filter(locale=french, slug="core").delete()
    MuscleGroup.objects.filter(locale=french, slug="obliques").update(name="Muscles obliques")
    call_command("runstrength_seed_muscles", "fr")
    groups = seeded_in(french)
    assert groups["core"].name == "Sangle abdominale"
    assert groups["obliques"].name == "Muscles obliques"
    before = MuscleGroup.objects.count()
    call_command("runstrength_seed_muscles")
    assert MuscleGroup.objects.count() == before


def test_the_command_refuses_an_unknown_language_code():
    with pytest.raises(CommandError, match="xx"):
        call_command("runstrength_seed_muscles", "xx")


def test_a_group_deleted_from_the_default_locale_is_not_brought_back():
    MuscleGroup.objects.filter(locale=Locale.get_default(), slug="adductors").delete()
    french = Locale.objects.create(language_code="fr")
    assert "adductors" not in seeded_in(french)
    assert len(seeded_in(french)) == len(SEEDED_SLUGS) - 1


def test_migration_0014_seeds_the_locales_a_site_already_has():
    # bulk_create sends no post_save, as a locale made before the receiver existed.
    (spanish,) = Locale.objects.bulk_create([Locale(language_code="es")])
    spanish = Locale.objects.get(language_code="es")
    assert seeded_in(spanish) == {}
    migration = importlib.import_module("wagtail_runstrength.migrations.0014_seed_muscles_in_every_language")
    migration.seed(apps, None)
    assert seeded_in(spanish)["hamstrings"].name == "Isquiotibiales"
    migration.unseed(apps, None)
    assert seeded_in(spanish) == {}
    assert len(seeded_in(Locale.get_default())) == len(SEEDED_SLUGS)


def test_models_declare_what_wagtail_localize_translates_and_synchronises():
    fields_module = pytest.importorskip("wagtail_localize.fields")
    exercise = {field.field_name: field for field in fields_module.get_translatable_fields(ExerciseSnippet)}
    assert exercise["name"].is_translated(None)
    assert not exercise["slug"].is_translated(None) and exercise["slug"].overridable
    for relation in ("target_muscles", "progressions", "regressions"):
        assert isinstance(exercise[relation], fields_module.SynchronizedField)
        assert not exercise[relation].overridable
    muscle = {field.field_name: field for field in fields_module.get_translatable_fields(MuscleGroup)}
    assert muscle["name"].is_translated(None) and not muscle["slug"].is_translated(None)
    category = {field.field_name: field for field in fields_module.get_translatable_fields(ArticleCategory)}
    assert category["description"].is_translated(None)
    clinician = {field.field_name: field for field in fields_module.get_translatable_fields(Clinician)}
    assert clinician["role"].is_translated(None) and not clinician["name"].is_translated(None)


def test_without_wagtail_localize_the_overrides_are_empty(monkeypatch):
    monkeypatch.setattr(localize_fields, "TranslatableField", None)
    assert localize_fields.override_fields(translate=("name",), synchronize=("slug",)) == []
