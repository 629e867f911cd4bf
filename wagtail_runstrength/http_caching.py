"""HTTP caching for pages and API reads: validators, 304s, Cache-Control, Vary and surrogate keys.

``finalize()`` turns a successful ``GET`` response into one a browser, a proxy
and a CDN can keep and revalidate:

- ``ETag``: strong, the SHA-256 of the body. It changes exactly when the
  bytes change, whatever caused it (a publish, an exercise edit, a related
  card, a template or a deploy), which no id or timestamp can promise.
- ``Last-Modified``: when this address first served the body it serves now,
  remembered per address (and language) in the package's cache; not sent
  for an address with a query string, which the ETag alone validates. A body that
  changes back to an older one gets a new date, so ``If-Modified-Since``
  never answers 304 for a copy the client no longer holds.
- A 304 for ``If-None-Match`` or ``If-Modified-Since`` (Django's
  ``get_conditional_response``, which follows RFC 9110's order). It is built
  after the view, so it costs the same queries as the 200 and saves the
  body's bytes on the wire.
- ``Cache-Control: public, max-age, s-maxage, stale-while-revalidate`` from
  the ``HTTP_*`` settings (``conf.py``); ``Vary: Cookie`` (a session changes
  the answer: see below) and, for the API, ``Authorization``.
- ``Surrogate-Key`` (space separated, Fastly and Varnish xkey) and
  ``Cache-Tag`` (comma separated, Cloudflare) naming what the response
  draws: the page (``rs-page-12``), the exercises, images, categories and
  clinicians it shows and the pages of its related cards, in the names
  ``affected.py`` gives the webhooks' ``tags``, so a CDN purges by key
  (``cdn.py``).

A preview, a request from a logged-in user (the admin's userbar, a
restricted page), one carrying an ``Authorization`` header (v3 drafts) or a
session that passed a page's password gets ``private, no-store`` instead,
and no validators or keys.

What a response draws is *noted* while it is made: ``note()`` and
``note_objects()`` are called where pages, images and exercises are drawn
(the ``{% rs_picture %}`` and ``{% rs_draws %}`` tags, the API
representations), into every ``collecting()`` scope open at the time.
Cached fragments (``fragment_cache.cached_value``) store the keys noted
while they were computed and note them again when served from the cache,
so a warm page names the same keys as a cold one, at no query.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from .conf import get_setting

logger = logging.getLogger(__name__)

SURROGATE_KEY_HEADER = "Surrogate-Key"
CACHE_TAG_HEADER = "Cache-Tag"
# Fastly and Cloudflare accept 16 KB of keys per response; stay well below. The page's own
# key comes first, so a cut list still carries it.
MAX_KEYS_LENGTH = 8000
LAST_MODIFIED_PREFIX = "wagtail_runstrength:last-modified:"
# How long an address's Last-Modified is remembered; forgetting it only makes the next one "now".
LAST_MODIFIED_TIMEOUT = 30 * 24 * 3600

_collectors: ContextVar[tuple[set[str], ...]] = ContextVar("wagtail_runstrength_drawn", default=())


# What a response draws


@contextmanager
def collecting() -> Iterator[set[str]]:
    """A scope gathering every key noted inside it (nested scopes all receive each note)."""
    keys: set[str] = set()
    token = _collectors.set((*_collectors.get(), keys))
    try:
        yield keys
    finally:
        _collectors.reset(token)


def note(*keys: str) -> None:
    """Record that the response being made draws ``keys``; nothing when no scope is open."""
    for collector in _collectors.get():
        collector.update(key for key in keys if key)


def key_for(obj) -> str | None:
    """The surrogate key of a page, image or snippet, as ``affected.py`` names it; ``None`` for nothing."""
    from .affected import object_tag, page_tag

    if obj is None or getattr(obj, "pk", None) is None:
        return None
    return page_tag(obj.pk) if isinstance(obj, _page_model()) else object_tag(obj)


def note_objects(*objs) -> None:
    """Note pages, images and snippets; an exercise or clinician also brings its image's key."""
    if not _collectors.get():
        return
    for obj in objs:
        note(key_for(obj) or "")
        for image_field in ("image_id", "photo_id", "hero_image_id"):
            image_id = getattr(obj, image_field, None)
            if image_id:
                note(_image_key(image_id))


def note_page(page) -> None:
    """Note a page and what its own foreign keys show (hero image, category, author, reviewer): no query."""
    if not _collectors.get() or page is None:
        return
    note(key_for(page) or "")
    drawn = _drawn_models()
    for field in page._meta.concrete_fields:
        if not field.many_to_one or field.related_model not in drawn:
            continue
        value = getattr(page, field.attname, None)
        if value:
            note(f"rs-{field.related_model._meta.model_name}-{value}")
            if field.is_cached(page):  # a loaded clinician also brings their photo
                note_objects(field.get_cached_value(page))


def _page_model() -> type:
    import swapper

    return swapper.load_model("wagtailcore", "Page")


def _image_key(image_id: int) -> str:
    from wagtail.images import get_image_model

    return f"rs-{get_image_model()._meta.model_name}-{image_id}"


def _drawn_models() -> tuple[type, ...]:
    from wagtail.images import get_image_model

    from .models import ArticleCategory, Clinician, ExerciseSnippet

    return (get_image_model(), ArticleCategory, Clinician, ExerciseSnippet)


def ordered_keys(keys: Iterable[str], first: Iterable[str] = ()) -> list[str]:
    """``first`` in order, then the other keys sorted: stable headers for the same content."""
    first = [key for key in first if key]
    return [*dict.fromkeys(first), *sorted(set(keys) - set(first))]


# The response


def is_private(request) -> bool:
    """Whether the answer to ``request`` is meant for one person: preview, login, bearer token, passed password."""
    request = getattr(request, "_request", request)  # a DRF request wraps Django's
    if getattr(request, "is_preview", False) or request.META.get("HTTP_AUTHORIZATION"):
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    from wagtail.models import PageViewRestriction

    session = getattr(request, "session", None)
    # The page restrictions this reader has passed (a password). Reading the session costs no
    # query without a session cookie.
    return bool(session is not None and session.get(PageViewRestriction.passed_view_restrictions_session_key))


def finalize(request, response, keys: Iterable[str] = (), *, first_keys: Iterable[str] = (), vary=("Cookie",)):
    """``response`` with the caching headers (module docstring), or a 304 when the client's copy is current.

    Only a 200 to a ``GET`` or ``HEAD`` is changed, and not one that is already
    marked ``no-store`` (a preview's). ``first_keys`` lead the key headers.
    """
    request = getattr(request, "_request", request)
    if (
        not get_setting("HTTP_CACHING")
        or request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or response.streaming
        or "no-store" in response.get("Cache-Control", "")
    ):
        return response
    patch_vary_headers(response, vary)
    if is_private(request):
        add_never_cache_headers(response)
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
    # Only for an address without a query string: query strings are the client's to invent, and
    # each would be one more entry in the cache. The ETag validates those answers.
    last_modified = None if request.META.get("QUERY_STRING") else _last_modified(request, response, etag)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(
        response,
        public=True,
        max_age=get_setting("HTTP_MAX_AGE"),
        s_maxage=get_setting("HTTP_S_MAXAGE"),
        stale_while_revalidate=get_setting("HTTP_STALE_WHILE_REVALIDATE"),
    )
    key_headers = _key_headers(ordered_keys(keys, first_keys))
    for name, value in key_headers.items():
        response[name] = value
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
    if conditional is not response:
        # A CDN revalidating its copy keeps it under the same keys.
        for name, value in key_headers.items():
            conditional[name] = value
    return conditional


def _key_headers(keys: list[str]) -> dict[str, str]:
    if not keys:
        return {}
    kept, length = [], 0
    for key in keys:
        length += len(key) + 1
        if length > MAX_KEYS_LENGTH:
            logger.warning("Surrogate keys cut after %s of %s: the header would be too long", len(kept), len(keys))
            break
        kept.append(key)
    return {SURROGATE_KEY_HEADER: " ".join(kept), CACHE_TAG_HEADER: ",".join(kept)}


def _last_modified(request, response, etag: str) -> int:
    """When this address (in this language) started serving this body, in Unix seconds.

    The date moves forward whenever the body differs from the one last seen
    here, by at least a second, so two changes within one second still give
    the second body a later date than the first.
    """
    from .fragment_cache import get_cache

    now = int(time.time())
    address = "\x1f".join(
        (request.get_host(), request.path, response.get("Content-Language", ""), translation.get_language() or "")
    )
    key = LAST_MODIFIED_PREFIX + hashlib.sha256(address.encode()).hexdigest()[:40]
    cache = get_cache()
    try:
        stored = cache.get(key)
        if stored and stored[0] == etag:
            return stored[1]
        since = max(now, stored[1] + 1) if stored else now
        cache.set(key, (etag, since), LAST_MODIFIED_TIMEOUT)
        return since
    except Exception:  # a cache outage must not fail the response: "now" is never too early
        logger.exception("Could not read or store the Last-Modified of %s", request.path)
        return now


# Wiring: pages, API v2 viewsets, API v3 operations


class HTTPCachingPageMixin:
    """Put before ``Page`` (or a mixin built on it) in a page model's bases: its ``serve`` gets ``finalize()``.

    Routable pages' sub-routes (feeds, tag lists, exercise pages) are included.
    """

    def serve(self, request, *args, **kwargs):
        with collecting() as keys:
            response = super().serve(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered and response.status_code == 200:
                response.render()  # inside the scope: rendering is where the cards and images are drawn
            note_page(self)
        return finalize(request, response, keys, first_keys=[key_for(self)])


class HTTPCachingViewSetMixin:
    """Put first in the bases of an API v2 viewset: its reads get ``finalize()`` and keys from their items."""

    def dispatch(self, request, *args, **kwargs):
        with collecting() as keys:
            response = super().dispatch(request, *args, **kwargs)
            first = self._item_keys(getattr(response, "data", None))
        return finalize(request, response, keys | set(first), first_keys=first, vary=("Cookie", "Authorization"))

    def _item_keys(self, data) -> list[str]:
        """Keys of the object a detail shows, or of each listed item and the listing itself."""
        if not isinstance(data, dict):
            return []
        model = getattr(self, "model", None)
        if model is None:
            return []
        if "items" in data:
            ids = [item.get("id") for item in data["items"] if isinstance(item, dict)]
            return [list_key(model), *(_model_key(model, pk) for pk in ids if pk is not None)]
        return [_model_key(model, data["id"])] if data.get("id") is not None else []


def list_key(model) -> str:
    """The key of every listing of ``model``'s objects (``affected.list_tag``)."""
    from .affected import list_tag

    return list_tag(model)


def _model_key(model, pk) -> str:
    return f"rs-page-{pk}" if issubclass(model, _page_model()) else f"rs-{model._meta.model_name}-{pk}"


# API v3 operations by URL name: the model whose ids they show.
V3_PAGE_OPERATIONS = {"list_pages", "detail_page", "find_page"}
V3_EXERCISE_OPERATIONS = {"runstrength_exercises_list", "runstrength_exercises_detail", "runstrength_exercises_by_slug"}


def v3_operation(run):
    """Wraps an API v3 operation (``api.add_decorator(..., mode="view")``): reads get ``finalize()``."""
    import functools

    @functools.wraps(run)
    def cached(request, *args, **kwargs):
        with collecting() as keys:
            response = run(request, *args, **kwargs)
        first = _v3_item_keys(request, response)
        return finalize(request, response, keys | set(first), first_keys=first, vary=("Cookie", "Authorization"))

    return cached


def _v3_item_keys(request, response) -> list[str]:
    from .models import ExerciseSnippet

    match = getattr(request, "resolver_match", None)
    name = match.url_name if match else ""
    if name in V3_PAGE_OPERATIONS:
        model = _page_model()
    elif name in V3_EXERCISE_OPERATIONS:
        model = ExerciseSnippet
    else:
        return []
    if response.status_code != 200 or request.method != "GET":
        return []
    try:
        data = json.loads(response.content)
    except ValueError:
        return []
    if isinstance(data, dict) and "items" in data:
        ids = [item.get("id") for item in data["items"] if isinstance(item, dict)]
        return [list_key(model), *(_model_key(model, pk) for pk in ids if pk is not None)]
    if isinstance(data, dict) and data.get("id") is not None:
        return [_model_key(model, data["id"])]
    return []
