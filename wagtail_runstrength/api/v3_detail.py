"""API v3's page detail of an article, loaded with everything its schema reads in one lookup.

Wagtail's v3 detail finds the page among the visible ones, loads it again as
its specific type, then each relation its schema reads costs a query of its
own: the locale, the hero image, each of the hero's three renditions, the
tags (twice), and the page's site once for every field that asks for it
(``Page.get_site()`` reads the site table each time; v3's fields get no
request to find it on).

``preloaded_page_detail`` wraps the detail operation
(``api.add_decorator(mode="operation")``, after django-ninja has validated the
parameters): for an anonymous reader's live version of an article it returns
the article looked up by primary key through Wagtail's own visible-pages
queryset for the article's model (``visible_article``), with its relations
joined, then its tags and its hero's renditions fetched once
(``cached_detail.complete_article``) and its site found once. Anything else
(another page type, a signed-in reader, a draft, a page the queryset leaves
out) goes to Wagtail's function, which answers as before, 404 included.

``v3_cache.py`` uses the same lookup as its visibility check and leaves the
article on the request, so a cache miss does not look it up again.
"""

from __future__ import annotations

import functools

from .cached_detail import ARTICLE_RELATIONS, complete_article, keyed_article

DETAIL_URL_NAME = "detail_page"


def visible_article(request, page_id: int, model=None):
    """The article ``page_id`` with its relations joined, if Wagtail's public queryset shows it here; else ``None``.

    ``model`` is the page's specific class when the caller already knows it
    (``keyed_article``); otherwise one primary-key query finds it.
    """
    import swapper
    from wagtail.api.v3.querysets import get_pages_queryset

    if model is None:
        page = keyed_article(swapper.load_model("wagtailcore", "Page")._default_manager, page_id)
        if page is None:
            return None
        model = page.specific_class
    article = get_pages_queryset(request, model).select_related(*ARTICLE_RELATIONS).filter(pk=page_id).first()
    if article is not None:
        request._runstrength_v3_article = article
    return article


def _site_found_once(article) -> None:
    """Answer ``article.get_site()`` from the first call for the rest of this response (the review, the call to
    action and related posts each ask)."""
    find = article.get_site

    @functools.cache
    def get_site():
        return find()

    article.get_site = get_site


def _is_live_anonymous_detail(request, kwargs) -> bool:
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    return (
        match is not None
        and match.url_name == DETAIL_URL_NAME
        and request.method == "GET"
        and kwargs.get("version") in (None, "live")
        and not (user is not None and user.is_authenticated)
        and isinstance(kwargs.get("page_id"), int)
    )


def preloaded_page_detail(func):
    """Wraps every v3 operation's function; only the live page detail of an article is answered here."""

    @functools.wraps(func)
    def detail(request, *args, **kwargs):
        if _is_live_anonymous_detail(request, kwargs):
            page_id = kwargs["page_id"]
            article = getattr(request, "_runstrength_v3_article", None)
            if article is None or article.pk != page_id:
                article = visible_article(request, page_id)
            if article is not None:
                complete_article(article)
                _site_found_once(article)
                article.runstrength_api_request = request  # read by ``fields.ArticleBodyField``
                return article
        return func(request, *args, **kwargs)

    return detail
