"""One builder per published shape: exercise, exercise link, image, article card, clinician, rich text.

The blocks' ``get_api_representation`` and the endpoints' serializer fields
both call these, so each shape is written once. Every builder returns
JSON-ready data shaped like its model in ``schemas.py``. None of them queries
per item: callers hand them objects loaded in bulk (exercises through
``ExerciseChooserBlock.bulk_to_python``, cards through ``related_articles``),
with renditions already prefetched.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db.models import prefetch_related_objects
from wagtail.images.models import SourceImageIOError
from wagtail.rich_text import expand_db_html

from ..http_caching import note_objects
from ..images import CARD_SPEC, CONTENT_SPEC, HERO_SPEC, PORTRAIT_SPEC, THUMBNAIL_SPEC, alt_text, parsed_filter
from ..public_urls import PublicUrls

logger = logging.getLogger(__name__)

EXERCISE_IMAGE_SIZES = {"thumbnail": THUMBNAIL_SPEC, "card": CARD_SPEC, "large": CONTENT_SPEC}
CARD_IMAGE_SIZES = {"thumbnail": THUMBNAIL_SPEC}
CONTENT_IMAGE_SIZES = {"large": CONTENT_SPEC}
HERO_IMAGE_SIZES = {"hero": HERO_SPEC, "card": CARD_SPEC, "thumbnail": THUMBNAIL_SPEC}
PORTRAIT_SIZES = {"portrait": PORTRAIT_SPEC}


def rich_text(html: str | None) -> str:
    """Database rich text as public HTML: internal links become real URLs, no ``linktype`` left."""
    return expand_db_html(html or "")


def image(img, sizes: dict[str, str], alt: str | None = None, decorative: bool = False) -> dict | None:
    """An image with alt text and the renditions named in ``sizes``; ``None`` when it is missing."""
    if img is None:
        return None
    note_objects(img)
    renditions = {}
    for name, spec in sizes.items():
        try:
            rendition = img.get_rendition(parsed_filter(spec))
        except SourceImageIOError:
            # A missing original must not break the article: leave this size out.
            logger.warning("Image %s has no readable file for rendition %s", img.pk, spec)
            continue
        renditions[name] = {
            "url": rendition.url,
            "full_url": rendition.full_url,
            "width": rendition.width,
            "height": rendition.height,
        }
    return {
        "id": img.pk,
        "title": img.title,
        "alt": "" if decorative else (alt if alt is not None else alt_text(img)),
        "decorative": decorative,
        "width": img.width,
        "height": img.height,
        "renditions": renditions,
    }


def prescription(dose) -> dict[str, Any]:
    return {**dose.as_dict(), "text": str(dose)}


def muscle(group) -> dict[str, Any]:
    return {"id": group.pk, "name": group.name, "slug": group.slug, "region": group.region}


def category(cat) -> dict[str, Any] | None:
    if cat is None:
        return None
    return {"id": cat.pk, "name": cat.name, "slug": cat.slug}


def clinician(person) -> dict[str, Any] | None:
    if person is None:
        return None
    return {
        "id": person.pk,
        "name": person.name,
        "credentials": person.credentials,
        "display_name": person.display_name,
        "role": person.role,
        "registration_number": person.registration_number,
        "bio": person.bio,
        "profile_url": person.profile_url,
        "photo": image(person.photo, PORTRAIT_SIZES),
    }


def urls_in(context: dict | None) -> PublicUrls:
    """The response's URL builder, kept in the serializer or block ``context`` so each site's base is read once.

    API v3 gives serializer fields an empty context; its operation's request
    (``v3_request``) still lets the builder read the base from the request's
    settings, which the article's ``review`` has loaded already.
    """
    from .v3_request import current_request

    if context is None:
        return PublicUrls(current_request())
    if "runstrength_urls" not in context:
        context["runstrength_urls"] = PublicUrls(context.get("request") or current_request())
    return context["runstrength_urls"]


def review(obj, request=None) -> dict[str, Any]:
    """The clinical review of an article or exercise: its state today, its dates and its reviewer.

    With a request the site's review policy is read once per request; without
    one (API v3 gives its fields none) it is read from the object's own site.
    """
    status = obj.review_status_for_request(request)
    return {
        "state": str(status.state),
        "last_reviewed": status.last_reviewed,
        "next_review_due": status.next_review_due,
        "reviewer": clinician(obj.reviewer) if status.last_reviewed else None,
    }


def exercise_link(other) -> dict[str, Any]:
    return {"id": other.pk, "name": other.name, "slug": other.slug}


def exercise_links(related) -> list[dict[str, Any]]:
    """The published exercises of a progressions or regressions manager (read from its prefetch)."""
    return [exercise_link(other) for other in related.all() if other.live]


def prefetch_exercise_links(exercises) -> None:
    """Load the progressions and regressions of all ``exercises`` in two queries.

    Exercises loaded by ``ExerciseChooserBlock.bulk_to_python`` remember the
    batch they came in, so the first one asked for its links fetches them for
    the whole batch; a stream's query count then stays flat in its number of
    exercise blocks even when nothing prefetched it beforehand.
    """
    pending = [ex for ex in exercises if ex is not None and "progressions" not in _prefetched(ex)]
    if pending:
        prefetch_related_objects(pending, "progressions", "regressions")
        # Links to another language's exercises read as their translations (one query, when there are any).
        from ..translated import localize_prefetched

        live = type(pending[0])._default_manager.live()
        localize_prefetched(pending, "progressions", "regressions", candidates=live)


def _prefetched(ex) -> dict:
    return getattr(ex, "_prefetched_objects_cache", {})


def exercise(ex) -> dict[str, Any]:
    """Everything a frontend needs to draw an exercise card or page, without a second request."""
    if "progressions" not in _prefetched(ex):
        prefetch_exercise_links(getattr(ex, "runstrength_batch", None) or [ex])
    note_objects(ex)
    return {
        "id": ex.pk,
        "name": ex.name,
        "slug": ex.slug,
        "summary": ex.summary,
        "target_muscles": [muscle(group) for group in ex.target_muscles.all()],
        "equipment": ex.equipment,
        "difficulty": ex.difficulty,
        "prescription": prescription(ex.prescription),
        "instructions": [str(step.value) for step in ex.instructions],
        "coaching_cues": ex.coaching_cue_list,
        "safety_notes": ex.safety_notes,
        "video_url": ex.video_url,
        "image": image(ex.image, EXERCISE_IMAGE_SIZES, alt=ex.alt_text),
        "progressions": exercise_links(ex.progressions),
        "regressions": exercise_links(ex.regressions),
    }


def article_card(page, urls: PublicUrls) -> dict[str, Any]:
    note_objects(page)
    return {
        "id": page.pk,
        "title": page.title,
        "url": urls.page(page),
        "category": category(page.category),
        "excerpt": page.card_excerpt,
        "tags": [tag.name for tag in page.tags.all()],
        "thumbnail": image(page.hero_image, CARD_IMAGE_SIZES, alt=page.hero_alt_text),
        "read_time_minutes": page.read_time_minutes,
        "date": display_date(page),
    }


def article_link(page, urls: PublicUrls) -> dict[str, Any]:
    return {"id": page.pk, "title": page.title, "url": urls.page(page)}


def display_date(page) -> str | None:
    return page.display_date.isoformat() if page.display_date else None
