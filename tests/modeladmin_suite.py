"""The wagtail-modeladmin integration, on a host that installs it (``tests.settings_modeladmin``).

Not collected by the main run (the file name does not start with ``test_``):
``tests/test_modeladmin.py`` runs it in a subprocess with its own settings, so
the admin menu hooks are genuinely loaded with the contrib app installed.
Run it alone with ``pytest tests/modeladmin_suite.py --ds=tests.settings_modeladmin``.
"""

import csv
import io
import json
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.factories import (
    ArticleCategoryFactory,
    ArticlePageFactory,
    ClinicianFactory,
    ExerciseFactory,
    MuscleGroupFactory,
)
from wagtail_runstrength.models import ExerciseSnippet, MuscleGroup

pytestmark = pytest.mark.django_db

MODELADMIN_EXERCISES = "/admin/wagtail_runstrength/exercisesnippet/"


@pytest.fixture(autouse=True)
def modeladmin_host():
    assert apps.is_installed("wagtail_runstrength.contrib.modeladmin"), "run with --ds=tests.settings_modeladmin"


@pytest.fixture
def clinic_editor(client, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="password")
    user.groups.add(Group.objects.get(name="Clinic editors"))
    client.force_login(user)
    return client


def main_menu(client) -> list[dict]:
    """The sidebar's main menu as ``[{"name", "label", "url", "children"}]``, read from the admin's props."""
    html = client.get("/admin/").content.decode()
    props = json.loads(re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1))
    (menu,) = [module for module in props["modules"] if module["_type"] == "wagtail.sidebar.MainMenuModule"]

    def item(packed):
        options, *rest = packed["_args"]
        children = [item(child) for child in rest[0]] if rest and isinstance(rest[0], list) else []
        return {"name": options["name"], "label": options["label"], "url": options.get("url"), "children": children}

    return [item(packed) for packed in menu["_args"][0]]


@pytest.mark.parametrize("who", ["superuser", "clinic editor"])
def test_one_run_strength_menu_from_modeladmin_and_no_snippets_menu(who, admin_client, clinic_editor):
    client = admin_client if who == "superuser" else clinic_editor
    menu = main_menu(client)
    run_strength = [entry for entry in menu if entry["label"] == "Run strength"]
    assert len(run_strength) == 1
    assert [child["label"] for child in run_strength[0]["children"]] == [
        "Exercises",
        "Muscle groups",
        "Categories",
        "Clinicians",
    ]
    assert all(child["url"].startswith("/admin/wagtail_runstrength/") for child in run_strength[0]["children"])
    assert "snippets" not in [entry["name"] for entry in menu]
    assert not any("/admin/snippets/" in (child["url"] or "") for entry in menu for child in entry["children"])


def test_modeladmin_listing_shows_thumbnails_and_filters_and_searches(admin_client):
    calves = MuscleGroup.objects.get(slug="calves")
    glutes = MuscleGroup.objects.get(slug="glute-medius")
    ExerciseFactory(name="Squat to calf raise", summary="Push-off power.", target_muscles=[calves])
    ExerciseFactory(
        name="Side hip abduction", summary="Steadies the pelvis.", difficulty="advanced", target_muscles=[glutes]
    )

    html = admin_client.get(MODELADMIN_EXERCISES).content.decode()
    assert "fill-80x60-c50" in html and "Calves (gastrocnemius and soleus)" in html

    by_muscle = admin_client.get(MODELADMIN_EXERCISES, {"target_muscles__id__exact": glutes.pk}).content.decode()
    assert "Side hip abduction" in by_muscle and "Squat to calf raise" not in by_muscle
    by_level = admin_client.get(MODELADMIN_EXERCISES, {"difficulty__exact": "advanced"}).content.decode()
    assert "Side hip abduction" in by_level and "Squat to calf raise" not in by_level
    by_search = admin_client.get(MODELADMIN_EXERCISES, {"q": "push-off"}).content.decode()
    assert "Squat to calf raise" in by_search and "Side hip abduction" not in by_search


def test_modeladmin_exports_csv(admin_client):
    calves = MuscleGroup.objects.get(slug="calves")
    ExerciseFactory(name="Squat to calf raise", target_muscles=[calves])
    response = admin_client.get(MODELADMIN_EXERCISES, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][0] == "Squat to calf raise"
    assert "Calves (gastrocnemius and soleus)" in rows[1]


def test_clinic_editor_creates_an_exercise_through_modeladmin_but_cannot_delete(clinic_editor):
    calves = MuscleGroup.objects.get(slug="calves")
    response = clinic_editor.post(
        f"{MODELADMIN_EXERCISES}create/",
        {
            **nested_form_data(
                {
                    "name": "Calf raise",
                    "slug": "calf-raise",
                    "summary": "Builds calf strength for push-off.",
                    "image_alt": "",
                    "equipment": "bodyweight",
                    "difficulty": "beginner",
                    "instructions": streamfield([("step", "Rise onto the balls of your feet.")]),
                }
            ),
            "target_muscles": [calves.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    exercise = ExerciseSnippet.objects.get(slug="calf-raise")
    assert list(exercise.target_muscles.all()) == [calves]
    # Wagtail answers a permission failure in the admin with a redirect to the dashboard.
    denied = clinic_editor.get(f"{MODELADMIN_EXERCISES}delete/{exercise.pk}/")
    assert (denied.status_code, denied.url) == (302, "/admin/")


def test_snippet_chooser_and_article_editor_still_work(admin_client, index_page):
    ExerciseFactory(name="Lateral step up")
    chooser = admin_client.get(reverse("wagtailsnippetchoosers_wagtail_runstrength_exercisesnippet:choose"))
    assert chooser.status_code == 200 and "Lateral step up" in chooser.json()["html"]
    add_article = reverse("wagtailadmin_pages:add", args=("wagtail_runstrength", "articlepage", index_page.pk))
    assert admin_client.get(add_article).status_code == 200


def test_modeladmin_refuses_to_delete_an_exercise_in_a_published_article(admin_client, index_page):
    exercise = ExerciseFactory(name="Bulgarian split squat")
    ArticlePageFactory(
        parent=index_page,
        title="Strength for runners",
        body=[("exercise", {"exercise": exercise, "note": "", "per_side": True})],
    )
    url = f"{MODELADMIN_EXERCISES}delete/{exercise.pk}/"
    page = admin_client.get(url).content.decode()
    assert "could not be deleted" in page and "Strength for runners" in page and "Yes, delete" not in page
    admin_client.post(url)
    assert ExerciseSnippet.objects.filter(pk=exercise.pk).exists()


def test_modeladmin_inspect_view_opens(admin_client):
    exercise = ExerciseFactory(name="Lateral step up", summary="Single-leg strength.")
    response = admin_client.get(f"{MODELADMIN_EXERCISES}inspect/{exercise.pk}/")
    assert response.status_code == 200 and "Single-leg strength." in response.content.decode()


@pytest.mark.parametrize("model_name", ["musclegroup", "articlecategory", "clinician"])
def test_modeladmin_refuses_to_delete_other_library_items_published_content_uses(admin_client, index_page, model_name):
    muscle = MuscleGroupFactory(name="Glute group")
    exercise = ExerciseFactory(name="Glute bridge", target_muscles=[muscle])
    item = {"musclegroup": muscle, "articlecategory": ArticleCategoryFactory(), "clinician": ClinicianFactory()}[
        model_name
    ]
    ArticlePageFactory(
        parent=index_page,
        title="Bridges for runners",
        category=item if model_name == "articlecategory" else None,
        author=item if model_name == "clinician" else None,
    )
    user = "Glute bridge" if model_name == "musclegroup" else "Bridges for runners"
    url = f"/admin/wagtail_runstrength/{model_name}/delete/{item.pk}/"
    for response in (admin_client.get(url), admin_client.post(url)):
        page = response.content.decode()
        assert response.status_code == 200
        assert "could not be deleted" in page and user in page and "Yes, delete" not in page
    assert type(item).objects.filter(pk=item.pk).exists() and exercise.target_muscles.get() == muscle


def test_modeladmin_deletes_an_unused_muscle_group(admin_client):
    muscle = MuscleGroupFactory()
    response = admin_client.post(f"/admin/wagtail_runstrength/musclegroup/delete/{muscle.pk}/")
    assert response.status_code == 302
    assert not MuscleGroup.objects.filter(pk=muscle.pk).exists()


def test_modeladmin_lists_an_empty_exercise_draft_as_untitled(admin_client):
    ExerciseFactory(name="", live=False)
    listing = admin_client.get(MODELADMIN_EXERCISES).content.decode()
    assert "Untitled exercise (draft)" in listing
