"""Previews are never stored: every preview response says ``Cache-Control: private, no-store``.

A preview shows an editor's unpublished work. A shared cache (a CDN, a
company proxy) that kept one would show a draft to readers, and a browser that
kept one would show it after the editor logged out. So the admin's preview
views, the package's own ``serve_preview`` (whoever calls it) and the headless
preview endpoint all forbid storing, on success and on error alike.
"""

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils.cache import get_max_age
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import ArticlePageFactory, ExerciseFactory
from wagtail_runstrength.models import ArticleIndexPage, ExerciseLibraryPage, RunStrengthSettings

pytestmark = pytest.mark.django_db


def assert_never_stored(response) -> None:
    directives = {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, response.get("Cache-Control")
    assert "public" not in directives and not get_max_age(response)


def post_preview(admin_client, page, exercise) -> str:
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = nested_form_data(
        {
            "title": "Unsaved title",
            "slug": page.slug,
            "intro": rich_text("<p>Unsaved intro.</p>"),
            "body": streamfield([("exercise", {"exercise": exercise.pk, "sets": "", "reps": "", "seconds": ""})]),
        }
    )
    assert admin_client.post(url, data).json()["is_valid"]
    return url


@pytest.mark.parametrize("mode", ["", "headless"])
def test_admin_preview_of_an_article_is_never_stored(admin_client, index_page, mode):
    page = ArticlePageFactory(parent=index_page, live=False)
    url = post_preview(admin_client, page, ExerciseFactory())
    response = admin_client.get(url, {"mode": mode} if mode else {})
    assert response.status_code == 200
    assert_never_stored(response)


def test_headless_preview_redirect_to_the_frontend_is_never_stored(admin_client, site, index_page):
    RunStrengthSettings.objects.create(site=site, frontend_base_url="https://front.example")
    page = ArticlePageFactory(parent=index_page, live=False)
    url = post_preview(admin_client, page, ExerciseFactory())
    response = admin_client.get(url, {"mode": "headless"})
    assert response.status_code == 302 and response["Location"].startswith("https://front.example/preview/")
    assert_never_stored(response)


def test_headless_preview_api_answer_is_never_stored(admin_client, client, site, index_page):
    RunStrengthSettings.objects.create(site=site, frontend_base_url="https://front.example")
    page = ArticlePageFactory(parent=index_page, live=False)
    url = post_preview(admin_client, page, ExerciseFactory())
    token = parse_qs(urlparse(admin_client.get(url, {"mode": "headless"})["Location"]).query)["token"][0]
    response = client.get("/api/v2/articles/preview/", {"token": token})
    assert response.status_code == 200 and response.json()["title"] == "Unsaved title"
    assert_never_stored(response)


@pytest.mark.parametrize("query", [{}, {"token": "forged"}])
def test_headless_preview_api_errors_are_never_stored(client, query):
    response = client.get("/api/v2/articles/preview/", query)
    assert response.status_code == 400
    assert_never_stored(response)


def test_serve_preview_itself_forbids_storing_whoever_calls_it(site, index_page, admin_user):
    """A host may serve previews outside Wagtail's admin URLs (its own view, a preview app)."""
    library = ExerciseLibraryPage(title="Exercises", slug="exercises")
    site.root_page.add_child(instance=library)
    article = ArticlePageFactory(parent=index_page, live=False)
    pages = [article, index_page.specific, library]
    assert {type(page) for page in pages} >= {ArticleIndexPage, ExerciseLibraryPage}
    for page in pages:
        for mode, _label in page.preview_modes:
            request = RequestFactory().get("/preview/", HTTP_HOST="localhost")
            request.user = admin_user
            response = page.make_preview_request(request, mode)
            assert response.status_code in (200, 302), (page, mode)
            assert_never_stored(response)


def test_exercise_snippet_preview_forbids_storing(admin_user):
    exercise = ExerciseFactory(name="Step-down")
    request = RequestFactory().get("/preview/", HTTP_HOST="localhost")
    request.user = admin_user
    response = exercise.make_preview_request(request, exercise.default_preview_mode)
    assert response.status_code == 200 and "Step-down" in response.rendered_content
    assert_never_stored(response)
