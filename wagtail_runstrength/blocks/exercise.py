"""Exercise cards: one exercise from the library, or a group of them, with an optional per-article dose."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from ..api import representation as rep
from ..api import schemas
from ..prescription import (
    MAX_REPS,
    MAX_REST_SECONDS,
    MAX_SECONDS,
    MAX_SETS,
    Prescription,
    prescription_errors,
)
from .pooling import PooledChooserMixin


class ExerciseChooserBlock(PooledChooserMixin, SnippetChooserBlock):
    """Chooses an exercise; loads every chosen exercise with its image, renditions and muscles in bulk.

    In an article body the bulk is the whole body (``blocks/pooling.py``):
    single cards and groups share one load.
    """

    def __init__(self, **kwargs):
        super().__init__("wagtail_runstrength.ExerciseSnippet", **kwargs)

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return path, (), kwargs

    def load_for_pool(self, ids):
        found = self.target_model.objects.filter(pk__in=ids).for_cards().in_bulk()
        # Each exercise knows its batch: the API fetches the batch's progressions and
        # regressions together the first time one of them is serialised.
        batch = list(found.values())
        for exercise in batch:
            exercise.runstrength_batch = batch
        return found

    def bulk_to_python(self, values):
        return self.pooled_objects(values)

    api_schema = schemas.RunStrengthExercise | None

    def get_api_representation(self, value, context=None):
        """The whole exercise, or ``None`` when it was deleted or unpublished (never a bare id)."""
        return rep.exercise(value) if value is not None and value.live else None

    def get_searchable_content(self, value):
        # The exercise's name and summary are visible on the card, so they count
        # towards read time and make the article findable by exercise. An
        # unpublished exercise's card is left out, and so is its text.
        if value is None or not value.live:
            return []
        return [value.name, value.summary]


def _preview_exercises(limit: int) -> list:
    """Up to ``limit`` published exercises from the library, for block previews; empty on a new site."""
    from ..models import ExerciseSnippet

    return list(ExerciseSnippet.objects.live().for_cards()[:limit])


def _exercise_preview_value() -> dict:
    exercises = _preview_exercises(1)
    return {
        "exercise": exercises[0] if exercises else None,
        "note": gettext("Keep the knee over the second toe as you rise."),
    }


def _exercise_group_preview_value() -> dict:
    return {
        "heading": gettext("Key exercises"),
        "exercises": [{"exercise": exercise} for exercise in _preview_exercises(3)],
    }


class ExerciseValue(blocks.StructValue):
    @property
    def prescription(self) -> Prescription:
        """The article's dose when the editor set one, otherwise the exercise's default."""
        override = Prescription(
            self.get("sets"),
            self.get("reps"),
            self.get("seconds"),
            self.get("per_side"),
            self.get("rest_seconds"),
        )
        if override:
            return override
        exercise = self.get("exercise")
        return exercise.prescription if exercise is not None else Prescription()

    @property
    def is_visible(self) -> bool:
        """False when the exercise was deleted or unpublished: the card is then left out."""
        exercise = self.get("exercise")
        return exercise is not None and exercise.live


def exercise_library_url(context: dict) -> str:
    """Where exercise names link to: the template's ``exercise_library_url``, else the page's library.

    An article's context brings the address; on any other page type (a host's
    landing page) the live library of the page's site and language is looked
    up, once per request and page.
    """
    if "exercise_library_url" in context:
        return context["exercise_library_url"]
    page, request = context.get("page"), context.get("request")
    if page is None or not getattr(page, "pk", None):
        return ""
    known = getattr(request, "_runstrength_library_urls", None)
    if known is not None and page.pk in known:
        return known[page.pk]
    from ..models.articles import exercise_libraries_for

    library = exercise_libraries_for(page, request).first()
    url = (library.get_url(request) or "") if library is not None else ""
    if request is not None:
        request._runstrength_library_urls = {**(known or {}), page.pk: url}
    return url


def localize_picks(context: dict | None) -> None:
    """Show the exercises of the page's language on its cards (``translated.localize_exercise_picks``).

    Runs for the whole page the first time one of its cards renders, so the
    cards cost no query each.
    """
    page = (context or {}).get("page")
    if page is not None and getattr(page, "pk", None):
        from ..translated import localize_exercise_picks

        localize_exercise_picks(page)


def _bounded_integer(label, maximum, help_text, minimum=1):
    return blocks.IntegerBlock(
        label=label,
        required=False,
        min_value=minimum,
        max_value=maximum,
        help_text=help_text,
    )


class ExerciseBlock(blocks.StructBlock):
    exercise = ExerciseChooserBlock(label=_("Exercise"), help_text=_("Choose an exercise from the library."))
    note = blocks.TextBlock(
        label=_("Note for this article"),
        required=False,
        default="",
        help_text=_("Optional: why this exercise matters here, or how to adapt it."),
    )
    sets = _bounded_integer(_("Sets"), MAX_SETS, _("Leave the dose blank to use the exercise's default."))
    reps = _bounded_integer(_("Reps"), MAX_REPS, _("Repetitions per set."))
    seconds = _bounded_integer(_("Seconds"), MAX_SECONDS, _("Seconds per set, for holds (instead of reps)."))
    per_side = blocks.BooleanBlock(label=_("Each side"), required=False)
    rest_seconds = _bounded_integer(_("Rest (seconds)"), MAX_REST_SECONDS, _("Rest between sets."))

    class Meta:
        icon = "pick"
        label = _("Exercise")
        template = "wagtail_runstrength/blocks/exercise.html"
        value_class = ExerciseValue
        form_classname = "struct-block runstrength-exercise-block"
        description = _("An exercise card from the library, with an optional note and dose for this article.")
        help_text = _(
            "Choose an exercise from the library. Leave the dose blank to use the exercise's default "
            "prescription; give reps or seconds, not both."
        )
        preview_value = staticmethod(_exercise_preview_value)
        preview_template = "wagtail_runstrength/previews/exercise.html"

    api_schema = schemas.RunStrengthExerciseBlockValue | None

    def get_api_representation(self, value, context=None):
        """The card's data; ``None`` when its exercise was deleted or unpublished, as the HTML shows no card.

        The note and dose belong to that card, so they go with it: an
        unpublished exercise's note may well describe it.
        """
        # On any page type, as on an article: the exercise in the page's language (translated.py).
        localize_picks(context)
        if not value.is_visible:
            return None
        return {
            "exercise": self.child_blocks["exercise"].get_api_representation(value.get("exercise"), context),
            "note": value.get("note") or "",
            "prescription": rep.prescription(value.prescription),
        }

    def get_context(self, value, parent_context=None):
        localize_picks(parent_context)
        context = super().get_context(value, parent_context)
        context["exercise_library_url"] = exercise_library_url(context)
        return context

    def clean(self, value):
        value = super().clean(value)
        errors = prescription_errors(value.get("sets"), value.get("reps"), value.get("seconds"))
        if errors:
            raise StructBlockValidationError(
                block_errors={name: ValidationError(message) for name, message in errors.items()}
            )
        return value


class ExerciseGroupBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        default="",
        max_length=255,
        help_text=_('For example "Key exercises".'),
    )
    intro = blocks.TextBlock(label=_("Introduction"), required=False, default="")
    exercises = blocks.ListBlock(ExerciseBlock(), min_num=1, label=_("Exercises"))

    class Meta:
        icon = "table"
        label = _("Exercise group")
        template = "wagtail_runstrength/blocks/exercise_group.html"
        label_format = "{heading}"
        description = _("A grid of exercise cards under one heading, such as a routine.")
        help_text = _("A routine of exercises from the library, shown as cards. Each exercise can appear only once.")
        preview_value = staticmethod(_exercise_group_preview_value)
        preview_template = "wagtail_runstrength/previews/exercise_group.html"

    api_schema = schemas.RunStrengthExerciseGroupValue

    def get_context(self, value, parent_context=None):
        localize_picks(parent_context)
        context = super().get_context(value, parent_context)
        context["exercise_library_url"] = exercise_library_url(context)
        return context

    def get_api_representation(self, value, context=None):
        """The group's visible exercises only: a deleted or unpublished one leaves no gap."""
        item_block = self.child_blocks["exercises"].child_block
        return {
            "heading": value.get("heading") or "",
            "intro": value.get("intro") or "",
            "exercises": [
                item_block.get_api_representation(item, context) for item in value["exercises"] if item.is_visible
            ],
        }

    def clean(self, value):
        value = super().clean(value)
        seen, errors = set(), {}
        for index, item in enumerate(value["exercises"]):
            exercise = item.get("exercise")
            if exercise is None:
                continue
            if exercise.pk in seen:
                errors[index] = ValidationError(_("%(name)s is already in this group.") % {"name": exercise.name})
            seen.add(exercise.pk)
        if errors:
            raise StructBlockValidationError(block_errors={"exercises": ListBlockValidationError(block_errors=errors)})
        return value


def exercise_items(body) -> Iterator[ExerciseValue]:
    """Every exercise card of an article body, in reading order: single exercises and each one in a group.

    One walk shared by the read-time bookkeeping, the JSON-LD and the API, so
    a new block that holds exercises needs adding here only.
    """
    for block in body:
        if block.block_type == "exercise":
            yield block.value
        elif block.block_type == "exercise_group":
            yield from block.value["exercises"]
