"""API v3's ``pages/find/?html_path=`` on a translated site: language prefixes read as v2's are.

Wagtail 8's v3 find view routes ``html_path`` from the site's root page, so a
French address (``/fr/blog/...``) on a site serving its languages under
``i18n_patterns`` finds nothing (wagtail#6679). ``localized_find`` wraps the
operation's view (``api.add_decorator(mode="view")``): when the site is
translated and ``html_path`` is given, the address is looked up as the v2 find
views look it up (``page_paths.find_page``), and a page Wagtail's v3 queryset
lets the request read is answered as Wagtail answers, with a redirect to its
detail that keeps the other query parameters. Anything else (no match, an
``id`` lookup, a site without i18n, a bad ``site``) goes to Wagtail's view
untouched, so its answers and errors stay its own.
"""

from __future__ import annotations

import functools

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from . import page_paths

FIND_URL_NAME = "find_page"
DETAIL_URL_NAME = "wagtailapi_v3:detail_page"


def localized_find(view):
    """Wrap a v3 operation's view so that ``pages/find/?html_path=`` reads language prefixes."""

    @functools.wraps(view)
    def find(request, *args, **kwargs):
        match = getattr(request, "resolver_match", None)
        html_path = request.GET.get("html_path")
        if match is None or match.url_name != FIND_URL_NAME or not html_path or not page_paths.applies():
            return view(request, *args, **kwargs)
        page = _visible_page(request, html_path)
        if page is None:
            return view(request, *args, **kwargs)
        query = request.GET.copy()
        query.pop("id", None)
        query.pop("html_path", None)
        return redirect(f"{reverse(DETAIL_URL_NAME, kwargs={'page_id': page.pk})}?{query.urlencode()}")

    return find


def _visible_page(request, html_path: str):
    """The page ``html_path`` serves on the requested site, if Wagtail's v3 queryset lets ``request`` read it."""
    from wagtail.api.v3.querysets import get_pages_queryset
    from wagtail.api.validators import SiteFilterValidator

    try:
        site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
        page = page_paths.find_page(request, site, html_path)
    except (ValueError, Http404):
        return None  # Wagtail's view gives its own answer
    if page is None or not get_pages_queryset(request).filter(pk=page.pk).exists():
        return None
    return page
