"""URLs of the bilingual test host: the APIs and admin as usual, the pages under ``i18n_patterns``.

English pages keep their addresses (``prefix_default_language=False``); the
French tree is served under ``/fr/``.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls

from tests.urls import urlpatterns as package_urlpatterns

urlpatterns = [pattern for pattern in package_urlpatterns if str(pattern.pattern) != ""]
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
