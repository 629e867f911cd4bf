"""``LocalizedRoutingMiddleware``: Wagtail's page routing on a translated site, without its per-language query.

Wagtail's ``serve`` view routes a page from ``site.root_page.localized``,
which costs a French reader one query more than an English one (the root's
French translation is looked up on every request). This middleware routes the
request before Wagtail's view runs, from the translated root kept in the
fragment cache (``site_roots.localized_root``), and leaves the result where
Wagtail looks for it (``request._wagtail_route_for_request``, which
``Page.route_for_request`` reads first). Routing itself (live pages only,
the page's own ``route()`` for sub-pages, a 404 for an unknown path) is
Wagtail's, unchanged.

It does nothing on a site without ``WAGTAIL_I18N_ENABLED`` (Wagtail makes no
per-language query there) and for any view but Wagtail's ``serve``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404


class LocalizedRoutingMiddleware:
    """Route Wagtail's page requests from the cached root of the reader's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail import views
        from wagtail.models import Site

        from .site_roots import localized_root

        if view_func is not views.serve or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return None
        if hasattr(request, "_wagtail_route_for_request"):
            return None
        site = Site.find_for_request(request)
        root = localized_root(site, request) if site is not None else None
        if root is None:
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        try:
            request._wagtail_route_for_request = root.route(request, [part for part in path.split("/") if part])
        except Http404:
            request._wagtail_route_for_request = None
        return None
