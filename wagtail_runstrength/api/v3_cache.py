"""API v3's page detail for an article, from the fragment cache (``/api/v3/pages/<id>/``).

Wagtail's v3 detail resolves the whole article on every request: the body's
exercises, related cards and images, each time. ``cached_page_detail`` wraps
the operation's view (``api.add_decorator(mode="view")``, installed from
``v3.register``) and keeps the response Wagtail's code produced, under the
same rules as the v2 detail (``cached_detail.py``):

- only an anonymous reader's plain ``GET`` of the live version (``?version=live``
  and ``?rich_text_format=`` are the only parameters it accepts; anything else,
  a bearer token or a signed-in user goes to Wagtail's view untouched);
- only an article that Wagtail's public queryset shows on the request's site
  (live, public); a draft, private or other site's page never reaches the cache;
- keyed on the live revision, the language, the site, scheme and host and the
  rich-text format, stale with the page's fragments (``invalidation.py``).

Only a 200 is kept. A cache that fails is bypassed, as everywhere in the package.
"""

from __future__ import annotations

import functools

from django.http import HttpResponse

from .. import fragment_cache, recent_reads
from .cached_detail import keyed_article
from .v3_detail import visible_article

DETAIL_URL_NAME = "detail_page"
RICH_TEXT_FORMATS = frozenset({"db_html", "html", "db_markdown", "markdown"})


class _NotKept(Exception):
    """Carries a response that must not be cached (anything but a 200) out of ``cached_value``."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def _plain_query(query) -> bool:
    """True when the query string holds nothing the cached answer could differ by, besides the format."""
    for name in query:
        values = query.getlist(name)
        if len(values) != 1:
            return False
        if name == "version" and values[0] == "live":
            continue
        if name == "rich_text_format" and values[0] in RICH_TEXT_FORMATS:
            continue
        return False
    return True


def _anonymous(request) -> bool:
    user = getattr(request, "user", None)
    return "HTTP_AUTHORIZATION" not in request.META and not (user is not None and user.is_authenticated)


def _page_id(kwargs) -> int | None:
    try:
        return int(str(kwargs.get("page_id")))
    except ValueError:
        return None


def cached_page_detail(view):
    """Wraps a v3 operation's view: the page detail of an article comes from the cache; every other call passes."""

    @functools.wraps(view)
    def cached(request, *args, **kwargs):
        match = getattr(request, "resolver_match", None)
        page_id = _page_id(kwargs)
        if (
            match is None
            or match.url_name != DETAIL_URL_NAME
            or request.method != "GET"
            or page_id is None
            or not fragment_cache.is_cacheable(request)
            or not _plain_query(request.GET)
            or not _anonymous(request)
        ):
            return view(request, *args, **kwargs)
        return _cached_detail(view, request, page_id, args, kwargs)

    return cached


def _cached_detail(view, request, page_id: int, args, kwargs):
    import swapper

    page = keyed_article(swapper.load_model("wagtailcore", "Page")._default_manager, page_id)
    # Through Wagtail's public queryset; a miss's detail (``v3_detail.py``) takes the article from here.
    if page is None or visible_article(request, page_id, page.specific_class) is None:
        return view(request, *args, **kwargs)  # Wagtail's answer: another page type, or its own 404
    fragment_cache.remember_generation(request, page.rs_generation)
    parts = [
        *fragment_cache.page_key_parts(page, request, with_path=False),
        request.GET.get("rich_text_format", ""),
    ]

    def compute() -> tuple[bytes, str]:
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or getattr(response, "streaming", False):
            raise _NotKept(response)
        recent_reads.note(request)  # a miss: a worker asks for it again after the next change
        return bytes(response.content), response["Content-Type"]

    try:
        content, content_type = fragment_cache.cached_value("api-v3-page-detail", parts, compute, request)
    except _NotKept as not_kept:
        return not_kept.response
    return HttpResponse(content, content_type=content_type)
