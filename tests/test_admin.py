"""Editors reach everything through the Wagtail admin: pages, the exercise library and settings."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import ArticlePageFactory, ExerciseFactory, ImageFactory
from wagtail_runstrength.checks import check_required_apps
from wagtail_runstrength.models import ArticlePage, ExerciseSnippet, MuscleGroup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["exercisesnippet", "musclegroup", "articlecategory", "clinician"])
def test_snippet_listings_open_for_a_superuser(admin_client, model):
    response = admin_client.get(f"/admin/snippets/wagtail_runstrength/{model}/")
    assert response.status_code == 200


def test_run_strength_menu_groups_the_library(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Run strength" in html


def test_editor_creates_and_publishes_an_article_through_the_admin(admin_client, index_page):
    exercise = ExerciseFactory(name="Lateral step up")
    url = reverse(
        "wagtailadmin_pages:add",
        args=("wagtail_runstrength", "articlepage", index_page.pk),
    )
    data = nested_form_data(
        {
            "title": "Step up your running",
            "slug": "step-up",
            "intro": rich_text("<p>Stronger hips, steadier knees.</p>"),
            "tags": "running, knee",
            "excerpt": "",
            "hero_alt": "",
            "hero_caption": "",
            "body": streamfield(
                [
                    ("heading", {"text": "Key exercises", "level": "h2", "anchor": ""}),
                    (
                        "exercise",
                        {
                            "exercise": exercise.pk,
                            "note": "Control the lowering.",
                            "sets": "3",
                            "reps": "8",
                            "seconds": "",
                            "rest_seconds": "60",
                        },
                    ),
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(slug="step-up")
    assert page.live and list(page.exercises.all()) == [exercise]
    assert sorted(page.tags.names()) == ["knee", "running"]
    assert page.read_time_minutes == 1
    assert "Lateral step up" in admin_client.get(page.url).content.decode()


def test_admin_refuses_reps_and_seconds_together_and_saves_nothing(admin_client, index_page):
    exercise = ExerciseFactory()
    url = reverse(
        "wagtailadmin_pages:add",
        args=("wagtail_runstrength", "articlepage", index_page.pk),
    )
    data = nested_form_data(
        {
            "title": "Bad dose",
            "slug": "bad-dose",
            "intro": rich_text(""),
            "body": streamfield(
                [
                    (
                        "exercise",
                        {
                            "exercise": exercise.pk,
                            "note": "",
                            "sets": "3",
                            "reps": "8",
                            "seconds": "30",
                            "rest_seconds": "",
                        },
                    )
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Give either reps or seconds, not both." in response.content.decode()
    assert not ArticlePage.objects.filter(slug="bad-dose").exists()


def test_article_preview_renders_in_the_admin(admin_client, index_page):
    page = ArticlePageFactory(parent=index_page, title="Preview me")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = nested_form_data(
        {
            "title": "Preview me (edited)",
            "slug": page.slug,
            "intro": rich_text("<p>Hi</p>"),
            "body": streamfield([]),
        }
    )
    assert admin_client.post(url, data).json()["is_valid"]
    assert "Preview me (edited)" in admin_client.get(url).content.decode()


def test_exercise_without_alt_text_is_refused_in_the_snippet_admin(admin_client):
    image = ImageFactory(description="")
    glutes = MuscleGroup.objects.get(slug="glute-medius")
    url = reverse(ExerciseSnippet.snippet_viewset.get_url_name("add"))
    data = nested_form_data(
        {
            "name": "Clamshell",
            "slug": "clamshell",
            "summary": "Wakes up the glute medius.",
            "image": image.pk,
            "image_alt": "",
            "target_muscles": [glutes.pk],
            "equipment": "bodyweight",
            "difficulty": "beginner",
            "instructions": streamfield([]),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "no description to use as alt text" in response.content.decode()
    assert not ExerciseSnippet.objects.filter(slug="clamshell").exists()


def test_site_settings_are_editable_in_the_admin(admin_client, site):
    url = reverse(
        "wagtailsettings:edit",
        args=("wagtail_runstrength", "runstrengthsettings", site.pk),
    )
    assert admin_client.get(url).status_code == 200


def test_missing_settings_app_is_reported_by_a_system_check(monkeypatch):
    assert check_required_apps() == []
    monkeypatch.setattr(
        "wagtail_runstrength.checks.apps.is_installed",
        lambda name: name != "wagtail.contrib.settings",
    )
    assert [error.id for error in check_required_apps()] == ["wagtail_runstrength.E001"]
