"""The package's settings, read from the one ``WAGTAIL_RUNSTRENGTH`` dict.

Every key is optional. Values are read lazily at the point of use and the
cache is dropped on Django's ``setting_changed`` signal, so ``override_settings``
works in tests. ``check_settings()`` runs from ``AppConfig.ready()`` and raises
``ImproperlyConfigured`` naming the key and what it accepts.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SETTING_NAME = "WAGTAIL_RUNSTRENGTH"

DEFAULTS: dict[str, Any] = {
    # Mean silent reading rate for non-fiction in English (Brysbaert, 2019).
    "WORDS_PER_MINUTE": 238,
    # How many cards a related-posts block shows when the editor sets no limit.
    "RELATED_POSTS_LIMIT": 3,
    # Articles per page on an article index.
    "INDEX_PAGE_SIZE": 12,
    # Seconds a headless preview token stays valid.
    "PREVIEW_TOKEN_MAX_AGE": 3600,
    # Automatic related posts are chosen among this many of the newest visible
    # articles, so the scoring query costs the same at 1,000 or 1,000,000 articles.
    # None scores every article (exact, but its cost grows with the archive).
    "RELATED_POSTS_WINDOW": 2000,
    # Seconds a rendered article fragment (cards included) stays in Django's cache.
    # Edits invalidate it long before that; 0 turns the package's caching off.
    "FRAGMENT_CACHE_TIMEOUT": 6 * 3600,
    # Which of settings.CACHES holds the package's fragments.
    "CACHE_ALIAS": "default",
    # After a publish, unpublish, move or delete (and an exercise, image, category or clinician
    # edit), a background task makes the renditions the affected pages draw and renders them once,
    # so the first reader gets a warm page (warming.py).
    "WARM_AFTER_PUBLISH": True,
    # Every change makes all cached pages stale, not only the ones it affects: a worker then also
    # renders this many of the addresses readers opened most recently (recent_reads.py). 0: none.
    # With the immediate task backend (no worker) they are not rendered, so publishing stays quick.
    "WARM_RECENTLY_READ": 100,
    # The headless frontend's address for every site whose "Frontend base URL" (Run strength settings)
    # is blank: page links in the APIs, feeds, sitemaps and JSON-LD point there, and the "Headless
    # frontend" preview opens its /preview/ route. "" (the default): pages are served by Wagtail.
    "FRONTEND_BASE_URL": "",
    # Frontends to tell which paths and API URLs changed: [{"url": "https://...", "secret": "..."}]
    # (webhooks.py). The secret signs each request; at least 16 characters.
    "REVALIDATION_WEBHOOKS": [],
    # Seconds to wait for a frontend's answer before counting the attempt as failed.
    "REVALIDATION_TIMEOUT": 5,
    # Attempts per delivery (the first included) before it is reported as failed.
    "REVALIDATION_MAX_ATTEMPTS": 5,
    # Seconds before the first retry; each later retry waits twice as long as the one before.
    "REVALIDATION_RETRY_DELAY": 30,
    # HTTP caching of pages and API reads (http_caching.py): ETag, Last-Modified, 304s,
    # Cache-Control and Surrogate-Key/Cache-Tag headers. False leaves responses as Django makes them.
    "HTTP_CACHING": True,
    # Seconds a browser may reuse a page or API response without asking again. 0: it revalidates
    # every time, which the ETag makes cheap (a 304 without a body).
    "HTTP_MAX_AGE": 0,
    # Seconds a shared cache (a CDN, a proxy) may serve it. Raise it when the CDN is purged by
    # key on every change (docs/api.md, "Caching and revalidation").
    "HTTP_S_MAXAGE": 60,
    # Seconds a shared cache may keep serving a stale copy while it fetches a fresh one.
    "HTTP_STALE_WHILE_REVALIDATE": 60,
    # The Django group whose members may approve the "Clinical review" workflow task.
    "CLINICIANS_GROUP": "Clinicians",
}

# (minimum, maximum) for each integer key.
BOUNDS: dict[str, tuple[int, int]] = {
    "WORDS_PER_MINUTE": (50, 1000),
    "RELATED_POSTS_LIMIT": (1, 12),
    "INDEX_PAGE_SIZE": (1, 100),
    "PREVIEW_TOKEN_MAX_AGE": (60, 7 * 24 * 3600),
    "RELATED_POSTS_WINDOW": (10, 1_000_000),
    "FRAGMENT_CACHE_TIMEOUT": (0, 30 * 24 * 3600),
    "REVALIDATION_TIMEOUT": (1, 30),
    "WARM_RECENTLY_READ": (0, 1000),
    "REVALIDATION_MAX_ATTEMPTS": (1, 10),
    "REVALIDATION_RETRY_DELAY": (1, 3600),
    "HTTP_MAX_AGE": (0, 365 * 24 * 3600),
    "HTTP_S_MAXAGE": (0, 365 * 24 * 3600),
    "HTTP_STALE_WHILE_REVALIDATE": (0, 365 * 24 * 3600),
}

# A webhook secret shorter than this is refused: it is all that stands between a frontend and
# anyone who can reach its revalidation route.
MIN_WEBHOOK_SECRET_LENGTH = 16

# Keys whose value may also be None (see DEFAULTS for what None means).
NULLABLE = {"RELATED_POSTS_WINDOW"}

_cache: dict[str, Any] | None = None


def _user_settings() -> dict[str, Any]:
    value = getattr(settings, SETTING_NAME, None) or {}
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f"{SETTING_NAME} must be a dict, not {type(value).__name__}.")
    return value


def check_settings() -> dict[str, Any]:
    """Validate the user's ``WAGTAIL_RUNSTRENGTH`` dict and return it merged with the defaults."""
    user = _user_settings()
    unknown = sorted(set(user) - set(DEFAULTS))
    if unknown:
        raise ImproperlyConfigured(
            f"{SETTING_NAME} has unknown key(s) {', '.join(unknown)}; "
            f"the keys it accepts are {', '.join(sorted(DEFAULTS))}."
        )
    merged = {**DEFAULTS, **user}
    for key, (low, high) in BOUNDS.items():
        value = merged[key]
        if value is None and key in NULLABLE:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ImproperlyConfigured(
                f"{SETTING_NAME}['{key}'] must be a whole number from {low} to {high}, not {value!r}."
            )
    alias = merged["CACHE_ALIAS"]
    if not isinstance(alias, str) or alias not in settings.CACHES:
        raise ImproperlyConfigured(
            f"{SETTING_NAME}['CACHE_ALIAS'] must name one of settings.CACHES "
            f"({', '.join(sorted(settings.CACHES))}), not {alias!r}."
        )
    for key in ("WARM_AFTER_PUBLISH", "HTTP_CACHING"):
        if not isinstance(merged[key], bool):
            raise ImproperlyConfigured(f"{SETTING_NAME}['{key}'] must be True or False, not {merged[key]!r}.")
    group = merged["CLINICIANS_GROUP"]
    if not isinstance(group, str) or not group.strip():
        raise ImproperlyConfigured(f"{SETTING_NAME}['CLINICIANS_GROUP'] must be a group name, not {group!r}.")
    merged["FRONTEND_BASE_URL"] = _checked_frontend_base(merged["FRONTEND_BASE_URL"])
    merged["REVALIDATION_WEBHOOKS"] = _checked_webhooks(merged["REVALIDATION_WEBHOOKS"])
    return merged


def _checked_frontend_base(value: Any) -> str:
    """``""`` or an http(s) address without its trailing slash, or ``ImproperlyConfigured``."""
    from urllib.parse import urlsplit

    if value == "":
        return value
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{SETTING_NAME}['FRONTEND_BASE_URL'] must be an http:// or https:// address without a query, "
            f"or an empty string, not {value!r}."
        )
    return value.rstrip("/")


def _checked_webhooks(value: Any) -> list[dict[str, str]]:
    """The webhook endpoints as ``[{"url": ..., "secret": ...}]``, or ``ImproperlyConfigured`` naming the problem."""
    from urllib.parse import urlsplit

    key = f"{SETTING_NAME}['REVALIDATION_WEBHOOKS']"
    if not isinstance(value, (list, tuple)):
        raise ImproperlyConfigured(f'{key} must be a list of {{"url": ..., "secret": ...}} dicts, not {value!r}.')
    endpoints, seen = [], set()
    for position, endpoint in enumerate(value):
        where = f"{key}[{position}]"
        if not isinstance(endpoint, dict) or set(endpoint) != {"url", "secret"}:
            raise ImproperlyConfigured(f'{where} must be a dict with exactly the keys "url" and "secret".')
        url, secret = endpoint["url"], endpoint["secret"]
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise ImproperlyConfigured(f"{where}['url'] must be an http:// or https:// address, not {url!r}.")
        if url in seen:
            raise ImproperlyConfigured(f"{where}['url'] {url!r} is listed twice.")
        if not isinstance(secret, str) or len(secret) < MIN_WEBHOOK_SECRET_LENGTH:
            # The secret itself is never echoed into the message (it lands in logs).
            raise ImproperlyConfigured(
                f"{where}['secret'] must be a string of at least {MIN_WEBHOOK_SECRET_LENGTH} characters."
            )
        seen.add(url)
        endpoints.append({"url": url, "secret": secret})
    return endpoints


def get_setting(key: str) -> Any:
    """Return one setting, falling back to its documented default."""
    global _cache
    if key not in DEFAULTS:
        raise KeyError(f"{SETTING_NAME} has no key {key!r}.")
    if _cache is None:
        _cache = check_settings()
    return _cache[key]


def reset_cache(*, setting: str, **kwargs: Any) -> None:
    """``setting_changed`` receiver: forget cached values when the dict changes."""
    global _cache
    if setting == SETTING_NAME:
        _cache = None
