"""Hostile content in every editor-controlled field never runs in a reader's or an editor's browser.

``tests/hostile.py`` writes markup that would run script if it reached a page
unescaped (``<script>``, an ``onerror`` image, an ``onload`` SVG, a
``</script>`` that would end the JSON-LD block) into every text field and block
an editor controls: the article and its blocks, its category, tags, clinicians
and images, an exercise and its muscle groups, the index and library pages and
the site's settings.

Chromium then opens the reader pages (and clicks the video), the feeds, the
sitemap, the APIs (the browsable API v2 pages and v3's JSON) and, logged in,
the admin's listings, editors and preview, with no Content-Security-Policy, so
only escaping stands between the content and the browser. Any ``dialog`` is a
failure, as is any element carrying an ``onerror``/``onload`` handler, any
``javascript:`` link, or any script that mentions ``alert(`` (JSON data blocks
aside: they never run, and one that let a ``</script>`` through would leak
markup that these checks catch). ``tests/test_escaping.py`` checks the JSON-LD,
the feeds and the sitemap as documents.
"""

from __future__ import annotations

import re
from pathlib import Path

import django.contrib.sitemaps
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import path as url_path
from django.urls import reverse
from django.views.static import serve
from wagtail.contrib.sitemaps.views import sitemap

from tests.hostile import build_hostile_site, hostile
from tests.urls import urlpatterns as host_urlpatterns

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.urls(__name__),
]


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    url_path("media/<path:path>", serve_media),
    url_path("sitemap.xml", sitemap),
    *host_urlpatterns,
]


@pytest.fixture
def hostile_site(site, index_page, settings):
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [*settings.TEMPLATES[0]["DIRS"], Path(django.contrib.sitemaps.__file__).parent / "templates"],
        }
    ]
    return build_hostile_site(site, index_page)


INJECTED = """() => {
    const handlers = [...document.querySelectorAll('[onerror], [onload]')].map(el => el.outerHTML.slice(0, 120));
    const scripts = [...document.scripts]
        .filter(s => !['application/ld+json', 'application/json'].includes(s.type) && s.textContent.includes('alert('))
        .map(s => s.outerHTML.slice(0, 120));
    const links = [...document.querySelectorAll('a[href]')]
        .filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:'))
        .map(a => a.outerHTML.slice(0, 120));
    return [...handlers, ...scripts, ...links];
}"""


@pytest.fixture
def browse(chromium, live_server):
    """Open paths in one context (optionally logged in); collects dialogs and injected markup per path."""
    contexts = []

    def browse_(paths: dict[str, str], user=None, after_load=None) -> dict[str, list[str]]:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        context.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(30_000)
        found: dict[str, list[str]] = {}
        current = {"name": ""}

        def on_dialog(dialog):
            found.setdefault(current["name"], []).append(f"dialog: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        for name, path in paths.items():
            current["name"] = name
            response = page.goto(live_server.url + path, wait_until="load")
            assert response.status == 200, (name, path, response.status)
            page.wait_for_load_state("networkidle")
            if after_load and (problems := after_load(name, page)):
                found.setdefault(name, []).extend(problems)
            if injected := page.evaluate(INJECTED):
                found.setdefault(name, []).extend(injected)
        return found

    yield browse_
    for context in contexts:
        context.close()


def click_video(name, page) -> list[str]:
    """On the exercise page, load the player: its title carries the exercise's name."""
    if name != "exercise":
        return []
    # The player's request is aborted by the context's route: its failure means the frame was added.
    with page.expect_event("requestfailed", lambda request: "youtube" in request.url):
        page.get_by_role("link", name=re.compile("Play video")).click()
    if page.locator(".rs-video iframe").count() != 1:
        return ["the video player did not load"]
    # Escaped once: the browser reads back exactly what the editor typed.
    title = page.locator(".rs-video iframe").get_attribute("title")
    return [] if title == "Demonstration of " + hostile("exercise-name") else [f"player title {title!r}"]


def test_hostile_content_never_runs_on_reader_pages_feeds_or_the_sitemap(hostile_site, browse):
    assert browse(hostile_site["reader"], after_load=click_video) == {}


def test_hostile_content_never_runs_in_api_responses(hostile_site, browse):
    assert browse(hostile_site["api"]) == {}


def test_hostile_content_never_runs_in_the_admin(hostile_site, browse, django_user_model):
    admin = get_user_model().objects.create_superuser("editor", "editor@example.com", "x")
    assert browse(hostile_site["admin"], user=admin) == {}


def test_hostile_content_never_runs_in_the_admin_preview(hostile_site, browse):
    article = hostile_site["article"]
    admin = get_user_model().objects.create_superuser("previewer", "previewer@example.com", "x")

    def open_preview(name, page) -> list[str]:
        page.locator('[data-side-panel-toggle="preview"]').click()
        # A patient wait, not a speed limit: a cold preview renders the article's images first.
        preview = page.frame_locator(".w-preview__iframe[src]:not(.w-preview__proxy)")
        preview.locator("h1").wait_for(timeout=120_000)
        return [f"preview: {item}" for frame in page.frames[1:] for item in frame.evaluate(INJECTED)]

    editor = {"editor with preview": reverse("wagtailadmin_pages:edit", args=[article.pk])}
    assert browse(editor, user=admin, after_load=open_preview) == {}
