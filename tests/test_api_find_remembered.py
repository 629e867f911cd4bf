"""``find/?html_path=``'s remembered routing (``api/found_paths.py``): as cheap as the detail, never stale.

A warm ``find/`` reads the article by the id its address routed to under the
current fragment generation; anything that changes what an address serves
starts a new generation, so the old answer stops at once.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, HomePageFactory
from tests.translated_tree import tree_fixture, two_languages_fixture  # noqa: F401 (fixtures)
from wagtail_runstrength import fragment_cache, http_caching
from wagtail_runstrength.api import found_paths
from wagtail_runstrength.models import ArticlePage, FragmentGeneration

pytestmark = pytest.mark.django_db


def find(client, html_path, **extra):
    return client.get("/api/v2/pages/find/", {"html_path": html_path}, **extra)


def found_id(client, html_path, **extra):
    """The article's id ``find/`` answers with in place, else the status code."""
    response = find(client, html_path, **extra)
    return response.json()["id"] if response.status_code == 200 else response.status_code


def warm_queries(client, url: str) -> int:
    """Queries of ``url`` once two earlier requests filled every cache."""
    for _ in range(2):
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def stored(html_path, site, language="en", urlconf=None):
    """What the remembered routing holds for ``html_path`` (``None`` when nothing)."""
    from django.conf import settings
    from django.http import HttpRequest
    from django.utils import translation

    request = HttpRequest()
    request.urlconf = urlconf or settings.ROOT_URLCONF
    with translation.override(language):
        return found_paths.recall(request, site, html_path)


def test_a_warm_find_costs_at_most_one_query_more_than_the_warm_detail(client, index_page):
    page = ArticlePageFactory(parent=index_page)
    detail = warm_queries(client, f"/api/v2/pages/{page.pk}/")
    for finder in ("pages", "articles"):
        found = warm_queries(client, f"/api/v2/{finder}/find/?html_path={page.url}")
        assert found <= detail + 1, (finder, found, detail)


@pytest.mark.parametrize("generations", ["kept", "none yet"])
def test_a_warm_find_does_not_route_the_address(client, index_page, monkeypatch, generations):
    page = ArticlePageFactory(parent=index_page)
    if generations == "none yet":
        FragmentGeneration.objects.all().delete()  # as before anything was ever changed
    assert found_id(client, page.url) == page.pk
    routed = []
    original = Page.route

    def counting(self, request, path_components):
        routed.append(path_components)
        return original(self, request, path_components)

    monkeypatch.setattr(Page, "route", counting)
    assert found_id(client, page.url) == page.pk
    assert found_id(client, page.url.strip("/")) == page.pk  # the same address, spelled without slashes
    assert routed == []


def test_the_answer_is_the_same_whether_remembered_or_routed(client, index_page):
    page = ArticlePageFactory(parent=index_page)
    routed = find(client, page.url)
    remembered = find(client, page.url)
    assert remembered.status_code == routed.status_code == 200
    assert remembered.json() == routed.json() == client.get(f"/api/v2/pages/{page.pk}/").json()
    for header in (http_caching.SURROGATE_KEY_HEADER, http_caching.CACHE_TAG_HEADER, "ETag"):
        assert remembered.get(header) == routed.get(header), header
    assert routed.get(http_caching.SURROGATE_KEY_HEADER)
    # Remembered, with a representation not cached yet: the article is loaded as the detail loads it.
    only_title = client.get("/api/v2/pages/find/", {"html_path": page.url, "fields": "_,title"})
    assert only_title.json() == {"title": page.title}
    without_body = client.get("/api/v2/articles/find/", {"html_path": page.url, "fields": "-body"}).json()
    assert without_body == client.get(f"/api/v2/articles/{page.pk}/?fields=-body").json()
    assert without_body["meta"]["detail_url"].endswith(f"/{page.pk}/")


def test_a_deleted_article_replaced_at_the_same_address_is_the_new_one(client, index_page):
    old = ArticlePageFactory(parent=index_page, slug="squats")
    assert found_id(client, "/blog/squats/") == old.pk
    old.delete()
    assert found_id(client, "/blog/squats/") == 404
    new = ArticlePageFactory(parent=index_page, slug="squats")
    assert found_id(client, "/blog/squats/") == new.pk


def test_a_renamed_article_leaves_its_old_address_at_once(client, index_page):
    page = ArticlePageFactory(parent=index_page, slug="squats")
    assert found_id(client, "/blog/squats/") == page.pk
    page = ArticlePage.objects.get(pk=page.pk)
    page.slug = "deep-squats"
    page.save_revision().publish()
    assert found_id(client, "/blog/squats/") == 404
    assert found_id(client, "/blog/deep-squats/") == page.pk


def test_a_renamed_index_moves_its_articles_addresses(client, index_page):
    page = ArticlePageFactory(parent=index_page, slug="squats")
    assert found_id(client, "/blog/squats/") == page.pk
    index = index_page.specific_class.objects.get(pk=index_page.pk)
    index.slug = "journal"
    index.save_revision().publish()
    assert found_id(client, "/blog/squats/") == 404
    assert found_id(client, "/journal/squats/") == page.pk


def test_a_moved_article_leaves_its_old_address_at_once(client, index_page, site):
    page = ArticlePageFactory(parent=index_page, slug="squats")
    other_index = ArticleIndexPageFactory(parent=site.root_page, slug="news")
    assert found_id(client, "/blog/squats/") == page.pk
    Page.objects.get(pk=page.pk).move(other_index, pos="last-child")
    assert found_id(client, "/blog/squats/") == 404
    assert found_id(client, "/news/squats/") == page.pk


def test_an_unpublished_article_is_not_found_at_once(client, index_page):
    page = ArticlePageFactory(parent=index_page, slug="squats")
    assert found_id(client, "/blog/squats/") == page.pk
    ArticlePage.objects.get(pk=page.pk).unpublish()
    assert found_id(client, "/blog/squats/") == 404


def test_an_article_made_private_is_not_found_at_once(client, index_page):
    page = ArticlePageFactory(parent=index_page, slug="squats")
    assert found_id(client, "/blog/squats/") == page.pk
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    assert found_id(client, "/blog/squats/") == 404


def test_a_private_article_is_not_found_through_an_entry_written_before_it_was(client, index_page):
    """The entry is only the routing: visibility is checked on every request, even if the generation stood still."""
    page = ArticlePageFactory(parent=index_page, slug="squats")
    assert found_id(client, "/blog/squats/") == page.pk
    before = fragment_cache.current_generation()
    # Written without signals, as a raw SQL change would be: the generation does not move.
    PageViewRestriction.objects.bulk_create([PageViewRestriction(page=page, restriction_type="login")])
    assert fragment_cache.current_generation() == before
    assert found_id(client, "/blog/squats/") == 404


def test_a_draft_changes_nothing_found(client, index_page):
    page = ArticlePageFactory(parent=index_page, slug="squats")
    assert found_id(client, "/blog/squats/") == page.pk
    draft = ArticlePage.objects.get(pk=page.pk)
    draft.slug = "draft-slug"
    draft.save_revision()
    assert found_id(client, "/blog/squats/") == page.pk
    assert found_id(client, "/blog/draft-slug/") == 404
    never_published = ArticlePageFactory(parent=index_page, slug="never", live=False)
    assert found_id(client, never_published.url or "/blog/never/") == 404


def test_another_sites_address_is_its_own(client, site, index_page):
    here = ArticlePageFactory(parent=index_page, slug="squats")
    assert found_id(client, "/blog/squats/") == here.pk
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-clinic")
    Site.objects.create(hostname="other.example", root_page=other_home)
    assert found_id(client, "/blog/squats/", HTTP_HOST="other.example") == 404
    there = ArticlePageFactory(parent=ArticleIndexPageFactory(parent=other_home, slug="blog"), slug="squats")
    assert found_id(client, "/blog/squats/", HTTP_HOST="other.example") == there.pk
    assert found_id(client, "/blog/squats/") == here.pk
    assert found_id(client, "/blog/squats/", HTTP_HOST="other.example") == there.pk


def test_type_still_narrows_a_remembered_answer(client, index_page):
    page = ArticlePageFactory(parent=index_page, slug="squats")
    assert found_id(client, "/blog/squats/") == page.pk
    narrowed = client.get("/api/v2/pages/find/", {"html_path": "/blog/squats/", "type": "wagtailcore.Page"})
    assert narrowed.status_code == 200
    other_type = client.get(
        "/api/v2/pages/find/", {"html_path": "/blog/squats/", "type": "wagtail_runstrength.ArticleIndexPage"}
    )
    assert other_type.status_code == 404


def test_misses_and_other_pages_are_not_remembered(client, site, index_page):
    page = ArticlePageFactory(parent=index_page, slug="squats")
    for address in ("/blog/nothing/", "/blog/squats/more/", "/nowhere/at/all/", "/blog/tags/anything/"):
        assert find(client, address).status_code in (302, 404), address
        assert stored(address, site) is None, address
    assert find(client, index_page.url).status_code == 302  # not an article: Wagtail's redirect, as before
    assert stored(index_page.url, site) is None
    assert found_id(client, page.url) == page.pk
    assert stored(page.url, site)[1] == page.pk


@pytest.mark.parametrize(
    ("html_path", "status"),
    [("\x00", 400), ("/blog/\x00/", 400), ("/" + "x" * 5000 + "/", 404), ("/blog/../blog/", 404), ("/ü/ñ/", 404)],
)
def test_bad_addresses_are_a_400_or_a_404_warm_or_cold(client, index_page, html_path, status):
    ArticlePageFactory(parent=index_page, slug="squats")
    for _ in range(2):
        response = find(client, html_path)
        assert response.status_code == status, response.content[:200]
        if status == 400:
            assert response.json()["message"]


def test_with_the_cache_off_nothing_is_remembered(client, site, index_page, settings):
    settings.WAGTAIL_RUNSTRENGTH = {"FRAGMENT_CACHE_TIMEOUT": 0}
    page = ArticlePageFactory(parent=index_page, slug="squats")
    assert found_id(client, "/blog/squats/") == page.pk
    assert stored("/blog/squats/", site) is None


def test_a_warm_french_find_costs_at_most_one_query_more_than_the_warm_detail(client, tree):
    article = tree["fr"][0]
    assert article.url.startswith("/fr/")
    detail = warm_queries(client, f"/api/v2/pages/{article.pk}/")
    found = warm_queries(client, f"/api/v2/pages/find/?html_path={article.url}")
    assert found <= detail + 1, (found, detail)
    assert found_id(client, article.url) == article.pk
    assert found_id(client, tree["en"][0].url) == tree["en"][0].pk


def test_a_renamed_french_article_leaves_its_french_address_at_once(client, tree):
    article = tree["fr"][0]
    old_address = article.url
    assert found_id(client, old_address) == article.pk
    article = ArticlePage.objects.get(pk=article.pk)
    article.slug = "sprints-en-cote"
    article.save_revision().publish()
    assert found_id(client, old_address) == 404
    assert found_id(client, "/fr/blog/sprints-en-cote/") == article.pk
    assert found_id(client, tree["en"][0].url) == tree["en"][0].pk  # the English one kept its address
