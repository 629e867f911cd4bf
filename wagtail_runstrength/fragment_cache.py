"""Rendered page fragments in Django's cache, made stale all at once by a generation kept in the database.

A fragment such as an article's body holds exercise cards (which depend on
the exercise library), related-post cards (which depend on every other live
article of the site) and links (which depend on the site and its settings).
Tracking those dependencies key by key would be fragile, so every fragment is
stored beside the *generation* it was rendered under, and anything that could
change a fragment (see ``invalidation.py``) starts a new generation. Fragments
of an older generation are never served again; they are overwritten by the
next render or expire on their own.

The generation is a row of ``FragmentGeneration``, written in the same
transaction as the change, not a cache entry. A cache entry could be lost:
when Redis is down the write fails, and when Redis comes back with its data
(a hung server, a restart from its snapshot, a failover to a replica) the old
generation would be current again and every page cached before the change
would be served until it expired. Reading the generation costs one
primary-key query per request that uses the cache (it is kept on the
request); reading a fragment costs one cache ``get``.

Previews are never cached, and a cache that fails (Redis down) never breaks a
page: the fragment is rendered as if there were no cache.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import caches
from django.db import connections, router
from django.db.models import Subquery
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from . import __version__, http_caching
from .conf import get_setting

logger = logging.getLogger(__name__)

FRAGMENT_PREFIX = "wagtail_runstrength:fragment:"
# Part of every key with the package version, so an upgrade never serves markup rendered by an
# older template (bump FORMAT when a fragment's shape changes between releases).
FORMAT = "1"


class _DoNotCache:
    def __repr__(self) -> str:
        return "DO_NOT_CACHE"


# A ``vary_on`` value for ``{% rs_cache %}``: render this response without the cache. For responses
# that echo what the reader typed (an unknown filter value), which would otherwise store one
# entry per value anyone cares to send.
DO_NOT_CACHE = _DoNotCache()

# Generations this process started: a request that read the generation before one of them
# (in the same process) reads it again.
_local_changes = 0


def get_cache():
    return caches[get_setting("CACHE_ALIAS")]


def is_enabled() -> bool:
    return get_setting("FRAGMENT_CACHE_TIMEOUT") > 0


def _generation_model():
    from .models import FragmentGeneration

    return FragmentGeneration


def current_generation(request=None) -> str:
    """The token of the newest generation; read once per ``request`` when one is given.

    An empty string before anything was ever changed.
    """
    request = getattr(request, "_request", request)  # a DRF request wraps Django's
    remembered = getattr(request, "_runstrength_generation", None)
    if remembered is not None and remembered[0] == _local_changes:
        return remembered[1]
    model = _generation_model()
    token = model.objects.order_by("-pk").values_list("token", flat=True).first() or ""
    if request is not None:
        request._runstrength_generation = (_local_changes, token)
    return token


def generation_subquery() -> Subquery:
    """The current generation as a subquery, to annotate onto a query the request makes anyway.

    Pass what it returns to ``remember_generation()``: the request's fragments
    then need no query of their own for it.
    """
    return Subquery(_generation_model().objects.order_by("-pk").values("token")[:1])


def remember_generation(request, token: str | None) -> None:
    """Keep a generation read by ``generation_subquery()`` as the one ``request`` serves its fragments under."""
    request = getattr(request, "_request", request)
    request._runstrength_generation = (_local_changes, token or "")


def new_generation() -> str:
    """Start a new generation and return its token: every cached fragment is stale once this commits.

    Inside a transaction the new row is seen at once by that transaction and by
    every other process when it commits, together with the change. Outside one,
    it is committed already, so older rows are deleted.
    """
    global _local_changes
    model = _generation_model()
    row = model.objects.create()
    _local_changes += 1
    using = router.db_for_write(model)
    if not connections[using].in_atomic_block:
        _delete_older(model, row.pk, using)
    return row.token


def _delete_older(model, pk: int, using: str) -> None:
    # Plain SQL: QuerySet.delete() would load the rows first whenever any app listens to
    # pre_delete or post_delete for every model. Only the newest row is ever read.
    connection = connections[using]
    table, column = (connection.ops.quote_name(name) for name in (model._meta.db_table, model._meta.pk.column))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} < %s", [pk])  # noqa: S608 - the model's own names


def fragment_key(name: str, parts: Iterable) -> str:
    """The cache key of fragment ``name`` for one combination of ``parts`` (hashed, any length)."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in (FORMAT, __version__, name, *parts)).encode()).hexdigest()
    return f"{FRAGMENT_PREFIX}{name}:{digest[:40]}"


def page_key_parts(page, request, *, with_path: bool = True) -> list:
    """What a page fragment varies with: the live page, the address it is read at, the language.

    ``with_path=False`` leaves the request's path out, for a representation
    that several addresses answer with (an article's API detail).
    """
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
        parts += [site.pk if site else "", request.scheme, request.get_host()]
        if with_path:
            parts.append(request.path)
    return parts


def is_cacheable(request) -> bool:
    """False for previews (an editor's unsaved content) and when caching is turned off."""
    return is_enabled() and not getattr(request, "is_preview", False)


def cached_value(name: str, parts: Iterable, compute: Callable[[], Any], request=None) -> Any:
    """``compute()``'s result from the cache when stored under the current generation, else computed and stored.

    The value must pickle (rendered markup, an API representation). The
    surrogate keys noted while computing it (``http_caching.note``) are stored
    with it and noted again on every hit. Give the
    ``request`` being served so that the generation is read once for all its
    fragments. A cache that fails is logged and bypassed: the value is
    computed as if there were no cache.
    """
    key = fragment_key(name, parts)
    generation = current_generation(request)  # before compute(): what it reads is at least this new
    cache = get_cache()
    try:
        stored = cache.get(key)
    except Exception:  # a cache outage must not fail the page
        logger.exception("Fragment cache unavailable; computing %s without it", name)
        return compute()
    if stored is not None and len(stored) == 3 and stored[0] == generation:
        http_caching.note(*stored[2])
        return stored[1]
    # What the value draws (pages, images, exercises) is kept with it, for the response's surrogate keys.
    with http_caching.collecting() as drawn:
        value = compute()
    try:
        cache.set(key, (generation, value, tuple(sorted(drawn))), get_setting("FRAGMENT_CACHE_TIMEOUT"))
    except Exception:
        logger.exception("Could not store fragment %s", name)
    return value


def cached_render(name: str, parts: Iterable, render: Callable[[], str], request=None) -> SafeString:
    """Rendered markup from the cache when it belongs to the current generation, else ``render()`` stored there."""
    return mark_safe(cached_value(name, parts, lambda: str(render()), request))  # noqa: S308 - template output, escaped as built
