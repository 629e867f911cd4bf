"""A site's pages in every language: below its root page or below one of that root's translations.

Wagtail keeps each translated tree beside the default one: translating a
site's home page into French creates a sibling of it, with the French pages
below. "Below the site's root page" (``PageQuerySet.in_site``) therefore
misses every translated page. Wagtail's own routing decides which site a page
belongs to from ``Site.get_site_root_paths()``: the URL paths of each site's
root page and, with ``WAGTAIL_I18N_ENABLED``, of its translations. This
module reads the same list, so "on the site" means what Wagtail means by it
when it builds the page's URL.

That list lives in Django's cache (Wagtail clears it when a site, a site's
root page or one of its translations is saved) and is kept on the request
here, so scoping a query by site costs no query of its own once the cache is
warm, in every language alike.
"""

from __future__ import annotations

from django.db.models import Q


def _holder(request):
    return getattr(request, "_request", request)  # a DRF request wraps Django's


def site_root_paths(request=None) -> list:
    """Wagtail's ``SiteRootPath`` list, read once per ``request`` when one is given."""
    from wagtail.models import Site

    holder = _holder(request)
    if holder is None:
        return Site.get_site_root_paths()
    paths = getattr(holder, "_runstrength_site_root_paths", None)
    if paths is None:
        paths = holder._runstrength_site_root_paths = Site.get_site_root_paths()
    return paths


def root_url_paths(site, request=None) -> list[str]:
    """The URL paths of ``site``'s root page and of its translations (Wagtail lists them with i18n on)."""
    from django.conf import settings

    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        # Wagtail lists no translations then, and serves none under the site.
        return [site.root_page.url_path]
    paths = [root.root_path for root in site_root_paths(request) if root.site_id == site.pk]
    return paths or [site.root_page.url_path]


def in_site_q(site, request=None) -> Q:
    """Pages of ``site`` in any language: below its root page or below a translation of it.

    A site whose root has no translation gets Wagtail's own ``in_site``
    condition (the tree path), so a single-language site's queries are the
    ones they always were.
    """
    paths = root_url_paths(site, request)
    if len(paths) == 1:
        root = site.root_page
        return Q(path__startswith=root.path, depth__gte=root.depth)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(url_path__startswith=path)
    return condition


def belongs_to(page, site, request=None) -> bool:
    """Whether ``page`` is ``site``'s root page, a translation of it or below one of them."""
    url_path = page.url_path or ""
    return any(url_path.startswith(path) for path in root_url_paths(site, request))
