"""The "Clinic editors" group: write and publish articles and keep the library; delete only what is their own and not live.

Members may not delete exercises or other library items, change the site
settings, delete a live page or a page someone else created, or edit or
delete someone else's image. They may delete their own pages that are not
live, and edit and delete their own uploads. Rights from other groups still
apply in full.
"""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import APIToken, Collection, GroupCollectionPermission, GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import ArticlePageFactory, ExerciseFactory, ImageFactory
from wagtail_runstrength.models import ArticlePage, ExerciseSnippet, MuscleGroup

pytestmark = pytest.mark.django_db

MIGRATION = ("wagtail_runstrength", "0004_clinic_editors_group")
group_migration = importlib.import_module("wagtail_runstrength.migrations.0004_clinic_editors_group")
images_migration = importlib.import_module("wagtail_runstrength.migrations.0011_clinic_editors_own_images_only")


@pytest.fixture
def sam(django_user_model):
    user = django_user_model.objects.create_user(username="sam", password="password")
    user.groups.add(Group.objects.get(name="Clinic editors"))
    return user


@pytest.fixture
def editor(client, sam):
    client.force_login(sam)
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
    # No "change": Wagtail counts deleting an image as changing it (migration 0010).
    assert {(p.collection_id, p.permission.codename) for p in collection_permissions} == {
        (Collection.get_first_root_node().pk, "add_image"),
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


# Deleting pages


def page_delete_url(page) -> str:
    return reverse("wagtailadmin_pages:delete", args=(page.pk,))


def assert_refused_with_the_reason(response, page):
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    *_, message = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith(f"“{page.title}” was not deleted: clinic editors may delete only pages they created")


def test_clinic_editor_cannot_delete_a_live_page_even_their_own(editor, sam, index_page):
    others = ArticlePageFactory(parent=index_page, title="Strength for runners")
    own = ArticlePageFactory(parent=index_page, title="My live article", owner=sam)
    for page in (others, own):
        assert_refused_with_the_reason(editor.get(page_delete_url(page)), page)
        assert_refused_with_the_reason(editor.post(page_delete_url(page)), page)
        assert Page.objects.filter(pk=page.pk).exists()


def test_clinic_editor_cannot_delete_someone_elses_draft(editor, index_page):
    draft = ArticlePageFactory(parent=index_page, title="A colleague's draft", live=False)
    assert_refused_with_the_reason(editor.post(page_delete_url(draft)), draft)
    assert Page.objects.filter(pk=draft.pk).exists()


def test_clinic_editor_deletes_their_own_draft_and_their_own_unpublished_page(editor, sam, index_page):
    draft = ArticlePageFactory(parent=index_page, title="Abandoned idea", live=False, owner=sam)
    retired = ArticlePageFactory(parent=index_page, title="Old news", owner=sam)
    assert editor.post(reverse("wagtailadmin_pages:unpublish", args=(retired.pk,))).status_code == 302
    for page in (draft, retired):
        assert editor.get(page_delete_url(page)).status_code == 200
        assert editor.post(page_delete_url(page)).status_code == 302
        assert not Page.objects.filter(pk=page.pk).exists()


def test_clinic_editor_cannot_bulk_delete_live_pages(editor, sam, index_page):
    live = ArticlePageFactory(parent=index_page, title="Strength for runners")
    own_draft = ArticlePageFactory(parent=index_page, live=False, owner=sam)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    response = editor.post(f"{url}?id={live.pk}&id={own_draft.pk}&childOf={index_page.pk}")
    assert response.status_code == 302
    assert "“Strength for runners” was not deleted" in [str(m) for m in get_messages(response.wsgi_request)][-1]
    assert Page.objects.filter(pk__in=[live.pk, own_draft.pk]).count() == 2


def test_clinic_editor_cannot_delete_a_live_page_through_api_v3(client, sam, index_page):
    page = ArticlePageFactory(parent=index_page, title="Strength for runners")
    _, token = APIToken.create_token(user=sam, name="editor")
    for route in (f"/api/v3/pages/{page.pk}/", f"/api/v3/pages/{page.pk}/actions/delete/"):
        response = client.delete(route, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 403
        assert "clinic editors may delete only pages they created" in response.json()["detail"]
    assert Page.objects.filter(pk=page.pk).exists()


def test_rights_from_another_group_still_let_a_clinic_editor_delete(editor, sam, index_page):
    moderators = Group.objects.get(name="Moderators")  # Wagtail's default group: change and publish everywhere
    sam.groups.add(moderators)
    page = ArticlePageFactory(parent=index_page, title="Strength for runners")
    assert editor.post(page_delete_url(page)).status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()


# Images


def test_clinic_editor_cannot_edit_or_delete_someone_elses_image_but_can_choose_it(editor, django_user_model):
    kim = django_user_model.objects.create_user(username="kim")
    image = ImageFactory(uploaded_by_user=kim, collection=Collection.get_first_root_node())
    for view in ("edit", "delete"):
        url = reverse(f"wagtailimages:{view}", args=(image.pk,))
        assert_denied(editor.get(url))
        assert_denied(editor.post(url))
    assert get_image_model().objects.filter(pk=image.pk).exists()
    chooser = editor.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert image.title in chooser


def test_clinic_editor_edits_and_deletes_their_own_upload(editor, sam):
    image = ImageFactory(uploaded_by_user=sam, collection=Collection.get_first_root_node())
    assert editor.get(reverse("wagtailimages:edit", args=(image.pk,))).status_code == 200
    assert editor.post(reverse("wagtailimages:delete", args=(image.pk,))).status_code == 302
    assert not get_image_model().objects.filter(pk=image.pk).exists()


def test_the_images_migration_updates_a_site_that_ran_0004_and_reverses(django_user_model):
    state_apps = (
        MigrationExecutor(connection)
        .loader.project_state(("wagtail_runstrength", "0011_clinic_editors_own_images_only"))
        .apps
    )
    group = Group.objects.get(name="Clinic editors")

    def image_codenames():
        rows = GroupCollectionPermission.objects.filter(
            group=group, permission__content_type__app_label="wagtailimages"
        )
        return set(rows.values_list("permission__codename", flat=True))

    images_migration.restore_change_image(state_apps, None)  # as on a site that ran only 0004
    assert image_codenames() == {"add_image", "change_image", "choose_image"}
    images_migration.remove_change_image(state_apps, None)
    assert image_codenames() == {"add_image", "choose_image"}
