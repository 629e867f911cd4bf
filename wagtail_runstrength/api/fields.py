"""API v2 serializer fields for the package's models, typed for the v3 OpenAPI document.

API v2 serialises an ``APIField(name, serializer=...)`` with the DRF field.
Wagtail 8's v3 generator reuses the same field and takes its schema type from
the return annotation of ``to_representation`` (``wagtail/api/v3/schemas/
generators/read.py``, ``_custom_serializer_schema``). That hook is an
undocumented detail of a preview API, so this module is the only place that
relies on it: each field below is built by ``typed_field`` with an explicit
return type from ``schemas.py``, and ``tests/test_api_v3.py`` fails loudly if
the generator stops reading it.
"""

import datetime
from collections.abc import Callable
from typing import Any

from rest_framework.fields import Field

from . import representation as rep
from . import schemas
from .urls import PublicUrls


def _urls(field: Field) -> PublicUrls:
    """One URL builder per response where DRF gives a context (v2); a fresh one otherwise (v3)."""
    context = field.context
    if "runstrength_urls" not in context:
        context["runstrength_urls"] = PublicUrls(context.get("request"))
    return context["runstrength_urls"]


def typed_field(name: str, return_type: Any, build: Callable[[Any, Field], Any], doc: str) -> type[Field]:
    """A read-only DRF field whose ``to_representation`` is annotated with ``return_type``."""

    def to_representation(self, obj):
        return build(obj, self)

    to_representation.__annotations__ = {"obj": Any, "return": return_type}
    return type(name, (Field,), {"__doc__": doc, "to_representation": to_representation, "__module__": __name__})


def whole_object(field_class: type[Field]) -> Field:
    """Bind a field to the whole object (``source="*"``), so it can read several attributes."""
    return field_class(source="*", read_only=True)


RichTextHTMLField = typed_field(
    "RichTextHTMLField", str, lambda html, field: rep.rich_text(html), "Rich text as public HTML."
)
ArticleBodyField = typed_field(
    "ArticleBodyField",
    schemas.RunStrengthArticleBody,
    lambda page, field: rep.article_body(page, _urls(field)),
    "An article's body: each block with its type, id and resolved value.",
)
HeroImageField = typed_field(
    "HeroImageField",
    schemas.RunStrengthImage | None,
    lambda page, field: rep.image(page.hero_image, rep.HERO_IMAGE_SIZES, alt=page.hero_alt_text),
    "The hero image with its alt text and renditions.",
)
CategoryField = typed_field(
    "CategoryField", schemas.RunStrengthCategory | None, lambda cat, field: rep.category(cat), "A category."
)
ClinicianField = typed_field(
    "ClinicianField", schemas.RunStrengthClinician | None, lambda person, field: rep.clinician(person), "A clinician."
)
ExcerptField = typed_field(
    "ExcerptField", str, lambda page, field: page.card_excerpt, "The excerpt, or the start of the introduction."
)
DisplayDateField = typed_field(
    "DisplayDateField",
    datetime.date | None,
    lambda page, field: page.display_date.isoformat() if page.display_date else None,
    "The article's date, or the day it was first published.",
)
ExerciseDataField = typed_field(
    "ExerciseDataField",
    schemas.RunStrengthExercise,
    lambda exercise, field: rep.exercise(exercise),
    "Everything about an exercise a frontend needs.",
)
MuscleListField = typed_field(
    "MuscleListField",
    list[schemas.RunStrengthMuscleGroup],
    lambda muscles, field: [rep.muscle(group) for group in muscles.all()],
    "The muscle groups an exercise targets.",
)
PrescriptionField = typed_field(
    "PrescriptionField",
    schemas.RunStrengthPrescription,
    lambda exercise, field: rep.prescription(exercise.prescription),
    "The exercise's default dose.",
)
StepsField = typed_field(
    "StepsField",
    list[str],
    lambda steps, field: [str(step.value) for step in steps],
    "The exercise's instructions, one step per item.",
)
CuesField = typed_field(
    "CuesField", list[str], lambda exercise, field: exercise.coaching_cue_list, "Coaching cues, one per item."
)
ExerciseImageField = typed_field(
    "ExerciseImageField",
    schemas.RunStrengthImage | None,
    lambda exercise, field: rep.image(exercise.image, rep.EXERCISE_IMAGE_SIZES, alt=exercise.alt_text),
    "The exercise's photo with its alt text and renditions.",
)
ExerciseLinksField = typed_field(
    "ExerciseLinksField",
    list[schemas.RunStrengthExerciseLink],
    lambda related, field: [{"id": o.pk, "name": o.name, "slug": o.slug} for o in related.all() if o.live],
    "Other published exercises: harder ones (progressions) or easier ones (regressions).",
)


def _articles_using(exercise, field: Field) -> list[dict]:
    # The exercises endpoint prefetches the articles a reader of the request's
    # site may open into ``visible_articles``; elsewhere fall back to a query.
    articles = getattr(exercise, "visible_articles", None)
    if articles is None:
        articles = exercise.used_in_articlepages.live().public().order_by("-date", "-pk")
    urls = _urls(field)
    return [{"id": page.pk, "title": page.title, "url": urls.page(page)} for page in articles]


ArticlesUsingField = typed_field(
    "ArticlesUsingField",
    list[schemas.RunStrengthArticleLink],
    _articles_using,
    "Live, public articles that use the exercise.",
)
TagNamesField = typed_field(
    "TagNamesField",
    list[str],
    lambda tags, field: [tag.name for tag in tags.all()],
    "Tag names; reads prefetched tags, so a listing costs no query per article.",
)
