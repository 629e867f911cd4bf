"""Wagtail's images and documents v2 endpoints, with the package's guards and HTTP caching.

Register them in place of Wagtail's own (``wagtail.images.api.v2.views`` and
``wagtail.documents.api.v2.views``); they answer exactly as Wagtail's do,
except that input Wagtail 8.0.1 turns into a server error is a 400 with a
message (``v2_guards.py``), and that their reads carry the same validators,
304s, ``Cache-Control``, ``Vary`` and surrogate keys as the page endpoints
(``http_caching.HTTPCachingViewSetMixin``): a frontend that lists a page's
images revalidates them like the page. Kept apart from ``v2.py`` so a host
without ``wagtail.documents`` can still import the article endpoints.
"""

from __future__ import annotations

from wagtail.documents.api.v2 import views as document_views
from wagtail.images.api.v2 import views as image_views

from ..http_caching import HTTPCachingViewSetMixin
from .v2_guards import GuardedQueryMixin, guarded_filter_backends


class ImagesAPIViewSet(HTTPCachingViewSetMixin, GuardedQueryMixin, image_views.ImagesAPIViewSet):
    filter_backends = guarded_filter_backends(image_views.ImagesAPIViewSet.filter_backends)


class DocumentsAPIViewSet(HTTPCachingViewSetMixin, GuardedQueryMixin, document_views.DocumentsAPIViewSet):
    filter_backends = guarded_filter_backends(document_views.DocumentsAPIViewSet.filter_backends)
