"""A French article in real Chromium: French labels, muscles, related posts and library links.

The site is ``tests/translated_tree.py``'s (the French tree built with
Wagtail's ``copy_for_translation``, served under ``/fr/``). The screenshot is
the one in docs/translation.md; ``UPDATE_DOCS_SCREENSHOTS=1`` writes it there.
"""

import os
import re
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler

from tests.browser.test_accessibility import load_lazy_images, open_page  # noqa: F401 (fixture)
from tests.translated_tree import tree_fixture, two_languages_fixture  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
ADDED = ("django.middleware.locale.LocaleMiddleware", "wagtail_runstrength.middleware.LocalizedRoutingMiddleware")


@pytest.fixture
def served_in_french(live_server, tree, settings):
    """The live server's middleware reloaded with the bilingual host's (it loaded the plain host's at start)."""
    from django.test import override_settings

    handler = live_server.thread.httpd.get_app()
    while not isinstance(handler, WSGIHandler) or hasattr(handler, "application"):
        handler = handler.application  # static files, then media files, then Django
    handler.load_middleware()
    yield tree
    with override_settings(MIDDLEWARE=[name for name in settings.MIDDLEWARE if name not in ADDED]):
        handler.load_middleware()


def test_a_french_article_reads_in_french(open_page, served_in_french, artifacts_dir):  # noqa: F811
    tree = served_in_french
    french = tree["fr"][0]
    page = open_page(french.url, 390)
    assert page.get_attribute("html", "lang") == "fr"
    text = page.inner_text("body")
    assert "Temps de lecture estimé" in text and "Estimated read time" not in text
    assert "Flexion" in text and "Mollets" in text  # the French exercise and its French muscle group
    assert "Calf group" not in text
    links = page.eval_on_selector_all("main a", "links => links.map(link => link.getAttribute('href'))")
    assert "/fr/exercices/squat/" in links  # the French library
    assert {tree["fr"][1].url, tree["fr"][2].url} <= set(links)  # French related posts
    assert not [link for link in links if re.match(r"^/(blog|exercises)/", link or "")]
    load_lazy_images(page)
    target = artifacts_dir / "french-article.png"
    page.screenshot(path=str(target), full_page=True)
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS"):
        DOCS_IMAGES.joinpath(target.name).write_bytes(target.read_bytes())
    assert (DOCS_IMAGES / target.name).exists(), "docs/translation.md shows this screenshot"
