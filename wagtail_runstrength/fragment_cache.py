"""Rendered page fragments in Django's cache, made stale all at once by a shared generation token.

A fragment such as an article's body holds exercise cards (which depend on
the exercise library), related-post cards (which depend on every other live
article of the site) and links (which depend on the site and its settings).
Tracking those dependencies key by key would be fragile, so every fragment is
stored beside the *generation* it was rendered under, and anything that could
change a fragment (see ``invalidation.py``) replaces the generation: one cache
write, seen by every app process that shares the cache. Fragments of an old
generation are never served again and expire on their own.

Reading a fragment costs one cache round trip (``get_many`` of the generation
and the fragment). Previews are never cached, and a cache that fails (Redis
down) never breaks a page: the fragment is rendered as if there were no cache.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import caches
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from . import __version__
from .conf import get_setting

logger = logging.getLogger(__name__)

GENERATION_KEY = "wagtail_runstrength:generation"
FRAGMENT_PREFIX = "wagtail_runstrength:fragment:"
# Part of every key with the package version, so an upgrade never serves markup rendered by an
# older template (bump FORMAT when a fragment's shape changes between releases).
FORMAT = "1"


def get_cache():
    return caches[get_setting("CACHE_ALIAS")]


def is_enabled() -> bool:
    return get_setting("FRAGMENT_CACHE_TIMEOUT") > 0


def new_generation() -> None:
    """Make every cached fragment stale, for every process sharing the cache."""
    try:
        get_cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:  # a cache outage must not fail the editor's save
        logger.exception("Could not replace the fragment cache generation")


def _current_generation(cache, found: dict) -> str:
    generation = found.get(GENERATION_KEY)
    if generation is None:
        # First use, or evicted: start one. add() keeps a concurrent process's token if it won.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def fragment_key(name: str, parts: Iterable) -> str:
    """The cache key of fragment ``name`` for one combination of ``parts`` (hashed, any length)."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in (FORMAT, __version__, name, *parts)).encode()).hexdigest()
    return f"{FRAGMENT_PREFIX}{name}:{digest[:40]}"


def page_key_parts(page, request) -> list:
    """What a page fragment varies with: the live page, the address it is read at, the language."""
    parts = [
        page.pk,
        getattr(page, "live_revision_id", ""),
        page.last_published_at.isoformat() if getattr(page, "last_published_at", None) else "",
        translation.get_language() or "",
    ]
    if request is not None:
        from wagtail.models import Site

        site = Site.find_for_request(request)
        # Links are relative on the page's own site and absolute elsewhere; JSON-LD uses the request's host.
        parts += [site.pk if site else "", request.scheme, request.get_host(), request.path]
    return parts


def is_cacheable(request) -> bool:
    """False for previews (an editor's unsaved content) and when caching is turned off."""
    return is_enabled() and not getattr(request, "is_preview", False)


def cached_value(name: str, parts: Iterable, compute: Callable[[], Any]) -> Any:
    """``compute()``'s result from the cache when stored under the current generation, else computed and stored.

    The value must pickle (rendered markup, an API representation). A cache that
    fails is logged and bypassed: the value is computed as if there were no cache.
    """
    key = fragment_key(name, parts)
    try:
        cache = get_cache()
        found = cache.get_many([GENERATION_KEY, key])
        generation = _current_generation(cache, found)
    except Exception:  # a cache outage must not fail the page
        logger.exception("Fragment cache unavailable; computing %s without it", name)
        return compute()
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return stored[1]
    value = compute()
    try:
        cache.set(key, (generation, value), get_setting("FRAGMENT_CACHE_TIMEOUT"))
    except Exception:
        logger.exception("Could not store fragment %s", name)
    return value


def cached_render(name: str, parts: Iterable, render: Callable[[], str]) -> SafeString:
    """Rendered markup from the cache when it belongs to the current generation, else ``render()`` stored there."""
    return mark_safe(cached_value(name, parts, lambda: str(render())))  # noqa: S308 - template output, escaped as built
