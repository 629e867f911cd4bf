"""A sitemap of every language's tree, for hosts that translate their site.

Wagtail's sitemap (``wagtail.contrib.sitemaps``) lists the pages below the
site's root page; the translated trees beside it (see ``site_roots.py``) are
left out, so a French blog is never announced to crawlers. ``sitemap`` here is
Wagtail's view with a ``Sitemap`` that reads the root page and its
translations; on a single-language site it lists what Wagtail's does.
"""

from __future__ import annotations

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .site_roots import in_site_q


class Sitemap(WagtailSitemap):
    """Live, public pages of the request's site in every language, in tree order."""

    def items(self):
        from wagtail.models import Page

        site = self.get_wagtail_site()
        return (
            Page.objects.filter(in_site_q(site, self.request))
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


def sitemap(request, **kwargs):
    """Wagtail's ``sitemap`` view with the every-language ``Sitemap``; mount it at ``sitemap.xml``."""
    return wagtail_sitemap(request, sitemaps={"wagtail": Sitemap}, **kwargs)
