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
    query = parse_qs(target.query)
    # wagtail-headless-preview's names first; the deprecated ``type`` is still there for older frontends.
    assert list(query) == ["content_type", "token", "type"]
    assert query["content_type"] == ["wagtail_runstrength.articlepage"]
    assert query["type"] == ["wagtail_runstrength.ArticlePage"]
    token = query["token"][0]
    data = client.get("/api/v2/articles/preview/", {"content_type": query["content_type"][0], "token": token}).json()
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


def test_the_preview_api_checks_content_type_against_the_previewed_page(client, index_page):
    token = create_preview_token(ArticlePageFactory(parent=index_page, title="Typed", live=False))
    url = "/api/v2/articles/preview/"
    for name, value in [
        ("content_type", "wagtail_runstrength.articlepage"),
        ("content_type", "wagtail_runstrength.ArticlePage"),
        ("type", "wagtail_runstrength.ArticlePage"),  # the deprecated name
    ]:
        response = client.get(url, {name: value, "token": token})
        assert response.status_code == 200 and response.json()["title"] == "Typed", (name, value)
    response = client.get(url, {"content_type": "wagtailcore.page", "token": token})
    assert response.status_code == 400
    assert response.json()["message"] == (
        "content_type wagtailcore.page does not match the previewed page, which is a wagtail_runstrength.articlepage"
    )
    assert "no-store" in response["Cache-Control"]
    both = {"content_type": "wagtail_runstrength.articlepage", "type": "testapp.landingpage", "token": token}
    response = client.get(url, both)
    assert response.status_code == 400
    assert response.json()["message"] == "content_type and type disagree; send content_type only"


def test_a_forged_token_is_refused_before_its_content_type_is_looked_at(client):
    response = client.get(
        "/api/v2/articles/preview/", {"content_type": "wagtail_runstrength.articlepage", "token": "forged"}
    )
    assert response.status_code == 400 and response.json()["message"] == "preview token is not valid"


def test_the_project_wide_frontend_address_serves_sites_without_their_own(admin_client, site, index_page, settings):
    settings.WAGTAIL_RUNSTRENGTH = {"FRONTEND_BASE_URL": "http://127.0.0.1:3000/"}
    page = ArticlePageFactory(parent=index_page, live=False)
    response = preview_in_admin(admin_client, page, "Unsaved", ExerciseFactory())
    assert response.status_code == 302
    assert response["Location"].startswith(
        "http://127.0.0.1:3000/preview/?content_type=wagtail_runstrength.articlepage&"
    )
    # A site's own "Frontend base URL" wins over the project-wide one.
    RunStrengthSettings.objects.update_or_create(site=site, defaults={"frontend_base_url": "https://front.example"})
    response = preview_in_admin(admin_client, page, "Unsaved", ExerciseFactory())
    assert response["Location"].startswith("https://front.example/preview/?")
