"""The "Clinic editors" group: write and publish articles, keep the library, but no deleting exercises or settings."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import ExerciseFactory
from wagtail_runstrength.models import ArticlePage, ExerciseSnippet, MuscleGroup

pytestmark = pytest.mark.django_db

MIGRATION = ("wagtail_runstrength", "0004_clinic_editors_group")
group_migration = importlib.import_module("wagtail_runstrength.migrations.0004_clinic_editors_group")


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user(username="sam", password="password")
    user.groups.add(Group.objects.get(name="Clinic editors"))
    client.force_login(user)
    return client


def assert_denied(response):
    # Wagtail turns a PermissionDenied in the admin into a redirect to the dashboard with a message.
    assert response.status_code == 403 or (response.status_code, response.url) == (302, "/admin/")


def snippet_url(model, view, *args):
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


def test_the_group_holds_exactly_the_intended_permissions():
    group = Group.objects.get(name="Clinic editors")
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    # wagtaildocs' own migration gives every admin group "choose document" when it runs after ours.
    codenames.discard(("wagtaildocs", "choose_document"))
    assert ("wagtail_runstrength", "delete_exercisesnippet") not in codenames
    assert ("wagtail_runstrength", "change_runstrengthsettings") not in codenames
    assert codenames == {
        ("wagtailadmin", "access_admin"),
        *(
            ("wagtail_runstrength", f"{action}_{model}")
            for model in ("musclegroup", "articlecategory", "clinician")
            for action in ("add", "change", "view")
        ),
        *(("wagtail_runstrength", f"{action}_exercisesnippet") for action in ("add", "change", "view", "publish")),
    }
    root = Page.get_first_root_node()
    page_permissions = GroupPagePermission.objects.filter(group=group)
    assert {(p.page_id, p.permission.codename) for p in page_permissions} == {
        (root.pk, "add_page"),
        (root.pk, "change_page"),
        (root.pk, "publish_page"),
    }
    collection_permissions = GroupCollectionPermission.objects.filter(
        group=group, permission__content_type__app_label="wagtailimages"
    )
    assert {(p.collection_id, p.permission.codename) for p in collection_permissions} == {
        (Collection.get_first_root_node().pk, "add_image"),
        (Collection.get_first_root_node().pk, "change_image"),
        (Collection.get_first_root_node().pk, "choose_image"),
    }


def test_the_migration_reverses_and_reapplies_cleanly():
    assert all(operation.reversible for operation in group_migration.Migration.operations)
    state_apps = MigrationExecutor(connection).loader.project_state(MIGRATION).apps

    group_migration.delete_group(state_apps, None)
    assert not Group.objects.filter(name="Clinic editors").exists()
    assert not GroupPagePermission.objects.filter(group__name="Clinic editors").exists()

    group_migration.create_group(state_apps, None)
    group_migration.create_group(state_apps, None)  # idempotent: no duplicates
    group = Group.objects.get(name="Clinic editors")
    assert group.permissions.count() == 14 and GroupPagePermission.objects.filter(group=group).count() == 3


def test_clinic_editor_opens_the_admin_and_the_exercise_add_and_edit_views(editor):
    exercise = ExerciseFactory()
    assert editor.get("/admin/").status_code == 200
    assert editor.get(snippet_url(ExerciseSnippet, "list")).status_code == 200
    assert editor.get(snippet_url(ExerciseSnippet, "add")).status_code == 200
    assert editor.get(snippet_url(ExerciseSnippet, "edit", exercise.pk)).status_code == 200
    assert editor.get(snippet_url(MuscleGroup, "add")).status_code == 200


def test_clinic_editor_publishes_an_exercise(editor):
    calves = MuscleGroup.objects.get(slug="calves")
    data = nested_form_data(
        {
            "name": "Calf raise",
            "slug": "calf-raise",
            "summary": "Builds calf strength for push-off.",
            "image_alt": "",
            "equipment": "bodyweight",
            "difficulty": "beginner",
            "instructions": streamfield([("step", "Rise onto the balls of your feet.")]),
            "action-publish": "action-publish",
        }
    )
    response = editor.post(snippet_url(ExerciseSnippet, "add"), {**data, "target_muscles": [calves.pk]})
    assert response.status_code == 302
    assert ExerciseSnippet.objects.get(slug="calf-raise").live


def test_clinic_editor_cannot_delete_an_exercise(editor):
    exercise = ExerciseFactory()
    assert_denied(editor.get(snippet_url(ExerciseSnippet, "delete", exercise.pk)))
    assert_denied(editor.post(snippet_url(ExerciseSnippet, "delete", exercise.pk)))
    assert ExerciseSnippet.objects.filter(pk=exercise.pk).exists()


def test_clinic_editor_cannot_change_the_site_settings(editor, site):
    url = reverse("wagtailsettings:edit", args=("wagtail_runstrength", "runstrengthsettings", site.pk))
    assert_denied(editor.get(url))
    assert_denied(editor.post(url, {"clinic_name": "Hijacked"}))


def test_clinic_editor_creates_and_publishes_an_article(editor, index_page):
    exercise = ExerciseFactory(name="Lateral step up")
    url = reverse("wagtailadmin_pages:add", args=("wagtail_runstrength", "articlepage", index_page.pk))
    assert editor.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Step up your running",
            "slug": "step-up",
            "intro": rich_text("<p>Stronger hips, steadier knees.</p>"),
            "body": streamfield([("exercise", {"exercise": exercise.pk, "note": "", "sets": "3", "reps": "8"})]),
            "action-publish": "action-publish",
        }
    )
    assert editor.post(url, data).status_code == 302
    assert ArticlePage.objects.get(slug="step-up").live
