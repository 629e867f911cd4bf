"""``find/?html_path=`` on a translated site: the page a reader opening that address would be served.

Wagtail's find views route ``html_path`` from the site's root page, so on a
site that serves its languages under ``i18n_patterns`` a French address
(``/fr/blog/...``) is looked up below the English root and never found
(wagtail#6679). Here the address is read as Django reads a request for it:
its language prefix, when it names one of ``LANGUAGES``, is the language it is
served in; Django's URL resolver, in that language, says whether the address
reaches Wagtail's page serving and with which path; and that path is routed
from the site's root in that language (``site_roots.localized_root``, as
``LocalizedRoutingMiddleware`` serves it). An unknown prefix, an address
another view answers and an address no live page has all find nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation


def applies() -> bool:
    """Only a site with Wagtail's i18n on serves more than one tree."""
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def find_page(request, site, html_path: str):
    """The live page ``html_path`` serves on ``site``, or ``None``; visibility is the caller's check."""
    from wagtail import views
    from wagtail.models import Page

    from ..site_roots import localized_root

    if site is None:
        return None
    # Slashes do not matter to Wagtail's own lookup: the address is written as it serves it.
    parts = [part for part in html_path.split("/") if part]
    address = f"/{'/'.join(parts)}/" if parts else "/"
    language = translation.get_language_from_path(address) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(address, getattr(request, "urlconf", None) or get_urlconf())
        except Resolver404:
            return None
        if match.func is not views.serve:
            return None
        path = match.kwargs.get("path", match.args[0] if match.args else "")
        root = localized_root(site, request) or site.root_page.localized.specific
        try:
            page, _args, _kwargs = root.route(request, [part for part in path.split("/") if part])
        except Http404:
            return None
    return page if isinstance(page, Page) else None
