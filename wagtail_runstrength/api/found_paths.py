"""Which article ``find/?html_path=`` routed an address to, remembered until the next fragment generation.

Routing an address walks the site's tree one slug at a time (the root, the
index, the article: four queries on the demo's ``/blog/<slug>/``), on every
call, although the answer only changes when a page is published,
unpublished, moved, renamed or deleted, or a site or locale changes: each of
those starts a new fragment generation (``invalidation.py``). So the
article's id is stored beside the generation its routing started under, and
a later ``find/`` for the same address reads the article by id with the
current generation in one query (``cached_detail.keyed_article``, the lookup
the detail endpoint makes anyway): the same generation means nothing that
could change the routing happened since, and the stored id is the answer. A
different generation means the routing is done again.

What is remembered is only the routing. Whether the article may be shown
(live, public, of this site, of the requested ``type``) is still checked on
every request against the endpoint's queryset, as Wagtail checks a routed
page, so a page made private or unpublished is never found through an entry.

Only articles found at their own address are remembered: one entry per
article, language and site at most. Misses are not remembered (a client
scanning made-up addresses would otherwise store one entry per address, and
routing stops at the first unknown slug anyway), nor are other pages, whose
addresses may carry a route's arguments of any value (``/blog/tags/<tag>/``)
and which are answered with a redirect. Previews, and a cache turned off,
never use this.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import Http404
from django.utils import translation

from .. import fragment_cache
from ..conf import get_setting

logger = logging.getLogger(__name__)

NAME = "find-html-path"


def address_parts(html_path: str) -> list[str]:
    """``html_path``'s components, as Wagtail's routing reads them: slashes do not matter."""
    return [part for part in html_path.split("/") if part]


def _key(request, site, html_path: str) -> str:
    # Everything routing reads besides the tree: the site and its root, the address, the language
    # active when no prefix names one, and the URL configuration a language prefix is resolved in.
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    parts = [site.pk, site.root_page_id, "/".join(address_parts(html_path)), translation.get_language() or "", urlconf]
    return fragment_cache.fragment_key(NAME, parts)


def recall(request, site, html_path: str) -> tuple[str, int] | None:
    """The ``(generation, page id)`` stored for ``html_path`` on ``site``, or ``None``.

    The caller compares the generation with the current one before using the id.
    """
    try:
        stored = fragment_cache.get_cache().get(_key(request, site, html_path))
    except Exception:  # a cache outage must not fail the lookup: it routes as if nothing were stored
        logger.exception("Fragment cache unavailable; routing %s without it", NAME)
        return None
    if isinstance(stored, tuple) and len(stored) == 2:
        return stored
    return None


def remember(request, site, html_path: str, generation: str, page) -> None:
    """Store that ``html_path`` routes to the article ``page``, under the ``generation`` read before routing.

    Only when the address is the article's own (its last component is the
    slug), so that a route taking arguments of any value never fills the cache.
    """
    parts = address_parts(html_path)
    if not parts or parts[-1] != page.slug:
        return
    try:
        fragment_cache.get_cache().set(
            _key(request, site, html_path), (generation, page.pk), get_setting("FRAGMENT_CACHE_TIMEOUT")
        )
    except Exception:
        logger.exception("Could not store %s", NAME)


def route_from_root(request, site, html_path: str):
    """``(generation, page)``: Wagtail's routing of ``html_path`` from ``site``'s root page, as its ``find/`` does.

    The root is loaded as its specific type, as Wagtail's ``root_page.specific``
    loads it, with the generation read in the same query: read before the
    routing, which is the generation an answer may be stored under, at no
    query of its own. ``page`` is ``None`` when the routing finds nothing.
    """
    model = site.root_page.specific_class or type(site.root_page)
    root = (
        model._default_manager.filter(pk=site.root_page_id)
        .annotate(rs_generation=fragment_cache.generation_subquery())
        .first()
    )
    if root is None:
        return "", None
    generation = root.rs_generation or ""
    try:
        page, _args, _kwargs = root.route(request, address_parts(html_path))
    except Http404:
        return generation, None
    return generation, page
