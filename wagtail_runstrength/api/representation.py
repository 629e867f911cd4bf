"""Builders that turn the package's objects and block values into plain API data.

Every builder returns JSON-ready dicts shaped like the models in
``schemas.py``. They never query per item: callers hand them objects loaded
in bulk (exercises through ``ExerciseChooserBlock.bulk_to_python``, cards
through ``related_articles``), with renditions already prefetched.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db.models import prefetch_related_objects
from wagtail.images.models import SourceImageIOError
from wagtail.rich_text import expand_db_html

from ..blocks.exercise import exercise_items
from ..images import CARD_SPEC, CONTENT_SPEC, HERO_SPEC, PORTRAIT_SPEC, THUMBNAIL_SPEC, alt_text, parsed_filter
from .urls import PublicUrls

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


def _exercise_link(other) -> dict[str, Any]:
    return {"id": other.pk, "name": other.name, "slug": other.slug}


def exercise(ex) -> dict[str, Any]:
    """Everything a frontend needs to draw an exercise card or page, without a second request."""
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
        "progressions": [_exercise_link(other) for other in ex.progressions.all() if other.live],
        "regressions": [_exercise_link(other) for other in ex.regressions.all() if other.live],
    }


def article_card(page, urls: PublicUrls) -> dict[str, Any]:
    return {
        "id": page.pk,
        "title": page.title,
        "url": urls.page(page),
        "category": category(page.category),
        "excerpt": page.card_excerpt,
        "tags": [tag.name for tag in page.tags.all()],
        "thumbnail": image(page.hero_image, CARD_IMAGE_SIZES, alt=page.hero_alt_text),
        "read_time_minutes": page.read_time_minutes,
        "date": page.display_date.isoformat() if page.display_date else None,
    }


def _exercise_value(value) -> dict[str, Any]:
    visible = value.get("exercise") is not None and value["exercise"].live
    return {
        "exercise": exercise(value["exercise"]) if visible else None,
        "note": value.get("note") or "",
        "prescription": prescription(value.prescription),
    }


def _titled_list(value) -> dict[str, Any]:
    return {"items": [{"title": item["title"], "text": item["text"]} for item in value["items"]]}


def body_block(block, page, urls: PublicUrls) -> dict[str, Any]:
    """One stream child of an article body as ``{"type", "id", "value"}``."""
    kind, value = block.block_type, block.value
    if kind == "heading":
        data = {"text": value["text"], "level": value["level"], "anchor": value.anchor_id}
    elif kind == "paragraph":
        data = rich_text(value.source)
    elif kind == "image":
        img = value.get("image")
        data = {
            "image": image(
                img,
                CONTENT_IMAGE_SIZES,
                alt=getattr(img, "contextual_alt_text", None),
                decorative=bool(getattr(img, "decorative", False)),
            ),
            "caption": value.get("caption") or "",
        }
    elif kind in ("key_points", "tips"):
        data = _titled_list(value)
    elif kind == "exercise":
        data = _exercise_value(value)
    elif kind == "exercise_group":
        data = {
            "heading": value.get("heading") or "",
            "intro": value.get("intro") or "",
            "exercises": [_exercise_value(item) for item in value["exercises"] if item.is_visible],
        }
    elif kind == "call_to_action":
        from ..blocks.content import resolve_call_to_action

        cta = resolve_call_to_action(value, {"request": urls.request, "page": page}, site=page.get_site())
        if cta is not None and cta.get("page") is not None:
            cta["href"] = urls.page(cta["page"])
        data = (
            None
            if cta is None
            else {**{k: cta[k] or "" for k in ("heading", "text", "button_label")}, "url": cta["href"]}
        )
    elif kind == "quote":
        data = {"quote": value["quote"], "attribution": value.get("attribution") or ""}
    elif kind == "embed":
        data = {"url": value.url} if value else None
    elif kind == "related_posts":
        cards = block.block.cards_for(value, page, urls.request)
        data = {"heading": value["heading"], "cards": [article_card(card, urls) for card in cards]}
    else:  # a block type added by a subclass of ArticleBodyBlock
        data = block.block.get_api_representation(value, {"request": urls.request})
    return {"type": kind, "id": block.id, "value": data}


def body_exercises(page) -> list:
    """Every exercise object the body holds (already loaded in bulk by the chooser block)."""
    return [item.get("exercise") for item in exercise_items(page.body) if item.get("exercise") is not None]


def article_body(page, urls: PublicUrls | None = None) -> list[dict[str, Any]]:
    """The whole body; progressions and regressions of all its exercises are fetched together."""
    urls = urls or PublicUrls()
    exercises = body_exercises(page)
    if exercises:
        prefetch_related_objects(exercises, "progressions", "regressions")
    return [body_block(block, page, urls) for block in page.body]
