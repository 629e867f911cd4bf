"""The Next.js frontend against the bilingual example site (``DEMO_LANGUAGES=en,fr``), in headless Chromium.

The harness is ``test_frontend.py``'s (the same built app, the same two
servers), with the example site started in English and French and the French
demo content loaded beside the English. The frontend resolves every URL
through ``find/``, so a ``/fr/...`` path reaches the French page; what it then
shows in French comes from the API's answer (the page's ``meta.locale``), not
from the path.

What is checked:

- a French article reads in French on the frontend (title, category, muscle
  names, related cards, ``<html lang="fr">`` with the English header and
  footer marked ``lang="en-GB"``) and matches Wagtail's French page
  on title, heading outline, exercises, alt texts, links and JSON-LD ``inLanguage``;
- the French blog index, home page and exercise library list the French items only (and
  the English index, beside them, the English ones in ``<html lang="en-GB">``);
- a prefix the site has no language for (``/de/...``) is the frontend's 404.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import pytest

from tests.browser.test_frontend import (
    context,  # noqa: F401 - fixture
    differences,
    exercise_names,
    http,
    read_article,
    serving,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTICLE = "/fr/blogue/tendon-achille-prevenir/"
RELATED = "/fr/blogue/renforcement-coureurs-par-ou-commencer/"
INDEX = "/fr/blogue/"
LIBRARY = "/fr/exercices/"
ENGLISH_INDEX = "/blog/"


@pytest.fixture(scope="module")
def bilingual(frontend_build, tmp_path_factory):
    """The example site in English and French (French demo content loaded) and the frontend against it."""
    with serving(frontend_build, tmp_path_factory.mktemp("frontend-bilingual"), DEMO_LANGUAGES="en,fr") as started:
        yield started


def api(servers, path: str, **query) -> dict:
    status, body = http(f"{servers.django}{path}?{urlencode(query)}")
    assert status == 200, f"{path} answered {status}: {body[:300]}"
    return json.loads(body)


def in_language(value) -> list[str]:
    """Every ``inLanguage`` in a JSON-LD document, in order."""
    if isinstance(value, dict):
        own = [value["inLanguage"]] if "inLanguage" in value else []
        return own + [found for item in value.values() for found in in_language(item)]
    if isinstance(value, list):
        return [found for item in value for found in in_language(item)]
    return []


def card_titles(page) -> list[str]:
    """The headings of the listing's cards in ``main``, as a reader reads them."""
    return page.eval_on_selector_all(
        "main article h2, main article h3", "hs => hs.map(h => h.textContent.replace(/\\s+/g, ' ').trim())"
    )


def test_a_french_article_reads_in_french_and_matches_wagtail(bilingual, context):  # noqa: F811
    article = bilingual.api_article(ARTICLE)
    assert article["meta"]["locale"] == "fr"
    names = exercise_names(article["body"])
    page = context().new_page()
    wagtail = read_article(page, bilingual.django + ARTICLE, names, bilingual)
    frontend = read_article(page, bilingual.frontend + ARTICLE, names, bilingual)
    assert page.get_attribute("html", "lang") == "fr"
    # The frame's own words (header, footer) are the frontend's English, and say so.
    assert (
        page.get_attribute("header.site-header", "lang") == page.get_attribute("footer.site-footer", "lang") == "en-GB"
    )
    text = page.inner_text("main")
    assert frontend["title"] == article["title"] == "Tendon d'Achille : prévenir plutôt que guérir"
    assert article["category"]["name"] == "Prévention des blessures" and article["category"]["name"] in text
    # The French exercise and its French muscle group (the API's names), never the English ones.
    assert "Descente de talon excentrique" in names and frontend["exercises"] == names
    assert "Mollets (gastrocnémiens et soléaire)" in text and "Calves (gastrocnemius" not in text
    # The related card is the French article, by its French title and French address.
    related = page.locator(f'main a[href="{RELATED}"]')
    assert related.count() >= 1
    assert "Renforcement musculaire pour coureurs : par où commencer" in text
    french_links = [link for link in frontend["links"] if link.startswith("/")]
    assert not [link for link in french_links if re.match(r"^/(blog|exercises)/", link)], french_links
    keys = ("title", "headings", "exercises", "alts", "links")
    differ = [f"{key}{line}" for key in keys for line in differences(frontend[key], wagtail[key])]
    languages = in_language(frontend["jsonld"]), in_language(wagtail["jsonld"])
    differ += differences(*languages, ".inLanguage")
    assert not differ, "the frontend (left) differs from Wagtail (right):\n" + "\n".join(differ)
    assert languages[0] and set(languages[0]) == {"fr"}, languages


def test_the_french_blog_index_lists_the_french_articles_only(bilingual, context):  # noqa: F811
    french = [item["title"] for item in api(bilingual, "/api/v2/articles/", locale="fr", limit=20)["items"]]
    english = [item["title"] for item in api(bilingual, "/api/v2/articles/", limit=20)["items"]]
    assert len(french) == 2 and not set(french) & set(english)
    page = context().new_page()
    page.goto(bilingual.frontend + INDEX, wait_until="load")
    assert page.get_attribute("html", "lang") == "fr"
    assert page.inner_text("main h1") == "Blogue"  # the French index's title (example_project's content_fr.py)
    assert sorted(card_titles(page)) == sorted(french)
    # The French home page's latest articles are the French ones.
    page.goto(bilingual.frontend + "/fr/", wait_until="load")
    assert page.get_attribute("html", "lang") == "fr"
    assert sorted(card_titles(page)) == sorted(french)
    # The English index is still the English one.
    page.goto(bilingual.frontend + ENGLISH_INDEX, wait_until="load")
    assert sorted(card_titles(page)) == sorted(english)
    assert page.get_attribute("html", "lang") == "en-GB" and page.get_attribute("header.site-header", "lang") is None


def test_the_french_exercise_library_lists_the_french_exercises_only(bilingual, context):  # noqa: F811
    french = [item["name"] for item in api(bilingual, "/api/v2/exercises/", locale="fr", limit=20)["items"]]
    english = [item["name"] for item in api(bilingual, "/api/v2/exercises/", limit=20)["items"]]
    assert "Pont fessier" in french and not set(french) & set(english)
    page = context().new_page()
    page.goto(bilingual.frontend + LIBRARY, wait_until="load")
    assert page.get_attribute("html", "lang") == "fr"
    assert sorted(card_titles(page)) == sorted(french)
    hrefs = page.eval_on_selector_all("main article a", "links => links.map(link => link.getAttribute('href'))")
    assert hrefs and all(href.startswith(LIBRARY) for href in hrefs), hrefs


@pytest.mark.parametrize("path", ["/de/blogue/tendon-achille-prevenir/", "/de/"])
def test_a_prefix_with_no_language_is_the_frontends_404(bilingual, context, path):  # noqa: F811
    assert http(f"{bilingual.django}/api/v2/pages/find/?{urlencode({'html_path': path})}")[0] == 404
    page = context().new_page()
    response = page.goto(bilingual.frontend + path, wait_until="load")
    assert response.status == 404
    assert page.inner_text("main h1") == "Page not found"
