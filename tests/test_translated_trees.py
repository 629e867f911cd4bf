"""A site translated the way Wagtail translates it: the French tree is a sibling of the English root.

The tree (``tests/translated_tree.py``) is built without wagtail-localize,
through Wagtail's own ``copy_for_translation``. Everything a French reader
sees must come from the French tree, and cost the package the same number of
queries as its English original.
"""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction

from tests.factories import ArticlePageFactory
from tests.translated_tree import body, tree_fixture, two_languages_fixture  # noqa: F401 (fixtures)
from wagtail_runstrength.affected import affected_by
from wagtail_runstrength.models import ArticlePage

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def titles(articles) -> set[str]:
    return {article.title for article in articles}


def test_the_french_tree_is_a_sibling_of_the_english_root(tree):
    assert tree["home_fr"].get_parent().pk == Page.get_first_root_node().pk
    assert not tree["fr"][0].path.startswith(tree["site"].root_page.path)
    assert tree["fr"][0].url == "/fr/blog/francais-0/"


def test_the_french_index_lists_the_french_articles_only(client, tree):
    response = client.get(tree["blog_fr"].url)
    assert response.status_code == 200
    assert titles(response.context["articles"]) == titles(tree["fr"])
    english = client.get(tree["blog"].url)
    assert titles(english.context["articles"]) == titles(tree["en"])


def test_the_french_tag_listing_and_feeds_list_the_french_articles_only(client, tree):
    blog = tree["blog_fr"]
    tagged = client.get(f"{blog.url}?tag=strength")
    assert titles(tagged.context["articles"]) == titles(tree["fr"])
    for route in ("feed/rss/", "feed/atom/", "tag/strength/feed/rss/"):
        feed = client.get(f"{blog.url}{route}").content.decode()
        assert all(article.title in feed for article in tree["fr"]), route
        assert not any(f"<title>{article.title}</title>" in feed for article in tree["en"]), route
    tags = client.get(f"{blog.url}tags/").content.decode()
    assert "strength" in tags


def test_french_related_posts_show_french_articles(client, tree):
    html = client.get(tree["fr"][0].url).content.decode()
    # The head names the English translation on purpose (hreflang); the page itself links no English article.
    body = html[html.index("<body") :]
    assert tree["fr"][1].url in body and tree["fr"][2].url in body
    assert not any(article.url in body for article in tree["en"])


def test_french_exercise_cards_link_to_the_french_library(client, tree):
    html = client.get(tree["fr"][0].url).content.decode()
    assert '<a href="/fr/exercices/squat/">Flexion</a>' in html
    assert "/exercises/squat/" not in html.replace("/fr/exercices/", "")


def test_the_french_exercise_page_lists_the_french_articles_using_it(client, tree):
    response = client.get("/fr/exercices/squat/")
    assert response.status_code == 200
    assert titles(response.context["articles"]) == titles(tree["fr"])


def test_the_sitemap_lists_both_trees(client, tree):
    response = client.get("/sitemap.xml")
    locations = [loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)]  # noqa: S314
    assert "http://localhost/blog/english-0/" in locations
    assert "http://localhost/fr/blog/francais-0/" in locations
    assert "http://localhost/fr/exercices/squat/" in locations


def test_french_drafts_and_private_pages_never_leak(client, tree):
    source = ArticlePageFactory(parent=tree["blog"], title="Source", slug="source", body=body(tree["squat"]))
    source.tags.add("strength")
    source.save_revision().publish()
    draft = source.copy_for_translation(tree["french"])
    draft.title, draft.slug = "Brouillon", "brouillon"
    draft.save_revision()  # saved, never published
    assert not ArticlePage.objects.get(pk=draft.pk).live
    private = tree["fr"][2]
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    urls = [tree["blog_fr"].url, f"{tree['blog_fr'].url}feed/rss/", tree["fr"][0].url, "/fr/exercices/squat/"]
    for url in urls:
        html = client.get(url).content.decode()
        assert "Brouillon" not in html, url
        assert private.title not in html, url
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "brouillon" not in sitemap and private.slug not in sitemap


def counted(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
@pytest.mark.parametrize("page", ["article", "index"])
def test_a_french_page_costs_the_queries_of_its_english_original(client, tree, page, warm, django_assert_num_queries):
    """The routing middleware finds the French root in the cache: French costs what English costs."""
    english, french = (tree["en"][0], tree["fr"][0]) if page == "article" else (tree["blog"], tree["blog_fr"])
    client.get(english.url)
    client.get(french.url)
    if not warm:
        cache.clear()  # Wagtail's site root paths, the fragments, the localized roots
    english_count = counted(client, english.url)
    if not warm:
        cache.clear()
    with django_assert_num_queries(english_count):
        assert client.get(french.url).status_code == 200


def test_the_french_root_is_found_again_once_its_translation_is_unpublished(client, tree):
    french_url = tree["fr"][0].url
    assert client.get(french_url).status_code == 200
    Page.objects.get(pk=tree["home_fr"].pk).unpublish()
    # Wagtail then routes a French reader from the English root, where no "blog/francais-0" is.
    assert client.get(french_url).status_code == 404
    Page.objects.get(pk=tree["home_fr"].pk).specific.save_revision().publish()
    assert client.get(french_url).status_code == 200


def test_routing_without_the_middleware_is_wagtails_own(client, tree, settings):
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if name != "wagtail_runstrength.middleware.LocalizedRoutingMiddleware"
    ]
    assert client.get(tree["fr"][0].url).status_code == 200
    assert client.get("/fr/blog/english-0/").status_code == 404


def test_publishing_a_french_article_affects_french_pages_only(tree):
    affected = affected_by(tree["fr"][1])
    paths = affected.paths
    assert "/fr/blog/francais-1/" in paths
    assert "/fr/blog/" in paths
    assert "/fr/exercices/squat/" in paths
    assert "/fr/blog/francais-0/" in paths  # shows it among its related posts
    assert not [path for path in paths if not path.startswith("/fr/")]


def test_a_site_scoped_search_works_across_both_trees(tree):
    """Search backends filter on the tree path, not on URL paths (docs/deployment.md, the shared cache)."""
    site = tree["site"]
    found = {page.title for page in ArticlePage.objects.visible_in(site).search("Hill")}
    assert found == {"Hill sprints", "Hill sprints (fr)"}


def test_a_new_translation_of_the_root_is_read_under_a_new_cache_key(tree, django_assert_num_queries):
    from wagtail_runstrength.site_roots import root_tree_paths

    site = tree["site"]
    root_tree_paths(site)
    with django_assert_num_queries(0):
        before = root_tree_paths(site)
    german = Locale.objects.create(language_code="de")
    tree["site"].root_page.copy_for_translation(german)
    after = root_tree_paths(site)
    assert len(before) == 2 and len(after) == 3
