"""Which language an API answers in, and links to an object's translations.

Listings and slug lookups answer in one language: ``?locale=`` when given
(a language code of ``WAGTAIL_CONTENT_LANGUAGES``; anything else is a 400),
else the request's active language when it is a content language, else the
default one. Without that rule a translated exercise is listed once per
language under the same slug. The language is worked out from the settings,
and the listing filters on the locale's code, so choosing it costs no query.

``translations`` links on details are read only on a site with
``WAGTAIL_I18N_ENABLED``: without it Wagtail serves no translation, and a
single-language site spends no query on them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant

from .messages import unknown_choice_message

PARAMETER = "locale"


class UnknownLocale(ValueError):
    """``?locale=`` names no content language; the message says which ones there are."""


def default_language() -> str:
    """The default content language (Wagtail's ``Locale.get_default()``, without its query)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def requested_language(value: str | None) -> str:
    """The content language code a listing answers in; raises ``UnknownLocale`` for a bad ``?locale=``."""
    if value is None:
        try:
            return get_supported_content_language_variant(translation.get_language())
        except LookupError:
            return default_language()
    try:
        return get_supported_content_language_variant(value.strip().lower())
    except LookupError as error:
        raise UnknownLocale(unknown_choice_message(PARAMETER, value, get_content_languages())) from error


def in_language(queryset, language_code: str):
    """``queryset``'s rows in that language (translatable models: pages and snippets).

    A sub-query on the locale rather than a join: search backends refuse a
    filter across a join, and ``SearchFilter`` runs after this one.
    """
    from wagtail.models import Locale

    return queryset.filter(locale__in=Locale.objects.filter(language_code=language_code).values("pk"))


def translations_enabled() -> bool:
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def translation_links(rows, url_for) -> list[dict[str, Any]]:
    """``{id, locale, url}`` for each of ``rows`` (loaded with their locale), ``url_for(row)`` giving the URL."""
    return [{"id": row.pk, "locale": row.locale.language_code, "url": url_for(row)} for row in rows]


def article_translations(page, request=None, urls=None) -> list[dict[str, Any]]:
    """The other languages' versions of ``page`` a reader of the request's site may open."""
    if not translations_enabled() or not page.pk:
        return []
    from wagtail.models import Site

    from ..public_urls import PublicUrls

    site = Site.find_for_request(request) if request is not None else page.get_site()
    rows = (
        type(page)
        ._default_manager.visible_in(site, request=request)
        .filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    urls = urls if urls is not None else PublicUrls(request)
    return translation_links(rows, urls.page)


def exercise_translations(exercise, request=None) -> list[dict[str, Any]]:
    """The other languages' published versions of ``exercise``, each linked to its page in a library of its language.

    ``url`` is ``None`` for a language with no live, public exercise library on the request's site.
    """
    if not translations_enabled() or not exercise.pk:
        return []
    from ..models import ExerciseSnippet

    rows = list(
        ExerciseSnippet.objects.live()
        .filter(translation_key=exercise.translation_key)
        .exclude(pk=exercise.pk)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    libraries = _libraries_by_locale(request, {row.locale_id for row in rows}) if rows else {}

    def url_for(row):
        library = libraries.get(row.locale_id)
        return library.exercise_url(row, request) if library is not None else None

    return translation_links(rows, url_for)


def _libraries_by_locale(request, locale_ids: set[int]) -> dict[int, Any]:
    """The first live, public exercise library of each locale on the request's site (one query)."""
    from wagtail.models import Site

    from ..models import ExerciseLibraryPage
    from ..models.querysets import private_sections_q
    from ..site_roots import in_site_q

    request = getattr(request, "_request", request)
    site = Site.find_for_request(request) if request is not None else None
    libraries = ExerciseLibraryPage.objects.live().filter(locale_id__in=locale_ids)
    libraries = libraries.exclude(private_sections_q(ExerciseLibraryPage.objects.all(), request))
    if site is not None:
        libraries = libraries.filter(in_site_q(site, request))
    found: dict[int, Any] = {}
    for library in libraries.order_by("path"):
        found.setdefault(library.locale_id, library)
    return found
