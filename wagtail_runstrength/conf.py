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
}

# (minimum, maximum) for each integer key.
BOUNDS: dict[str, tuple[int, int]] = {
    "WORDS_PER_MINUTE": (50, 1000),
    "RELATED_POSTS_LIMIT": (1, 12),
    "INDEX_PAGE_SIZE": (1, 100),
    "PREVIEW_TOKEN_MAX_AGE": (60, 7 * 24 * 3600),
    "RELATED_POSTS_WINDOW": (10, 1_000_000),
    "FRAGMENT_CACHE_TIMEOUT": (0, 30 * 24 * 3600),
}

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
    return merged


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
