"""One place for image rendition sizes and alt text, shared by models, blocks and templates.

Templates ask for exactly these filter specs, and querysets prefetch exactly
these renditions, so rendering a list of cards costs no query per image.
"""

from __future__ import annotations

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.images.models import Filter

HERO_SPEC = "fill-1200x675-c50"
CARD_SPEC = "fill-640x427-c50"
THUMBNAIL_SPEC = "fill-400x267-c50"
CONTENT_SPEC = "max-1200x1200"
PORTRAIT_SPEC = "fill-160x160-c50"

# The responsive sets the package's templates pass to ``{% picture %}``, written
# exactly as in the templates (AVIF and WebP sources, a JPEG fallback, one width
# per layout step). A test checks every template against this list.
HERO_PICTURE = "format-{avif,webp,jpeg} fill-{480x270,800x450,1200x675}-c50"
CARD_PICTURE = "format-{avif,webp,jpeg} fill-{360x240,720x480}-c50"
CONTENT_PICTURE = "format-{avif,webp,jpeg} width-{480,800,1200}"
# The largest JPEGs of the hero and card sets: what link previews and JSON-LD point at.
SHARE_SPEC = "format-jpeg|fill-1200x675-c50"
CARD_SHARE_SPEC = "format-jpeg|fill-720x480-c50"
# The clinic's logo as the publisher in JSON-LD.
LOGO_SPEC = "max-600x600"


def expand_picture(pattern: str) -> tuple[str, ...]:
    """The single filter specs a ``{% picture %}`` pattern renders, in Wagtail's own order."""
    return tuple(Filter.expand_spec(pattern))


PICTURE_SPECS = tuple(
    dict.fromkeys(spec for pattern in (HERO_PICTURE, CARD_PICTURE, CONTENT_PICTURE) for spec in expand_picture(pattern))
)

ALL_SPECS = (HERO_SPEC, CARD_SPEC, THUMBNAIL_SPEC, CONTENT_SPEC, PORTRAIT_SPEC, *PICTURE_SPECS)


def image_prefetch(lookup: str, *specs: str) -> Prefetch:
    """A ``Prefetch`` for an image foreign key that also brings the given renditions.

    The responsive renditions the templates draw (``PICTURE_SPECS``) always
    come too: once renditions are prefetched, Wagtail looks nowhere else, and a
    spec missing from the prefetch would cost a query per image.
    """
    wanted = tuple(dict.fromkeys((*specs, *PICTURE_SPECS))) if specs else ALL_SPECS
    return Prefetch(
        lookup,
        queryset=get_image_model().objects.prefetch_renditions(*wanted),
    )


def alt_text(image, override: str = "") -> str:
    """The alt text to use for an image: the override if given, else the image's own description."""
    if override:
        return override
    return getattr(image, "description", "") or ""


def prefetch_renditions_for(images, *specs: str) -> None:
    """Load the given renditions for already-fetched images in one query (no query per image)."""
    from django.db.models import prefetch_related_objects

    images = [img for img in images if img is not None and not hasattr(img, "prefetched_renditions")]
    if not images:
        return
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs or ALL_SPECS)
    prefetch_related_objects(images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions"))
