"""The addresses readers opened lately, so that a worker can render them again after each change.

Any change starts a new fragment generation (``fragment_cache.py``), which
makes every cached page stale, not only the pages the change affects. The
warming task renders the affected pages at once (``warming.py``); without
this list, every other page's next reader would wait for a cold render.

An address is noted when a page fragment or an article's API detail (v2 and
v3) is made for a reader (a cache miss; a hit costs nothing here) and kept,
newest first, up to ``WARM_RECENTLY_READ`` addresses, in the fragment cache.
Requests made by the warming task itself are not noted, so an address that
readers stopped opening drops off the end. Two processes noting at the same
moment can lose one of the two notes: the list is a hint for warming, never
a source of content.
"""

from __future__ import annotations

import logging

from .conf import get_setting

logger = logging.getLogger(__name__)

KEY = "wagtail_runstrength:recent-reads"
# Kept as long as a fragment is, at least: an address not opened for that long has no fragment to lose.
TIMEOUT_FLOOR = 7 * 24 * 3600

# Set on the requests the warming task makes (``warming.InternalFetcher``).
WARMING_ATTRIBUTE = "_runstrength_warming"


def _limit() -> int:
    return get_setting("WARM_RECENTLY_READ")


def _cache():
    from .fragment_cache import get_cache

    return get_cache()


def _store(cache, entries: list) -> None:
    cache.set(KEY, entries, max(get_setting("FRAGMENT_CACHE_TIMEOUT"), TIMEOUT_FLOOR))


def note(request) -> None:
    """Note the address ``request`` asks for as the most recently read one; never raises."""
    limit = _limit()
    request = getattr(request, "_request", request)
    if not limit or request is None or getattr(request, WARMING_ATTRIBUTE, False) or request.method != "GET":
        return
    if getattr(request, "_runstrength_read_noted", False):
        return  # a page with several fragments is noted once
    request._runstrength_read_noted = True
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return
    entry = [site.pk, request.get_full_path()]
    try:
        cache = _cache()
        _store(cache, [entry, *(item for item in cache.get(KEY) or [] if item != entry)][:limit])
    except Exception:  # a cache outage must not fail the page
        logger.exception("Could not note a recently read address")


def addresses() -> list[tuple[int, str]]:
    """The noted addresses as ``(site id, path with its query)``, most recently read first."""
    limit = _limit()
    if not limit:
        return []
    try:
        entries = _cache().get(KEY) or []
    except Exception:
        logger.exception("Could not read the recently read addresses")
        return []
    return [(site_id, path) for site_id, path in entries[:limit]]


def forget(site_id: int, path: str) -> None:
    """Drop an address that no longer answers with a page (deleted, moved, made private)."""
    try:
        cache = _cache()
        entries = cache.get(KEY) or []
        kept = [item for item in entries if item != [site_id, path]]
        if len(kept) != len(entries):
            _store(cache, kept)
    except Exception:
        logger.exception("Could not forget a recently read address")
