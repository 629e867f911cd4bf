"""One place for image rendition sizes and alt text, shared by models, blocks and templates.

Templates ask for exactly these filter specs, and querysets prefetch exactly
these renditions, so rendering a list of cards costs no query per image.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

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

# What each kind of image is drawn at, in the HTML and in the API, so a queryset
# prefetches the renditions it will use and no others: an image may have dozens
# of renditions, and every row fetched is a model instance built for nothing.
EXERCISE_IMAGE_SPECS = (*expand_picture(CARD_PICTURE), THUMBNAIL_SPEC, CARD_SPEC, CONTENT_SPEC)
ARTICLE_CARD_IMAGE_SPECS = (*expand_picture(CARD_PICTURE), THUMBNAIL_SPEC, CARD_SPEC, HERO_SPEC)
HERO_IMAGE_SPECS = (*expand_picture(HERO_PICTURE), SHARE_SPEC, HERO_SPEC, CARD_SPEC, THUMBNAIL_SPEC)
CONTENT_IMAGE_SPECS = (*expand_picture(CONTENT_PICTURE), CONTENT_SPEC)


def image_prefetch(lookup: str, *specs: str) -> Prefetch:
    """A ``Prefetch`` for an image foreign key that also brings the given renditions (all known ones if none).

    Once renditions are prefetched Wagtail looks nowhere else, so a spec
    missing here costs a query per image: give every spec the image is drawn at.
    """
    return Prefetch(
        lookup,
        queryset=get_image_model().objects.prefetch_renditions(*(specs or ALL_SPECS)),
    )


def image_renditions_prefetch(lookup: str, *specs: str) -> Prefetch:
    """The renditions behind an image foreign key the query already joins (all known specs if none).

    One query fewer than ``image_prefetch``: the image rows come with the
    rows that point at them, and only their renditions are fetched after.
    Wagtail reads them from ``prefetched_renditions``, as with ``prefetch_renditions``.
    """
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        f"{lookup}__renditions",
        queryset=rendition_model.objects.filter(filter_spec__in=specs or ALL_SPECS),
        to_attr="prefetched_renditions",
    )


@functools.lru_cache(maxsize=256)
def parsed_filter(spec: str) -> Filter:
    """The ``Filter`` for ``spec``, its operations parsed once per process.

    Wagtail builds a new ``Filter`` for every image on every render, and parsing
    a spec's operations inspects each operation's signature: about 0.1 ms per
    spec, so a page of nine three-format pictures spent more time parsing specs
    than running its queries. A ``Filter`` holds nothing that depends on the
    image, so one per spec can be shared.
    """
    parsed = Filter(spec=spec)
    parsed.operations  # noqa: B018 (parse now, once)
    return parsed


def parsed_filters(pattern: str | Sequence[str]) -> list[Filter]:
    """``parsed_filter`` for every spec a ``{% picture %}`` pattern (a string or its bits) expands to."""
    bits = tuple(pattern.split() if isinstance(pattern, str) else pattern)
    return [parsed_filter(spec) for spec in _expanded(bits)]


@functools.lru_cache(maxsize=256)
def _expanded(bits: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(Filter.expand_spec(list(bits)))


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
