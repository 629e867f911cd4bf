"""Headless preview: the frontend reads an editor's unsaved preview with a signed, expiring token, and only then."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.core import signing
from django.urls import reverse
from freezegun import freeze_time
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import ArticlePageFactory, ExerciseFactory
from wagtail_runstrength.models import RunStrengthSettings
from wagtail_runstrength.preview import create_preview_token

pytestmark = pytest.mark.django_db


def preview_in_admin(admin_client, page, title, exercise):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "intro": rich_text("<p>Unsaved intro.</p>"),
            "body": streamfield(
                [
                    (
                        "exercise",
                        {
                            "exercise": exercise.pk,
                            "note": "New note",
                            "sets": "",
                            "reps": "",
                            "seconds": "",
                            "rest_seconds": "",
                        },
                    )
                ]
            ),
        }
    )
    assert admin_client.post(url, data).json()["is_valid"]
    return admin_client.get(url + "?mode=headless")


def test_headless_preview_redirects_the_editor_to_the_frontend_with_a_token(admin_client, client, site, index_page):
    RunStrengthSettings.objects.create(site=site, frontend_base_url="https://front.example")
    page = ArticlePageFactory(parent=index_page, title="Published title", live=False)
    exercise = ExerciseFactory(name="Step-down")
    response = preview_in_admin(admin_client, page, "Unsaved title", exercise)
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert (target.scheme, target.netloc, target.path) == ("https", "front.example", "/preview/")
    token = parse_qs(target.query)["token"][0]
    data = client.get("/api/v2/articles/preview/", {"token": token}).json()
    assert data["title"] == "Unsaved title" and data["meta"]["preview"] is True
    assert "Unsaved intro.</p>" in data["intro"]
    assert data["body"][0]["value"]["exercise"]["name"] == "Step-down"
    assert data["body"][0]["value"]["note"] == "New note"


def test_headless_preview_without_a_frontend_shows_the_token(admin_client, index_page):
    page = ArticlePageFactory(parent=index_page, live=False)
    response = preview_in_admin(admin_client, page, "Draft", ExerciseFactory())
    assert response.status_code == 200
    assert "Frontend base URL" in response.content.decode()


def test_a_draft_is_never_served_without_a_token(client, index_page):
    draft = ArticlePageFactory(parent=index_page, live=False)
    assert client.get(f"/api/v2/articles/{draft.pk}/").status_code == 404
    response = client.get("/api/v2/articles/preview/")
    assert response.status_code == 400 and "token is required" in response.json()["message"]


@pytest.mark.parametrize("token", ["nonsense", signing.dumps({"key": "x"}, salt="another-salt")])
def test_forged_tokens_are_refused(client, token):
    response = client.get("/api/v2/articles/preview/", {"token": token})
    assert response.status_code == 400 and response.json()["message"] == "preview token is not valid"


def test_tokens_expire(client, index_page, settings):
    settings.WAGTAIL_RUNSTRENGTH = {"PREVIEW_TOKEN_MAX_AGE": 60}
    page = ArticlePageFactory(parent=index_page, live=False)
    with freeze_time("2026-11-25 10:00:00"):
        token = create_preview_token(page)
        assert client.get("/api/v2/articles/preview/", {"token": token}).status_code == 200
    with freeze_time("2026-11-25 10:02:00"):
        response = client.get("/api/v2/articles/preview/", {"token": token})
    assert response.status_code == 400 and "expired" in response.json()["message"]


def test_a_token_whose_preview_left_the_cache_is_refused(client, index_page):
    from django.core.cache import cache

    token = create_preview_token(ArticlePageFactory(parent=index_page, live=False))
    cache.clear()
    response = client.get("/api/v2/articles/preview/", {"token": token})
    assert response.status_code == 400 and "expired" in response.json()["message"]


def test_preview_of_a_tagged_article_with_related_posts_works_in_admin_and_headless(admin_client, client, index_page):
    other = ArticlePageFactory(parent=index_page, title="Other knee article")
    other.tags.add("knee")
    other.save()
    page = ArticlePageFactory(parent=index_page, title="Knee strength")
    page.tags.add("knee")
    page.body = [("related_posts", {"heading": "More", "posts": []})]
    page.save_revision().publish()
    edit_preview = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = nested_form_data(
        {
            "title": "Knee strength (edited)",
            "slug": page.slug,
            "tags": "knee",
            "intro": rich_text("<p>Hi</p>"),
            "body": streamfield(
                [
                    (
                        "related_posts",
                        {
                            "heading": "More",
                            "posts": streamfield([]),
                            "limit": "",
                            "tags": "",
                            "categories": streamfield([]),
                        },
                    )
                ]
            ),
        }
    )
    assert admin_client.post(edit_preview, data).json()["is_valid"]
    html = admin_client.get(edit_preview)
    assert html.status_code == 200 and "Other knee article" in html.content.decode()
    token = create_preview_token(page.specific)
    cards = client.get("/api/v2/articles/preview/", {"token": token}).json()["body"][0]["value"]["cards"]
    assert [card["title"] for card in cards] == ["Other knee article"]
