"""Make a changed page warm before any reader asks for it: its renditions, its fragments, its API answers.

The first view of a newly published article used to cost seconds: every
rendition of its hero, exercise cards, related cards and in-body images was
made on that view (Pillow's AVIF encoder is slow; docs/performance.md). The
warming task, run after the change commits (``tasks.process_changes``):

1. makes the renditions the affected articles draw, image by image with
   Wagtail's bulk ``get_renditions()`` (one query for those that exist, then
   the missing ones), at exactly the specs the templates and the API use
   (``images.py``);
2. requests every affected address once, in process, through the full
   middleware stack, as an anonymous reader of the page's own site would:
   the HTML pages (listings, feeds and exercise pages included) and the API
   details. Rendering stores the fragments under the current generation and
   makes any rendition step 1 did not foresee.

Requests are made with the site's host name and port, and over HTTPS for
port 443, so they are stored under the keys readers' requests use
(``fragment_cache.page_key_parts``). The site's host name must be in
``ALLOWED_HOSTS``. Running it twice costs the second time only the requests.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.test import RequestFactory
from django.utils import translation

from . import fragment_cache, recent_reads
from .affected import Affected
from .images import (
    ARTICLE_CARD_IMAGE_SPECS,
    CONTENT_IMAGE_SPECS,
    EXERCISE_IMAGE_SPECS,
    HERO_IMAGE_SPECS,
    PORTRAIT_SPEC,
)

logger = logging.getLogger(__name__)


def warm(affected: Affected, *, recently_read: bool = False) -> int:
    """Make the renditions of the affected pages, then request each affected address; returns the requests made.

    With ``recently_read``, the addresses readers opened lately
    (``recent_reads.py``) are requested afterwards too: the change made their
    fragments stale as well.
    """
    import swapper
    from wagtail.models import Site

    page_model = swapper.load_model("wagtailcore", "Page")
    pages = list(page_model.objects.filter(pk__in=affected.page_ids).live().specific())
    make_renditions(rendition_plan(pages))
    sites = Site.objects.in_bulk({site_id for site_id, _path in affected.entries})
    fetcher = InternalFetcher()
    requests = 0
    with translation.override(translation.get_language()):  # restored for the request this may run inside
        for site_id, path in sorted(affected.entries):
            if site_id in sites:
                fetcher.get(sites[site_id], path)
                requests += 1
        # API answers depend on the request's site; lookups (``find/``) answer from the same entries as the
        # details warmed here (``api/cached_detail.py`` keys them without the path), or redirect to them.
        for site in sites.values():
            for url in sorted(affected.api_urls):
                if "/find/" not in url:
                    fetcher.get(site, url)
                    requests += 1
        if recently_read:
            requests += warm_recently_read(fetcher, done=set(affected.entries))
    return requests


def warm_recently_read(fetcher: InternalFetcher, done: set) -> int:
    """Request each recently read address not in ``done``; returns the requests made.

    An address that no longer answers 200 is forgotten. Stops early when a
    newer change starts another generation: that change's own task warms
    the same addresses again, so a burst of changes (an import saving one
    object per transaction) costs one round of requests, not one per change.
    """
    from wagtail.models import Site

    entries = [entry for entry in recent_reads.addresses() if entry not in done]
    sites = Site.objects.in_bulk({site_id for site_id, _path in entries})
    generation = fragment_cache.current_generation()
    requests = 0
    for site_id, path in entries:
        if site_id not in sites:
            recent_reads.forget(site_id, path)
            continue
        if fragment_cache.current_generation() != generation:
            break
        requests += 1
        if fetcher.get(sites[site_id], path) != 200:
            recent_reads.forget(site_id, path)
    return requests


def rendition_plan(pages: Iterable) -> dict[Any, set[str]]:
    """Each image the articles among ``pages`` draw, with the specs it is drawn at."""
    from .blocks.content import ContentImageBlock
    from .blocks.exercise import exercise_items
    from .blocks.related import RelatedPostsBlock
    from .models import ArticlePageMixin

    plan: dict[Any, set[str]] = {}

    def add(image, specs) -> None:
        if image is not None:
            plan.setdefault(image, set()).update(specs)

    for page in pages:
        if not isinstance(page, ArticlePageMixin):
            continue
        add(page.hero_image, HERO_IMAGE_SPECS)
        for person in (page.author, page.reviewer):
            add(getattr(person, "photo", None), [PORTRAIT_SPEC])
        for item in exercise_items(page.body):
            if item.is_visible:
                add(item["exercise"].image, EXERCISE_IMAGE_SPECS)
        for child in page.body:
            if isinstance(child.block, ContentImageBlock):
                add(child.value.get("image"), CONTENT_IMAGE_SPECS)
            elif isinstance(child.block, RelatedPostsBlock):
                for card in child.block.cards_for(child.value, page):
                    add(card.hero_image, ARTICLE_CARD_IMAGE_SPECS)
    return plan


def make_renditions(plan: dict[Any, set[str]]) -> None:
    """Make every planned rendition that does not exist yet; an unreadable original is logged and skipped."""
    for image, specs in plan.items():
        try:
            image.get_renditions(*sorted(specs))
        except Exception:  # one broken file must not leave the other images cold
            logger.exception("Could not make the renditions of image %s", image.pk)


class InternalFetcher:
    """GET requests answered in this process by the project's own middleware and views, as a reader's would be."""

    def __init__(self):
        self.handler = BaseHandler()
        self.handler.load_middleware()
        self.factory = RequestFactory()

    def get(self, site, path: str) -> int:
        """GET ``path`` on ``site``; returns the status code (logged when it is not 200)."""
        secure = site.port == 443
        extra = {}
        proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
        if secure and proxy_header:
            extra[proxy_header[0]] = proxy_header[1]
        host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
        request = self.factory.get(path, secure=secure, HTTP_HOST=host, SERVER_PORT=str(site.port), **extra)
        setattr(request, recent_reads.WARMING_ATTRIBUTE, True)  # not a reader: not noted as one
        try:
            response = self.handler.get_response(request)
        except Exception:  # a broken page must not stop the rest from warming
            logger.exception("Warming %s%s failed", host, path)
            return 500
        if response.status_code != 200:
            logger.info("Warming %s%s answered %s", host, path, response.status_code)
        return response.status_code
