"""``find/?html_path=`` on a two-language site serving French under ``/fr/`` (wagtail#6679).

The host is ``tests/translated_tree.py``'s: ``i18n_patterns`` with
``prefix_default_language=False``, so English addresses carry no prefix and
French ones start with ``/fr/``.
"""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory
from tests.translated_tree import tree_fixture, two_languages_fixture  # noqa: F401 (fixtures)
from wagtail_runstrength.models import ArticlePage

pytestmark = pytest.mark.django_db

FINDERS = ["/api/v2/pages/find/", "/api/v2/articles/find/"]


def found_id(client, finder, html_path):
    """The id the find view answers with (an article in place, another page by redirect), else the status."""
    response = client.get(finder, {"html_path": html_path})
    if response.status_code in (301, 302):
        return ("redirect", response["Location"].split("/api/v2/", 1)[1])
    if response.status_code != 200:
        return response.status_code
    return response.json()["id"]


@pytest.mark.parametrize("finder", FINDERS)
def test_french_and_english_addresses_find_their_own_article(client, tree, finder):
    assert found_id(client, finder, tree["fr"][0].url) == tree["fr"][0].pk
    assert tree["fr"][0].url.startswith("/fr/")
    assert found_id(client, finder, tree["en"][0].url) == tree["en"][0].pk
    assert found_id(client, finder, "fr/blog/francais-1") == tree["fr"][1].pk  # no slashes, as Wagtail accepts


def test_a_french_page_that_is_not_an_article_is_found_and_redirected_to(client, tree):
    assert found_id(client, "/api/v2/pages/find/", "/fr/blog/") == ("redirect", f"pages/{tree['blog_fr'].pk}/?")
    assert found_id(client, "/api/v2/pages/find/", "/fr/") == ("redirect", f"pages/{tree['home_fr'].pk}/?")


@pytest.mark.parametrize("finder", FINDERS)
@pytest.mark.parametrize(
    "html_path",
    [
        "/de/blog/english-0/",  # a language the site does not serve
        "/xx/blog/francais-0/",
        "/fr/blog/english-0/",  # an English page under the French prefix
        "/blog/francais-0/",  # a French page without its prefix
        "/en/blog/english-0/",  # English is served unprefixed on this host
        "/api/v2/pages/",  # answered by another view
        "/fr/blog/francais-0/nothing/",
    ],
)
def test_addresses_no_page_is_served_at_find_nothing(client, tree, finder, html_path):
    assert found_id(client, finder, html_path) == 404


@pytest.mark.parametrize("finder", FINDERS)
def test_french_drafts_and_private_pages_are_never_found(client, tree, finder):
    source = ArticlePageFactory(parent=tree["blog"], title="Source", slug="source")
    source.save_revision().publish()
    draft = ArticlePage.objects.get(pk=source.pk).copy_for_translation(tree["french"])  # never published
    draft.slug = "brouillon"
    draft.save_revision()
    assert found_id(client, finder, "/fr/blog/brouillon/") == 404
    private = tree["fr"][2]
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert found_id(client, finder, private.url) == 404


def test_an_unpublished_french_home_takes_the_french_tree_off_find(client, tree):
    tree["home_fr"].__class__.objects.get(pk=tree["home_fr"].pk).unpublish()
    # Wagtail then serves French readers from the English root, as the pages themselves show.
    assert found_id(client, "/api/v2/pages/find/", tree["fr"][0].url) == 404
    assert client.get(tree["fr"][0].url).status_code == 404


# API v3's find/ (``api/v3_find.py``): Wagtail's answers with the language prefix read as v2 reads it.
V3_FIND = "/api/v3/pages/find/"


def v3_found(client, html_path, **params):
    """The detail v3's find/ redirects to (path and query), else the status."""
    response = client.get(V3_FIND, {"html_path": html_path, **params})
    if response.status_code in (301, 302):
        return response["Location"]
    return response.status_code


def test_v3_find_reads_the_language_prefix(client, tree):
    french, english = tree["fr"][0], tree["en"][0]
    assert v3_found(client, french.url) == f"/api/v3/pages/{french.pk}/?"
    assert v3_found(client, english.url) == f"/api/v3/pages/{english.pk}/?"
    assert v3_found(client, "/fr/blog/") == f"/api/v3/pages/{tree['blog_fr'].pk}/?"
    # Other parameters are kept, as Wagtail keeps them; the detail it leads to is the French article.
    location = v3_found(client, french.url, rich_text_format="html")
    assert location == f"/api/v3/pages/{french.pk}/?rich_text_format=html"
    detail = client.get(location)
    assert detail.status_code == 200 and detail.json()["title"] == french.title


@pytest.mark.parametrize(
    "html_path", ["/de/blog/english-0/", "/fr/blog/english-0/", "/blog/francais-0/", "/fr/blog/francais-0/nothing/"]
)
def test_v3_find_finds_nothing_where_no_page_is_served(client, tree, html_path):
    assert v3_found(client, html_path) == 404


def test_v3_find_never_finds_french_drafts_or_private_pages(client, tree):
    source = ArticlePageFactory(parent=tree["blog"], title="Source", slug="source")
    source.save_revision().publish()
    draft = ArticlePage.objects.get(pk=source.pk).copy_for_translation(tree["french"])
    draft.slug = "brouillon"
    draft.save_revision()
    assert v3_found(client, "/fr/blog/brouillon/") == 404
    private = tree["fr"][2]
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert v3_found(client, private.url) == 404


def test_v3_find_keeps_wagtails_answers_to_bad_input(client, tree):
    assert client.get(V3_FIND, {"html_path": "/fr/blog/\x00/"}).status_code == 422  # v3 guards: a problem document
    assert v3_found(client, tree["fr"][0].url, site="nowhere.example") == 404
    assert v3_found(client, "", id=tree["fr"][0].pk) == f"/api/v3/pages/{tree['fr'][0].pk}/?"
