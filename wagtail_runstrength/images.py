"""One place for image rendition sizes and alt text, shared by models, blocks and templates.

Templates ask for exactly these filter specs, and querysets prefetch exactly
these renditions, so rendering a list of cards costs no query per image.
"""

from __future__ import annotations

from django.db.models import Prefetch
from wagtail.images import get_image_model

HERO_SPEC = "fill-1200x675-c50"
CARD_SPEC = "fill-640x427-c50"
THUMBNAIL_SPEC = "fill-400x267-c50"
CONTENT_SPEC = "max-1200x1200"
PORTRAIT_SPEC = "fill-160x160-c50"

ALL_SPECS = (HERO_SPEC, CARD_SPEC, THUMBNAIL_SPEC, CONTENT_SPEC, PORTRAIT_SPEC)


def image_prefetch(lookup: str, *specs: str) -> Prefetch:
    """A ``Prefetch`` for an image foreign key that also brings the given renditions."""
    return Prefetch(
        lookup,
        queryset=get_image_model().objects.prefetch_renditions(*(specs or ALL_SPECS)),
    )


def alt_text(image, override: str = "") -> str:
    """The alt text to use for an image: the override if given, else the image's own description."""
    if override:
        return override
    return getattr(image, "description", "") or ""
