"""HTTP caching (``http_caching.py``): validators and 304s, Cache-Control, Vary, surrogate keys, purges by key.

Every read path a reader or a frontend uses is checked: the article page,
the index, the exercise library and an exercise's page, and the v2 and v3
API reads. The CDN purge by key goes to a real HTTP server on a loopback
port, in a thread of the test process.
"""

from __future__ import annotations

import json
import re
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import http_date, parse_http_date
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import ArticlePageFactory, ExerciseFactory, ImageFactory, publish
from wagtail_runstrength import cdn, http_caching, webhooks
from wagtail_runstrength.affected import affected_by
from wagtail_runstrength.conf import check_settings
from wagtail_runstrength.models import ExerciseLibraryPage

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture
def content(site, index_page):
    """An article drawing an exercise (with its photo), a hero, a body image and a related card."""
    exercise = ExerciseFactory(name="Lateral step up", slug="lateral-step-up")
    neighbour = ArticlePageFactory(parent=index_page, title="Hips for hills", hero_image=ImageFactory())
    neighbour.tags.add("knee")
    neighbour = publish(neighbour)
    body_image = ImageFactory()
    article = ArticlePageFactory(
        parent=index_page,
        title="Step ups for runners",
        slug="step-ups",
        hero_image=ImageFactory(),
        body=[
            ("exercise", {"exercise": exercise, "note": ""}),
            ("image", {"image": {"image": body_image, "alt_text": "A step", "decorative": False}, "caption": ""}),
            ("related_posts", {"heading": "Read next", "posts": []}),
        ],
    )
    article.tags.add("knee")
    article = publish(article)
    library = ExerciseLibraryPage(title="Exercise library", slug="exercises")
    site.root_page.add_child(instance=library)
    return {
        "article": article,
        "neighbour": neighbour,
        "exercise": exercise,
        "body_image": body_image,
        "index": index_page,
        "library": library,
    }


# Every read path, as a function of the content.
READ_PATHS = {
    "article page": lambda c: c["article"].url,
    "index page": lambda c: c["index"].url,
    "library page": lambda c: c["library"].url,
    "exercise page": lambda c: f"{c['library'].url}{c['exercise'].slug}/",
    "v2 pages detail": lambda c: f"/api/v2/pages/{c['article'].pk}/",
    "v2 pages find": lambda c: f"/api/v2/pages/find/?html_path={quote(c['article'].url)}",
    "v2 articles detail": lambda c: f"/api/v2/articles/{c['article'].pk}/",
    "v2 articles listing": lambda c: "/api/v2/articles/",
    "v2 exercises listing": lambda c: "/api/v2/exercises/",
    "v2 exercises detail": lambda c: f"/api/v2/exercises/{c['exercise'].pk}/",
    "v2 exercises by slug": lambda c: f"/api/v2/exercises/{c['exercise'].slug}/",
    "v3 pages detail": lambda c: f"/api/v3/pages/{c['article'].pk}/",
    "v3 exercises listing": lambda c: "/api/v3/exercises/",
    "v3 exercises detail": lambda c: f"/api/v3/exercises/{c['exercise'].pk}/",
    "v3 exercises by slug": lambda c: f"/api/v3/exercises/by-slug/{c['exercise'].slug}/",
}


def get(client, path, **headers):
    """GET ``path``; a find/ redirect is followed, as a frontend would, and the target's answer returned."""
    response = client.get(path, **headers)
    if response.status_code in (301, 302):
        response = client.get(response["Location"], **headers)
    return response


def image_key(image_id) -> str:
    """An image's surrogate key: named after the site's image model (a host's own, under tests.settings_custom_image)."""
    from wagtail.images import get_image_model

    return f"rs-{get_image_model()._meta.model_name}-{image_id}"


def keys_of(response) -> set[str]:
    return set(response.get(http_caching.SURROGATE_KEY_HEADER, "").split())


def counted(client, path, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = get(client, path, **headers)
    return response, len(queries.captured_queries)


@pytest.mark.parametrize("name", list(READ_PATHS))
def test_every_read_path_answers_304_to_if_none_match_for_no_more_queries(client, content, name):
    path = READ_PATHS[name](content)
    get(client, path)  # warm the fragment cache: both requests below are warm
    ok, ok_queries = counted(client, path)
    assert ok.status_code == 200
    etag = ok["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{40}"', etag), etag  # strong: no W/ prefix

    not_modified, not_modified_queries = counted(client, path, HTTP_IF_NONE_MATCH=etag)

    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert not_modified_queries <= ok_queries
    assert get(client, path, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


# find/ answers an article in place, at an address with a query string: no Last-Modified there
# (test_an_address_with_a_query_string_is_validated_by_its_etag_alone); its ETag is tested above.
ADDRESSES_WITHOUT_QUERY = [name for name in READ_PATHS if name != "v2 pages find"]


@pytest.mark.parametrize("name", ADDRESSES_WITHOUT_QUERY)
def test_every_read_path_answers_304_to_if_modified_since(client, content, name):
    path = READ_PATHS[name](content)
    ok = get(client, path)
    last_modified = ok["Last-Modified"]
    assert parse_http_date(last_modified) <= time.time() + 1

    assert get(client, path, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    earlier = http_date(parse_http_date(last_modified) - 60)
    assert get(client, path, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


@pytest.mark.parametrize("name", ["article page", "v2 pages detail", "v2 articles detail", "v3 pages detail"])
def test_validators_change_when_the_article_is_published_again(client, content, name):
    path = READ_PATHS[name](content)
    before = get(client, path)
    article = content["article"]
    article.title = "Step ups, revised"
    publish(article)

    after = get(client, path)

    assert after["ETag"] != before["ETag"]
    assert parse_http_date(after["Last-Modified"]) > parse_http_date(before["Last-Modified"])
    assert get(client, path, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200
    assert get(client, path, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"]).status_code == 200


def test_editing_an_exercise_changes_the_etag_of_the_article_drawing_it(client, content):
    before = get(client, content["article"].url)
    exercise = content["exercise"]
    exercise.summary = "Builds single-leg strength for hills."
    exercise.save()

    after = get(client, content["article"].url)

    assert after["ETag"] != before["ETag"]
    assert b"Builds single-leg strength for hills." in after.content


def test_a_body_that_changes_back_gets_a_new_last_modified(rf):
    """An address that served A, then B, then A again: a client holding B must not get a 304 for A."""

    def serve(body: bytes, **headers):
        return http_caching.finalize(rf.get("/blog/step-ups/", **headers), HttpResponse(body))

    first, second, third = serve(b"A"), serve(b"B"), serve(b"A")

    assert third["ETag"] == first["ETag"] != second["ETag"]
    assert parse_http_date(first["Last-Modified"]) < parse_http_date(second["Last-Modified"])
    assert parse_http_date(third["Last-Modified"]) > parse_http_date(second["Last-Modified"])
    assert serve(b"A", HTTP_IF_MODIFIED_SINCE=second["Last-Modified"]).status_code == 200
    assert serve(b"A", HTTP_IF_MODIFIED_SINCE=third["Last-Modified"]).status_code == 304


def directives(response) -> dict[str, str]:
    found = {}
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        found[name] = value
    return found


def test_cache_control_has_the_documented_defaults(client, content):
    response = get(client, content["article"].url)
    assert directives(response) == {"public": "", "max-age": "0", "s-maxage": "60", "stale-while-revalidate": "60"}


@pytest.mark.parametrize("name", ["article page", "v2 articles detail", "v3 pages detail", "v3 exercises listing"])
def test_cache_control_follows_the_settings(settings, client, content, name):
    settings.WAGTAIL_RUNSTRENGTH = {"HTTP_MAX_AGE": 30, "HTTP_S_MAXAGE": 600, "HTTP_STALE_WHILE_REVALIDATE": 90}
    response = get(client, READ_PATHS[name](content))
    assert directives(response) == {"public": "", "max-age": "30", "s-maxage": "600", "stale-while-revalidate": "90"}


def test_turning_http_caching_off_leaves_responses_alone(settings, client, content):
    settings.WAGTAIL_RUNSTRENGTH = {"HTTP_CACHING": False}
    for name in ("article page", "v2 articles detail", "v3 pages detail"):
        response = get(client, READ_PATHS[name](content))
        assert response.status_code == 200
        assert "ETag" not in response and "Cache-Control" not in response and "Surrogate-Key" not in response


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("HTTP_MAX_AGE", -1),
        ("HTTP_S_MAXAGE", "600"),
        ("HTTP_STALE_WHILE_REVALIDATE", 366 * 24 * 3600),
        ("HTTP_MAX_AGE", True),
        ("HTTP_CACHING", "yes"),
    ],
)
def test_bad_http_caching_settings_name_the_key(settings, key, value):
    settings.WAGTAIL_RUNSTRENGTH = {key: value}
    with pytest.raises(ImproperlyConfigured, match=key):
        check_settings()


def assert_private(response) -> None:
    found = directives(response)
    assert {"private", "no-store"} <= set(found), response.get("Cache-Control")
    assert "public" not in found and "s-maxage" not in found
    for header in ("ETag", "Surrogate-Key", "Cache-Tag"):
        assert header not in response


@pytest.mark.parametrize("name", ["article page", "index page", "v2 articles detail", "v2 pages detail"])
def test_a_logged_in_admin_gets_private_no_store(admin_client, content, name):
    response = get(admin_client, READ_PATHS[name](content))
    assert response.status_code == 200
    assert_private(response)


def test_a_password_protected_page_is_private_once_unlocked(client, content):
    article = content["article"]
    restriction = PageViewRestriction.objects.create(page=article, restriction_type="password", password="hills")
    form_url = reverse("wagtailcore_authenticate_with_password", args=(restriction.pk, article.pk))
    client.post(form_url, {"password": "hills", "return_url": article.url})

    response = client.get(article.url)

    assert response.status_code == 200 and b"Step ups for runners" in response.content
    assert_private(response)


def test_a_page_for_logged_in_readers_is_private(client, django_user_model, content):
    article = content["article"]
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    reader = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(reader)

    response = client.get(article.url)

    assert response.status_code == 200
    assert_private(response)


def test_a_v3_request_with_a_bearer_token_is_private(client, admin_user, content):
    from wagtail.models import APIToken

    _, token = APIToken.create_token(user=admin_user, name="frontend")
    response = client.get(READ_PATHS["v3 pages detail"](content), HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert_private(response)


def test_a_preview_is_private_and_carries_no_validators(admin_client, content):
    article = content["article"]
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    data = nested_form_data(
        {
            "title": "Unsaved title",
            "slug": article.slug,
            "intro": rich_text("<p>Unsaved.</p>"),
            "body": streamfield([("heading", {"text": "Draft", "level": "h2", "anchor": ""})]),
        }
    )
    assert admin_client.post(url, data).json()["is_valid"]
    response = admin_client.get(url)
    assert response.status_code == 200 and b"Unsaved title" in response.content
    assert_private(response)


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


def test_vary_names_what_changes_the_answer(client, content):
    assert "cookie" in vary(get(client, content["article"].url))
    for name in ("v2 articles detail", "v3 pages detail", "v3 exercises detail"):
        assert {"cookie", "authorization"} <= vary(get(client, READ_PATHS[name](content)))


def test_vary_keeps_accept_language_where_the_language_comes_from_the_request(settings, client, content):
    settings.MIDDLEWARE = [
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        *settings.MIDDLEWARE[1:],
    ]
    for name in ("article page", "v2 articles detail", "v3 exercises listing"):
        response = get(client, READ_PATHS[name](content), HTTP_ACCEPT_LANGUAGE="en")
        assert {"accept-language", "cookie"} <= vary(response), name


def expected_article_keys(content) -> set[str]:
    article, neighbour, exercise = content["article"], content["neighbour"], content["exercise"]
    return {
        f"rs-page-{article.pk}",
        f"rs-exercisesnippet-{exercise.pk}",
        image_key(exercise.image_id),
        image_key(article.hero_image_id),
        image_key(content["body_image"].pk),
        f"rs-page-{neighbour.pk}",  # the related card
        image_key(neighbour.hero_image_id),  # its thumbnail
    }


@pytest.mark.parametrize("name", ["article page", "v2 pages detail", "v2 articles detail", "v3 pages detail"])
def test_surrogate_keys_name_the_page_its_exercises_images_and_related_cards_cold_and_warm(client, content, name):
    path = READ_PATHS[name](content)
    cold = get(client, path)
    warm = get(client, path)

    assert expected_article_keys(content) <= keys_of(cold)
    assert keys_of(warm) == keys_of(cold)
    assert cold["Surrogate-Key"].split()[0] == f"rs-page-{content['article'].pk}"
    assert cold["Cache-Tag"].split(",") == cold["Surrogate-Key"].split()


def test_listings_name_their_items_and_the_listing(client, content):
    index = get(client, content["index"].url)
    assert {f"rs-page-{content['article'].pk}", f"rs-page-{content['neighbour'].pk}"} <= keys_of(index)
    articles = get(client, "/api/v2/articles/")
    assert {"rs-list-articlepage", f"rs-page-{content['article'].pk}"} <= keys_of(articles)
    for path in ("/api/v2/exercises/", "/api/v3/exercises/"):
        listing = get(client, path)
        assert {"rs-list-exercisesnippet", f"rs-exercisesnippet-{content['exercise'].pk}"} <= keys_of(listing)
    library = get(client, content["library"].url)
    assert {f"rs-exercisesnippet-{content['exercise'].pk}", image_key(content["exercise"].image_id)} <= keys_of(library)


def test_a_change_purges_keys_every_response_drawing_it_carries(client, content):
    """The tags a change names (webhooks, CDN purge) meet the keys of every response that showed the object."""
    exercise = content["exercise"]
    tags = affected_by(exercise).tags
    for name in ("article page", "exercise page", "v2 articles detail", "v3 exercises detail", "v2 exercises listing"):
        assert tags & keys_of(get(client, READ_PATHS[name](content))), name


# Purging a CDN by key


class PurgeReceiver:
    """A real HTTP server standing in for a CDN's purge API; records every request."""

    def __init__(self, answer: bytes = b'{"success": true, "errors": []}'):
        self.requests: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def _record(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                receiver.requests.append(
                    {"method": self.command, "path": self.path, "headers": self.headers, "body": body}
                )
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(answer)

            do_POST = do_PURGE = _record

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_an_exercise_edit_purges_its_keys_from_an_http_cache(settings, content, django_capture_on_commit_callbacks):
    with PurgeReceiver() as receiver:
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {"BACKEND": "wagtail_runstrength.cdn.HTTPKeyBackend", "LOCATION": receiver.url}
        }
        exercise = content["exercise"]
        with django_capture_on_commit_callbacks(execute=True):
            exercise.summary = "Changed."
            exercise.save()

    purges = [request for request in receiver.requests if "Surrogate-Key" in request["headers"]]
    assert len(purges) == 1
    assert purges[0]["method"] == "PURGE"
    keys = set(purges[0]["headers"]["Surrogate-Key"].split())
    assert {f"rs-exercisesnippet-{exercise.pk}", f"rs-page-{content['article'].pk}"} <= keys
    assert keys == affected_by(exercise).tags


def test_publishing_purges_the_articles_keys_from_cloudflare_by_tag(
    settings, monkeypatch, content, django_capture_on_commit_callbacks
):
    url_purges = []
    # Wagtail's own URL purge on publish goes to api.cloudflare.com: recorded here instead.
    monkeypatch.setattr(cdn.CloudflareKeyBackend, "_purge_urls", lambda backend, urls: url_purges.append(urls))
    with PurgeReceiver() as receiver:
        settings.WAGTAILFRONTENDCACHE = {
            "cloudflare": {
                "BACKEND": "wagtail_runstrength.cdn.CloudflareKeyBackend",
                "ZONEID": "zone",
                "BEARER_TOKEN": "token",
                "PURGE_URL": f"{receiver.url}/zones/zone/purge_cache",
            }
        }
        article = content["article"]
        with django_capture_on_commit_callbacks(execute=True):
            article.title = "Step ups, revised"
            publish(article)

    tag_purges = [json.loads(request["body"]) for request in receiver.requests if b'"tags"' in request["body"]]
    assert tag_purges, receiver.requests
    tags = {tag for purge in tag_purges for tag in purge["tags"]}
    assert all(len(purge["tags"]) <= cdn.CloudflareKeyBackend.TAGS_PER_REQUEST for purge in tag_purges)
    assert {f"rs-page-{article.pk}", f"rs-page-{content['index'].pk}", "rs-list-articlepage"} <= tags
    assert receiver.requests[0]["headers"]["Authorization"] == "Bearer token"
    assert url_purges  # the backend still purges URLs as Wagtail asks


def test_url_only_backends_are_not_asked_to_purge_keys(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "plain": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    assert cdn.key_backend_names() == []
    assert cdn.purge_keys(["rs-page-1"]) == 0


# The frontend route handler in docs/api.md


def route_handler_example() -> str:
    text = (DOCS / "api.md").read_text()
    match = re.search(r"```ts\n// app/api/revalidate/route\.ts\n(.*?)```", text, re.DOTALL)
    assert match, "docs/api.md has no app/api/revalidate/route.ts example"
    return match.group(1)


def test_the_docs_route_handler_names_the_signing_scheme_webhooks_uses():
    example = route_handler_example()
    for header in (webhooks.SIGNATURE_HEADER, webhooks.TIMESTAMP_HEADER):
        assert f'"{header.lower()}"' in example
    assert 'createHmac("sha256"' in example
    assert '"sha256="' in example
    assert "revalidatePath(" in example


def test_the_docs_signature_check_accepts_what_webhooks_signs_and_nothing_else(tmp_path):
    """The example's ``verifySignature``, types stripped, run by Node against ``webhooks.sign``."""
    example = route_handler_example()
    function = re.search(r"^function verifySignature\(.*?^}\n", example, re.DOTALL | re.MULTILINE)
    assert function, "the example has no verifySignature function"
    javascript = re.sub(r": (string|boolean|number)\b", "", function.group(0))
    secret, timestamp, body = "a-shared-secret-for-the-frontend", str(int(time.time())), '{"paths":["/blog/"]}'
    signature = webhooks.sign(secret, timestamp, body.encode())
    script = tmp_path / "verify.js"
    script.write_text(
        'const { createHmac, timingSafeEqual } = require("node:crypto");\n'
        + javascript
        + f"\nconst args = {json.dumps([secret, timestamp, body, signature])};\n"
        + "console.log(JSON.stringify([verifySignature(...args), verifySignature(args[0], args[1], args[2] + ' ', args[3]),"
        + " verifySignature('another-secret-of-enough-length', args[1], args[2], args[3])]));\n"
    )
    result = subprocess.run(["node", str(script)], capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [True, False, False]


def test_an_address_with_a_query_string_is_validated_by_its_etag_alone(client, content):
    response = get(client, "/api/v2/articles/?limit=5")
    assert response.status_code == 200 and "ETag" in response
    assert "Last-Modified" not in response
    assert get(client, "/api/v2/articles/?limit=5", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_long_key_list_is_cut_below_the_cdn_limit_keeping_the_first_key(rf):
    keys = {f"rs-page-{pk}" for pk in range(5000)}
    response = http_caching.finalize(rf.get("/blog/"), HttpResponse(b"listing"), keys, first_keys=["rs-page-4999"])
    header = response[http_caching.SURROGATE_KEY_HEADER]
    assert len(header) <= http_caching.MAX_KEYS_LENGTH
    assert header.split()[0] == "rs-page-4999"
    assert len(header.split()) < len(keys)


def test_a_cache_outage_still_answers_with_a_last_modified_of_now(rf, monkeypatch):
    class BrokenCache:
        def get(self, key):
            raise ConnectionError("redis is down")

    monkeypatch.setattr("wagtail_runstrength.fragment_cache.get_cache", BrokenCache)
    before = int(time.time())
    response = http_caching.finalize(rf.get("/blog/"), HttpResponse(b"page"))
    assert response.status_code == 200 and "ETag" in response
    assert before <= parse_http_date(response["Last-Modified"]) <= time.time() + 1


# Wagtail's images and documents endpoints (api/v2_media.py)


@pytest.fixture
def media(content):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Warm-up sheet", file=ContentFile(b"Ten minutes easy.", name="warm-up.txt")
    )
    image = content["body_image"]
    name = image._meta.model_name  # "image", or a custom image model's name
    return {
        "v2 images listing": ("/api/v2/images/", f"rs-list-{name}"),
        "v2 images detail": (f"/api/v2/images/{image.pk}/", f"rs-{name}-{image.pk}"),
        "v2 documents listing": ("/api/v2/documents/", "rs-list-document"),
        "v2 documents detail": (f"/api/v2/documents/{document.pk}/", f"rs-document-{document.pk}"),
    }


MEDIA_PATHS = ["v2 images listing", "v2 images detail", "v2 documents listing", "v2 documents detail"]


@pytest.mark.parametrize("name", MEDIA_PATHS)
def test_images_and_documents_get_validators_304s_and_cache_control(client, media, name):
    path, key = media[name]
    ok, ok_queries = counted(client, path)
    assert ok.status_code == 200
    assert re.fullmatch(r'"[0-9a-f]{40}"', ok["ETag"])
    assert "Last-Modified" in ok
    assert directives(ok) == {"public": "", "max-age": "0", "s-maxage": "60", "stale-while-revalidate": "60"}
    assert {"Cookie", "Authorization"} <= {part.strip() for part in ok["Vary"].split(",")}
    assert key in keys_of(ok)
    not_modified, not_modified_queries = counted(client, path, HTTP_IF_NONE_MATCH=ok["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified_queries <= ok_queries
    assert key in keys_of(not_modified)
    assert counted(client, path, HTTP_IF_MODIFIED_SINCE=ok["Last-Modified"])[0].status_code == 304


@pytest.mark.parametrize("name", MEDIA_PATHS)
def test_images_and_documents_are_private_for_a_signed_in_reader(admin_client, media, name):
    response = admin_client.get(media[name][0])
    assert response.status_code == 200
    assert_private(response)


def test_renaming_an_image_changes_its_etag_and_purges_its_keys(client, content, media):
    image = content["body_image"]
    path = media["v2 images detail"][0]
    before = client.get(path)
    image.title = "A box step"
    image.save()
    after = client.get(path)
    assert after["ETag"] != before["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200
    name = image._meta.model_name
    assert {f"rs-{name}-{image.pk}", f"rs-list-{name}"} <= affected_by(image).tags
