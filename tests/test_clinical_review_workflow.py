"""The "Clinical review" workflow through the admin: editors submit, only clinicians approve, the review is recorded."""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from freezegun import freeze_time
from wagtail.models import GroupPagePermission, Page, Revision, Workflow, WorkflowPage, WorkflowTask
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import ArticlePageFactory, ClinicianFactory
from wagtail_runstrength.models import ArticlePage, ClinicalReview, ClinicalReviewTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def workflow(index_page):
    task = ClinicalReviewTask.objects.create(name="Clinical review")
    workflow = Workflow.objects.create(name="Clinical review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=index_page, workflow=workflow)
    return workflow


@pytest.fixture
def clinicians_group():
    group, _ = Group.objects.get_or_create(name="Clinicians")
    group.permissions.add(*Group.objects.get(name="Clinic editors").permissions.filter(codename="access_admin"))
    for action in ("change", "publish"):
        GroupPagePermission.objects.create(group=group, page=Page.get_first_root_node(), permission_type=action)
    return group


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user(username="sam", password="password")
    user.groups.add(Group.objects.get(name="Clinic editors"))
    client.force_login(user)
    return client


@pytest.fixture
def clinician_user(django_user_model, clinicians_group):
    user = django_user_model.objects.create_user(username="dana", password="password")
    user.groups.add(clinicians_group)
    ClinicianFactory(name="Dana Ortiz", credentials="DPT, OCS", user=user)
    return user


@pytest.fixture
def clinician_client(client_factory, clinician_user):
    client = client_factory()
    client.force_login(clinician_user)
    return client


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


def edit_data(page, **extra):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": rich_text("<p>Strength work keeps runners running.</p>"),
            "tags": "",
            "excerpt": "",
            "hero_alt": "",
            "hero_caption": "",
            "body": streamfield([]),
            **extra,
        }
    )


def submit(editor, page, **extra):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = editor.post(url, edit_data(page, **{"action-submit": "submit", **extra}))
    assert response.status_code == 302, response.content.decode()[:3000]
    return page.current_workflow_task_state


def approve(client, page, task_state, note=""):
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    return client.post(url, {"comment": note})


def json_ld(html: str) -> list[dict]:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(script) for script in scripts]


def medical_web_page(html: str) -> dict:
    for data in json_ld(html):
        for item in data.get("@graph", [data]):
            if item.get("@type") == "MedicalWebPage":
                return item
    raise AssertionError("no MedicalWebPage in the page")


@freeze_time("2026-06-15 10:00")
def test_a_clinician_approves_an_article_an_editor_submitted(
    editor, clinician_client, clinician_user, index_page, workflow, client
):
    page = ArticlePageFactory(parent=index_page, title="Hill strength")
    task_state = submit(editor, page)
    assert task_state is not None and task_state.task.specific.__class__ is ClinicalReviewTask

    response = approve(clinician_client, page, task_state, note="Checked the knee cues.")
    assert response.status_code == 302

    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert page.last_reviewed == datetime.date(2026, 6, 15)
    assert page.reviewer.user == clinician_user
    review = ClinicalReview.for_object(page).get()
    assert (review.note, review.user, review.revision_id) == (
        "Checked the knee cues.",
        clinician_user,
        task_state.revision_id,
    )
    assert review.locale_id == page.locale_id

    html = client.get(page.url).content.decode()
    assert "Dana Ortiz, DPT, OCS" in html
    assert "15 June 2026" in html
    assert "Next review due" in html and "15 June 2027" in html  # twelve months on
    data = medical_web_page(html)
    assert data["lastReviewed"] == "2026-06-15"
    assert data["reviewedBy"]["name"] == "Dana Ortiz"
    assert data["reviewedBy"]["honorificSuffix"] == "DPT, OCS"
    assert [credential["name"] for credential in data["reviewedBy"]["hasCredential"]] == ["DPT", "OCS"]


def test_an_editor_cannot_approve_the_clinical_review(editor, index_page, workflow):
    page = ArticlePageFactory(parent=index_page)
    task_state = submit(editor, page)
    response = approve(editor, page, task_state)
    assert response.status_code in (302, 403)
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"
    assert not ClinicalReview.objects.exists()
    page.refresh_from_db()
    assert page.last_reviewed is None


def test_a_superuser_outside_the_clinicians_group_cannot_approve(editor, admin_client, index_page, workflow):
    page = ArticlePageFactory(parent=index_page)
    task_state = submit(editor, page)
    approve(admin_client, page, task_state)
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"


def test_a_group_member_without_a_clinician_profile_cannot_approve(
    editor, client_factory, django_user_model, clinicians_group, index_page, workflow
):
    user = django_user_model.objects.create_user(username="no-profile", password="password")
    user.groups.add(clinicians_group)
    other = client_factory()
    other.force_login(user)
    page = ArticlePageFactory(parent=index_page)
    task_state = submit(editor, page)
    approve(other, page, task_state)
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"


def test_posted_review_fields_are_ignored(editor, index_page):
    typed_by_hand = ClinicianFactory(name="Typed By Hand")
    page = ArticlePageFactory(parent=index_page)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = edit_data(page, **{"action-publish": "publish"})
    data.update({"reviewer": str(typed_by_hand.pk), "last_reviewed": "2026-01-01"})
    response = editor.post(url, data)
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert page.reviewer is None and page.last_reviewed is None


def test_reverting_to_an_older_revision_keeps_the_latest_review(index_page, clinician_user):
    page = ArticlePageFactory(parent=index_page)
    old_revision = page.save_revision()
    old_revision.publish()
    clinician = clinician_user.clinician_profiles.get()
    with freeze_time("2026-06-15"):
        ClinicalReview.record(page, clinician, user=clinician_user, revision=page.save_revision())
    page = ArticlePage.objects.get(pk=page.pk)
    page.save_revision().publish()
    # The old revision carries no review; publishing it again must not erase (or invent) one.
    old_revision.publish()
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.last_reviewed == datetime.date(2026, 6, 15)
    assert page.reviewer == clinician


def test_an_old_revision_never_brings_back_a_review_typed_into_it(index_page):
    page = ArticlePageFactory(parent=index_page)
    stale = ClinicianFactory()
    forged = page.save_revision()
    forged.content.update({"reviewer": stale.pk, "last_reviewed": "2030-01-01"})
    forged.save(update_fields=["content"])
    forged.publish()
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.reviewer is None and page.last_reviewed is None


def test_a_translation_starts_without_a_review(index_page, clinician_user):
    from wagtail.models import Locale

    page = ArticlePageFactory(parent=index_page)
    ClinicalReview.record(page, clinician_user.clinician_profiles.get())
    french = Locale.objects.create(language_code="fr")
    translation = page.copy_for_translation(french, copy_parents=True)
    assert translation.reviewer is None and translation.last_reviewed is None
    assert not ClinicalReview.for_object(translation).exists()


def test_posted_review_fields_on_an_exercise_are_ignored(admin_client):
    from tests.factories import ExerciseFactory
    from wagtail_runstrength.models import ExerciseSnippet

    exercise = ExerciseFactory(name="Calf raise", slug="calf-raise")
    hand = ClinicianFactory()
    url = reverse(ExerciseSnippet.snippet_viewset.get_url_name("edit"), args=(exercise.pk,))
    data = nested_form_data(
        {
            "name": "Calf raise",
            "slug": "calf-raise",
            "summary": "Builds calf strength for push-off.",
            "image_alt": "",
            "equipment": "bodyweight",
            "difficulty": "beginner",
            "sets": "3",
            "reps": "10",
            "rest_seconds": "60",
            "instructions": streamfield([("step", "Rise onto the balls of your feet.")]),
            "reviewer": str(hand.pk),
            "last_reviewed": "2026-01-01",
            "review_interval_months": "6",
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    exercise = ExerciseSnippet.objects.get(pk=exercise.pk)
    assert exercise.review_interval_months == 6  # the one review field an editor may set
    assert exercise.reviewer is None and exercise.last_reviewed is None


@freeze_time("2026-06-15")
def test_an_overdue_article_shows_the_site_notice(client, index_page, site, clinician_user):
    from wagtail_runstrength.models import RunStrengthSettings

    page = ArticlePageFactory(parent=index_page)
    with freeze_time("2025-01-01"):
        ClinicalReview.record(page, clinician_user.clinician_profiles.get())
    html = client.get(page.url).content.decode()
    assert "due for its regular clinical review" in html  # the default wording
    settings = RunStrengthSettings.for_site(site)
    settings.overdue_notice = "Our clinicians are re-checking this article."
    settings.save()
    html = client.get(page.url).content.decode()
    assert "Our clinicians are re-checking this article." in html
    assert "due for its regular clinical review" not in html


@freeze_time("2026-06-15")
def test_a_current_article_shows_no_overdue_notice(client, index_page, clinician_user):
    page = ArticlePageFactory(parent=index_page)
    ClinicalReview.record(page, clinician_user.clinician_profiles.get())
    html = client.get(page.url).content.decode()
    assert "Next review due" in html
    assert "rs-review-notice" not in html


@freeze_time("2026-06-15 10:00")
def test_a_clinician_approves_an_exercise_through_the_workflow(
    admin_client, clinician_client, clinician_user, workflow
):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowContentType

    from tests.factories import ExerciseFactory
    from wagtail_runstrength.models import ExerciseSnippet

    WorkflowContentType.objects.create(
        workflow=workflow, content_type=ContentType.objects.get_for_model(ExerciseSnippet)
    )
    clinician_user.groups.first().permissions.add(
        *Group.objects.get(name="Clinic editors").permissions.filter(
            codename__in=["change_exercisesnippet", "publish_exercisesnippet", "view_exercisesnippet"]
        )
    )
    exercise = ExerciseFactory(name="Calf raise", slug="calf-raise")
    edit_url = reverse(ExerciseSnippet.snippet_viewset.get_url_name("edit"), args=(exercise.pk,))
    data = nested_form_data(
        {
            "name": "Calf raise",
            "slug": "calf-raise",
            "summary": "Builds calf strength for push-off.",
            "image_alt": "",
            "equipment": "bodyweight",
            "difficulty": "beginner",
            "sets": "3",
            "reps": "10",
            "rest_seconds": "60",
            "instructions": streamfield([("step", "Rise onto the balls of your feet.")]),
            "action-submit": "action-submit",
        }
    )
    assert admin_client.post(edit_url, data).status_code == 302
    exercise = ExerciseSnippet.objects.get(pk=exercise.pk)
    task_state = exercise.current_workflow_task_state
    assert task_state is not None
    action_url = reverse(
        ExerciseSnippet.snippet_viewset.get_url_name("workflow_action"), args=(exercise.pk, "approve", task_state.pk)
    )
    assert clinician_client.post(action_url, {"comment": "Safety notes fine."}).status_code == 302
    exercise = ExerciseSnippet.objects.get(pk=exercise.pk)
    assert exercise.last_reviewed == datetime.date(2026, 6, 15)
    assert exercise.reviewer.user == clinician_user
    assert ClinicalReview.for_object(exercise).get().note == "Safety notes fine."


@pytest.fixture
def two_step_workflow(index_page):
    """Clinical review first, then a sign-off by the "Moderators" group, whose approval publishes."""
    from wagtail.models import GroupApprovalTask

    review = ClinicalReviewTask.objects.create(name="Clinical review")
    sign_off = GroupApprovalTask.objects.create(name="Sign-off")
    sign_off.groups.set([Group.objects.get(name="Moderators")])
    workflow = Workflow.objects.create(name="Review and sign-off")
    WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=sign_off, sort_order=1)
    WorkflowPage.objects.create(page=index_page, workflow=workflow)
    return workflow


def test_a_review_approved_before_the_last_step_waits_for_the_publish(
    editor, clinician_client, clinician_user, admin_client, client, index_page, two_step_workflow
):
    page = ArticlePageFactory(parent=index_page, title="Hill strength")
    earlier = ClinicianFactory(name="Lee Park")
    with freeze_time("2025-01-10 12:00"):
        ClinicalReview.record(page, earlier)

    with freeze_time("2026-06-15 10:00"):
        task_state = submit(editor, page)
        assert approve(clinician_client, page, task_state, note="Checked.").status_code == 302

    # Recorded, with its note and the reviewed revision, but readers still see the published review.
    review = ClinicalReview.for_object(page).first()
    assert (review.reviewer.user, review.note, review.revision_id) == (
        clinician_user,
        "Checked.",
        task_state.revision_id,
    )
    page = ArticlePage.objects.get(pk=page.pk)
    assert (page.reviewer, page.last_reviewed) == (earlier, datetime.date(2025, 1, 10))
    with freeze_time("2026-06-16"):
        assert client.get(f"/api/v2/pages/{page.pk}/").json()["review"]["last_reviewed"] == "2025-01-10"
        html = client.get(page.url).content.decode()
    assert "Lee Park" in html and "Dana Ortiz" not in html
    assert medical_web_page(html)["lastReviewed"] == "2025-01-10"

    # The sign-off publishes the reviewed content: now the review shows, dated the day it was approved.
    with freeze_time("2026-06-20 09:00"):
        sign_off = page.current_workflow_task_state
        assert sign_off.task.name == "Sign-off"
        assert approve(admin_client, page, sign_off).status_code == 302
        page = ArticlePage.objects.get(pk=page.pk)
        assert page.current_workflow_state is None
        assert (page.reviewer.user, page.last_reviewed) == (clinician_user, datetime.date(2026, 6, 15))
        html = client.get(page.url).content.decode()
    assert "Dana Ortiz, DPT, OCS" in html and "15 June 2027" in html
    assert medical_web_page(html)["lastReviewed"] == "2026-06-15"


def test_publishing_a_revision_older_than_the_reviewed_one_does_not_show_the_review(index_page, clinician_user):
    page = ArticlePageFactory(parent=index_page)
    older = page.save_revision()
    reviewed_revision = page.save_revision()
    clinician = clinician_user.clinician_profiles.get()
    with freeze_time("2026-06-15"):
        ClinicalReview.record(page, clinician, revision=reviewed_revision, apply=False)
    older.publish()
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.reviewer is None and page.last_reviewed is None
    reviewed_revision.publish()
    page = ArticlePage.objects.get(pk=page.pk)
    assert (page.reviewer, page.last_reviewed) == (clinician, datetime.date(2026, 6, 15))
    # Publishing the older revision again later keeps the review it has shown (loaded afresh, as the admin does).
    Revision.objects.get(pk=older.pk).publish()
    page = ArticlePage.objects.get(pk=page.pk)
    assert (page.reviewer, page.last_reviewed) == (clinician, datetime.date(2026, 6, 15))


def test_a_pending_exercise_review_shows_when_the_exercise_is_published(clinician_user):
    from tests.factories import ExerciseFactory
    from wagtail_runstrength.models import ExerciseSnippet

    exercise = ExerciseFactory(name="Calf raise", slug="calf-raise")
    revision = exercise.save_revision()
    clinician = clinician_user.clinician_profiles.get()
    with freeze_time("2026-06-15"):
        ClinicalReview.record(exercise, clinician, revision=revision, apply=False)
    assert ExerciseSnippet.objects.get(pk=exercise.pk).last_reviewed is None
    revision.publish()
    exercise = ExerciseSnippet.objects.get(pk=exercise.pk)
    assert (exercise.reviewer, exercise.last_reviewed) == (clinician, datetime.date(2026, 6, 15))


def test_a_pending_review_waits_for_a_scheduled_first_publish(index_page, clinician_user):
    from django.core.management import call_command

    page = ArticlePageFactory(parent=index_page, live=False)
    clinician = clinician_user.clinician_profiles.get()
    with freeze_time("2026-06-15 10:00"):
        page.go_live_at = datetime.datetime(2026, 6, 20, 8, tzinfo=datetime.UTC)
        revision = page.save_revision()
        ClinicalReview.record(page, clinician, revision=revision, apply=False)
        revision.publish()
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live and page.last_reviewed is None
    with freeze_time("2026-06-20 09:00"):
        call_command("publish_scheduled")
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert (page.reviewer, page.last_reviewed) == (clinician, datetime.date(2026, 6, 15))
