"""The package's blocks on a host's own page type, which is not an article."""

import pytest

from tests.factories import ArticlePageFactory, HomePageFactory
from wagtail_runstrength.blocks import RelatedPostsBlock

pytestmark = pytest.mark.django_db


def render_related(page, picks=(), limit=3) -> str:
    block = RelatedPostsBlock()
    value = block.to_python({"heading": "From the blog", "posts": [pick.pk for pick in picks], "limit": limit})
    return block.render(value, context={"page": page, "request": None})


def test_related_posts_on_a_home_page_show_picks_then_the_newest_articles(index_page):
    home = index_page.get_parent().specific
    oldest, middle, newest = (ArticlePageFactory(parent=index_page, title=f"Post {n}") for n in range(3))
    draft = ArticlePageFactory(parent=index_page, title="Unpublished post")
    draft.unpublish()
    html = render_related(home, picks=[oldest, draft], limit=3)
    assert "Unpublished post" not in html
    positions = [html.index(page.title) for page in (oldest, newest, middle)]
    assert positions == sorted(positions)


def test_related_posts_on_another_sites_page_never_show_this_sites_articles(index_page):
    ArticlePageFactory(parent=index_page, title="Clinic post")
    outside = HomePageFactory(parent=index_page.get_parent().get_parent(), slug="elsewhere", title="Elsewhere")
    html = render_related(outside)
    assert "Clinic post" not in html
