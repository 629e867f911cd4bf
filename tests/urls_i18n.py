"""The test host's URLs with Wagtail's pages under ``i18n_patterns``: English at ``/``, French at ``/fr/``.

Wagtail serves each language's tree at its own prefix this way (its i18n
docs); the APIs stay unprefixed, as a headless frontend calls them.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls

from tests.urls import urlpatterns as base_urlpatterns
from wagtail_runstrength.sitemaps import sitemap

urlpatterns = [
    *base_urlpatterns[:-1],  # everything but Wagtail's catch-all page serving
    path("sitemap.xml", sitemap),
    *i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False),
]
