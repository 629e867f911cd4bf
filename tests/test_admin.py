"""Editors reach everything through the Wagtail admin: pages, the exercise library and settings."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import ArticlePageFactory, ExerciseFactory
from wagtail_runstrength.checks import check_required_apps
from wagtail_runstrength.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["exercisesnippet", "musclegroup", "articlecategory", "clinician"])
def test_snippet_listings_open_for_a_superuser(admin_client, model):
    response = admin_client.get(f"/admin/snippets/wagtail_runstrength/{model}/")
    assert response.status_code == 200


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
