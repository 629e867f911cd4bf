"""API v2 serializer fields for the package's models, typed for the v3 OpenAPI document.

API v2 serialises an ``APIField(name, serializer=...)`` with the DRF field.
Wagtail 8's v3 generator reuses the same field and takes its schema type from
the return annotation of ``to_representation`` (``wagtail/api/v3/schemas/
generators/read.py``, ``_custom_serializer_schema``). That hook is an
undocumented detail of a preview API, so this module is the only place that
relies on it: every field below annotates its return type with a model from
``schemas.py``, and ``tests/test_api_v3.py`` fails loudly if the generator
stops reading it. Each field calls one builder of ``representation.py``; none
writes a shape of its own.
"""

from __future__ import annotations

import datetime

from rest_framework.fields import Field

from ..blocks.body import ArticleBodyBlock
from ..blocks.exercise import exercise_items
from ..translated import localize_exercise_picks
from . import locales, schemas
from . import representation as rep
from .v3_request import current_request

ArticleBodySchema = ArticleBodyBlock.api_schema


class _ReadOnlyField(Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class _WholeObjectField(_ReadOnlyField):
    """A field that reads several attributes, so it is bound to the whole object (``source="*"``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)


class RichTextHTMLField(_ReadOnlyField):
    """Rich text as public HTML."""

    def to_representation(self, html) -> str:
        return rep.rich_text(html)


class ArticleBodyField(_WholeObjectField):
    """An article's body: each block with its type, id and resolved value.

    The output is Wagtail's own ``StreamBlock.get_api_representation``; each
    block resolves itself. The context tells the blocks which page they sit on
    and shares one URL builder, and the exercises' progressions and
    regressions are fetched for the whole body at once beforehand.
    """

    def to_representation(self, page) -> ArticleBodySchema:
        localize_exercise_picks(page)
        rep.prefetch_exercise_links([item.get("exercise") for item in exercise_items(page.body)])
        context = {**self.context, "page": page}
        if context.get("request") is None and getattr(page, "runstrength_api_request", None) is not None:
            # API v3 gives its fields no request; its article detail leaves it on the page (``v3_detail.py``),
            # so the blocks find the site, settings and generation where the v2 paths find them.
            context["request"] = page.runstrength_api_request
        context["runstrength_urls"] = rep.urls_in(context)
        return page.body.stream_block.get_api_representation(page.body, context)


class HeroImageField(_WholeObjectField):
    """The hero image with its alt text and renditions."""

    def to_representation(self, page) -> schemas.RunStrengthImage | None:
        return rep.image(page.hero_image, rep.HERO_IMAGE_SIZES, alt=page.hero_alt_text)


class _LocalizedRelationField(_WholeObjectField):
    """Bound to the article, so the related object is read in the article's language (``localize_relations``)."""

    def to_representation(self, page):
        if hasattr(page, "localize_relations"):
            page.localize_relations()
        return getattr(page, self.field_name)


class CategoryField(_LocalizedRelationField):
    """A category, in the article's language."""

    def to_representation(self, page) -> schemas.RunStrengthCategory | None:
        return rep.category(super().to_representation(page))


class ClinicianField(_LocalizedRelationField):
    """A clinician, in the article's language."""

    def to_representation(self, page) -> schemas.RunStrengthClinician | None:
        return rep.clinician(super().to_representation(page))


class ReviewField(_WholeObjectField):
    """The clinical review: state, last and next dates, reviewer.

    The site's review policy comes from the request's settings, read once per
    request; API v3 gives its fields no context, so there the request comes
    from ``v3_request``.
    """

    def to_representation(self, obj) -> schemas.RunStrengthReview:
        request = self.context.get("request") or current_request()
        return rep.review(obj, request)


class ExcerptField(_WholeObjectField):
    """The excerpt, or the start of the introduction."""

    def to_representation(self, page) -> str:
        return page.card_excerpt


class DisplayDateField(_WholeObjectField):
    """The article's date, or the day it was first published."""

    def to_representation(self, page) -> datetime.date | None:
        return rep.display_date(page)


class MuscleListField(_ReadOnlyField):
    """The muscle groups an exercise targets."""

    def to_representation(self, muscles) -> list[schemas.RunStrengthMuscleGroup]:
        return [rep.muscle(group) for group in muscles.all()]


class PrescriptionField(_WholeObjectField):
    """The exercise's default dose."""

    def to_representation(self, exercise) -> schemas.RunStrengthPrescription:
        return rep.prescription(exercise.prescription)


class StepsField(_ReadOnlyField):
    """The exercise's instructions, one step per item."""

    def to_representation(self, steps) -> list[str]:
        return [str(step.value) for step in steps]


class CuesField(_WholeObjectField):
    """Coaching cues, one per item."""

    def to_representation(self, exercise) -> list[str]:
        return exercise.coaching_cue_list


class ExerciseImageField(_WholeObjectField):
    """The exercise's photo with its alt text and renditions."""

    def to_representation(self, exercise) -> schemas.RunStrengthImage | None:
        return rep.image(exercise.image, rep.EXERCISE_IMAGE_SIZES, alt=exercise.alt_text)


class ExerciseLinksField(_ReadOnlyField):
    """Other published exercises: harder ones (progressions) or easier ones (regressions)."""

    def to_representation(self, related) -> list[schemas.RunStrengthExerciseLink]:
        return rep.exercise_links(related)


class ArticlesUsingField(_WholeObjectField):
    """Live, public articles that use the exercise."""

    def to_representation(self, exercise) -> list[schemas.RunStrengthArticleLink]:
        # The exercises endpoints prefetch the articles a reader of the request's
        # site may open into ``visible_articles``; elsewhere fall back to a query.
        articles = getattr(exercise, "visible_articles", None)
        if articles is None:
            articles = exercise.used_in_articlepages.live().public().order_by("-date", "-pk")
        urls = rep.urls_in(self.context)
        return [rep.article_link(page, urls) for page in articles]


class TagNamesField(_ReadOnlyField):
    """Tag names; reads prefetched tags, so a listing costs no query per article."""

    def to_representation(self, tags) -> list[str]:
        return [tag.name for tag in tags.all()]


class ArticleTranslationsField(_WholeObjectField):
    """The article in the site's other languages, where a reader may open it (see ``locales.py``)."""

    def to_representation(self, page) -> list[schemas.RunStrengthTranslation]:
        request = self.context.get("request")
        return locales.article_translations(page, getattr(request, "_request", request), rep.urls_in(self.context))


class ExerciseTranslationsField(_WholeObjectField):
    """The exercise's published translations, linked to their library pages (see ``locales.py``)."""

    def to_representation(self, exercise) -> list[schemas.RunStrengthTranslation]:
        request = self.context.get("request")
        return locales.exercise_translations(exercise, getattr(request, "_request", request))
