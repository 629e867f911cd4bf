"""Drafts of new exercises, however empty, save without errors and are listed under a meaningful name.

Autosave is a POST to the add or edit view with ``Accept: application/json``;
"Save draft" is the same POST without it. Drafts skip required-field checks,
so the slug (unique per language) must never be left blank: it is made from
the name, or is a placeholder until there is a name.
"""

import importlib
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.factories import ExerciseFactory
from wagtail_runstrength.models import ArticleCategory, ExerciseSnippet, MuscleGroup

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def url(model, view, *args) -> str:
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


def exercise_form(**fields) -> dict:
    data = {
        "name": "",
        "slug": "",
        "summary": "",
        "image_alt": "",
        "equipment": "bodyweight",
        "difficulty": "beginner",
        "instructions": streamfield([]),
        "coaching_cues": "",
        "safety_notes": "",
        "video_url": "",
        **fields,
    }
    return nested_form_data(data)


def test_two_empty_new_exercises_both_autosave(admin_client):
    first = admin_client.post(url(ExerciseSnippet, "add"), exercise_form(), **AUTOSAVE)
    second = admin_client.post(url(ExerciseSnippet, "add"), exercise_form(), **AUTOSAVE)
    assert first.status_code == second.status_code == 200
    assert first.json()["success"] and second.json()["success"]
    drafts = ExerciseSnippet.objects.order_by("pk")
    assert len(drafts) == 2 and not any(draft.live for draft in drafts)
    slugs = [draft.slug for draft in drafts]
    assert slugs == [draft.placeholder_slug for draft in drafts] and len(set(slugs)) == 2


def test_two_empty_new_exercises_both_save_as_drafts(admin_client):
    for _ in range(2):
        response = admin_client.post(url(ExerciseSnippet, "add"), exercise_form())
        assert response.status_code == 302
    assert ExerciseSnippet.objects.filter(live=False).count() == 2


def test_an_empty_draft_is_listed_and_titled_as_an_untitled_draft(admin_client):
    admin_client.post(url(ExerciseSnippet, "add"), exercise_form(), **AUTOSAVE)
    draft = ExerciseSnippet.objects.get()
    listing = admin_client.get(url(ExerciseSnippet, "list")).content.decode()
    titles = re.findall(r'<span id="snippet_\d+_title">([^<]+)</span>', listing)
    assert titles == ["Untitled exercise (draft)"]
    assert "(blank)" not in listing
    edit = admin_client.get(url(ExerciseSnippet, "edit", draft.pk)).content.decode()
    assert "<title>Editing: Untitled exercise (draft)" in edit
    assert "ExerciseSnippet object" not in edit


def test_the_placeholder_slug_gives_way_to_one_from_the_name(admin_client):
    admin_client.post(url(ExerciseSnippet, "add"), exercise_form(), **AUTOSAVE)
    draft = ExerciseSnippet.objects.get()
    # The editor types a name; the form still sends the slug field as it was (blank or the placeholder).
    for slug in ("", draft.placeholder_slug):
        response = admin_client.post(
            url(ExerciseSnippet, "edit", draft.pk), exercise_form(name="Calf raise", slug=slug), **AUTOSAVE
        )
        assert response.status_code == 200 and response.json()["success"]
        draft.refresh_from_db()
        assert (draft.name, draft.slug, str(draft)) == ("Calf raise", "calf-raise", "Calf raise")


def test_a_draft_named_like_an_existing_exercise_gets_a_field_error_not_a_server_error(admin_client):
    ExerciseFactory(name="Calf raise", slug="calf-raise")
    response = admin_client.post(url(ExerciseSnippet, "add"), exercise_form(name="Calf raise"), **AUTOSAVE)
    assert response.status_code == 400 and response.json()["success"] is False
    page = admin_client.post(url(ExerciseSnippet, "add"), exercise_form(name="Calf raise"))
    assert page.status_code == 200
    assert "Another entry in this language already uses this slug." in page.content.decode()
    assert ExerciseSnippet.objects.count() == 1


def test_publishing_an_empty_draft_asks_for_the_required_fields(admin_client):
    admin_client.post(url(ExerciseSnippet, "add"), exercise_form(), **AUTOSAVE)
    draft = ExerciseSnippet.objects.get()
    response = admin_client.post(url(ExerciseSnippet, "edit", draft.pk), exercise_form(**{"action-publish": "1"}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"name", "summary"}
    draft.refresh_from_db()
    assert not draft.live


@pytest.mark.parametrize("model", [MuscleGroup, ArticleCategory])
def test_vocabulary_names_without_letters_or_digits_still_get_unique_slugs(admin_client, model):
    extra = {"region": MuscleGroup.Region.TRUNK} if model is MuscleGroup else {"description": ""}
    for _ in range(2):
        response = admin_client.post(url(model, "add"), {"name": "!!!", "slug": "", **extra})
        assert response.status_code == 302
    entries = model.objects.filter(name="!!!").order_by("pk")
    assert [entry.slug for entry in entries] == [entry.placeholder_slug for entry in entries]


def test_an_editors_own_slug_is_kept():
    exercise = ExerciseFactory(name="Bulgarian split squat", slug="split-squat")
    exercise.name = "Rear-foot elevated split squat"
    exercise.save()
    assert exercise.slug == "split-squat"


def test_the_migration_fills_slugs_left_blank_before_this_release():
    migration = importlib.import_module("wagtail_runstrength.migrations.0010_fill_blank_slugs")
    state = MigrationExecutor(connection).loader.project_state(("wagtail_runstrength", "0010_fill_blank_slugs"))
    ExerciseFactory(name="Calf raise", slug="calf-raise")
    # The constraint allowed one blank slug per language: each case in turn.
    for name, expected in (("", None), ("Wall sit", "wall-sit"), ("Calf raise", None)):
        row = ExerciseFactory(name=name)
        ExerciseSnippet.objects.filter(pk=row.pk).update(slug="")
        migration.fill_blank_slugs(state.apps, None)
        row.refresh_from_db()
        assert row.slug == (expected or row.placeholder_slug)
