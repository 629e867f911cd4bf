"""The exercise library: each exercise is written once and reused by any number of articles."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from ..api.model_fields import exercise_api_fields
from ..delete_guard import DeleteGuardQuerySet
from ..images import EXERCISE_IMAGE_SPECS, PORTRAIT_SPEC, alt_text, image_prefetch, image_renditions_prefetch
from ..localize_fields import override_fields
from ..prescription import (
    MAX_REPS,
    MAX_REST_SECONDS,
    MAX_SECONDS,
    MAX_SETS,
    Prescription,
    prescription_errors,
)
from ..preview import never_stored
from ..validators import NOT_EMBEDDABLE, is_embeddable
from .base import SluggedTranslatableModel
from .review import ReviewedContentMixin


class ExerciseQuerySet(SearchableQuerySetMixin, DeleteGuardQuerySet):
    """Exercise querysets; ``for_cards()`` ones read their relations in each exercise's language.

    A translated exercise may still link to the source language's muscle
    groups, progressions and regressions (wagtail-localize copies
    many-to-many relations as they are). After the prefetch, each batch's
    links are swapped for their translations in bulk (``translated.py``):
    one more query per relation, and only when a link is in another language.
    """

    _runstrength_localized = False

    def _clone(self):
        clone = super()._clone()
        clone._runstrength_localized = self._runstrength_localized
        return clone

    def localized(self):
        """Read the prefetched muscle groups, progressions and regressions in each exercise's locale."""
        clone = self._chain()
        clone._runstrength_localized = True
        return clone

    def _prefetch_related_objects(self):
        super()._prefetch_related_objects()
        if self._runstrength_localized:
            from ..translated import localize_prefetched

            exercises = [row for row in self._result_cache if isinstance(row, ExerciseSnippet)]
            localize_prefetched(exercises, "target_muscles")
            live = type(self)(self.model, using=self._db).live()
            localize_prefetched(exercises, "progressions", "regressions", candidates=live)

    def live(self):
        """Exercises that are published (drafts of new exercises are left out)."""
        return self.filter(live=True)

    def in_locale(self, locale):
        """Exercises written in ``locale`` (a ``Locale`` or its id)."""
        return self.filter(locale_id=getattr(locale, "pk", locale))

    def for_muscle(self, group):
        """Exercises that target ``group`` or any translation of it.

        Matched on the muscle group's ``translation_key``, so a French exercise
        still pointing at the English row is found through the French one.
        A sub-query, so no exercise is listed twice.
        """
        targeting = self.model._default_manager.filter(target_muscles__translation_key=group.translation_key)
        return self.filter(pk__in=targeting.values("pk"))

    def for_difficulty(self, difficulty: str):
        return self.filter(difficulty=difficulty)

    def with_equipment(self, equipment: str):
        return self.filter(equipment=equipment)

    def matching(self, text: str):
        """Published exercises the search backend finds for ``text`` (any word), as a filterable queryset.

        Named apart from ``search()``, which Wagtail's admin listings call and
        which returns search results rather than a queryset.
        """
        found = self.model._default_manager.live().search(text, operator="or")
        return self.filter(pk__in=[exercise.pk for exercise in found])

    def for_cards(self):
        """Everything an exercise card shows, fetched in a fixed number of queries."""
        return (
            self.select_related("locale", "image")
            .prefetch_related(image_renditions_prefetch("image", *EXERCISE_IMAGE_SPECS), "target_muscles")
            .localized()
        )

    def for_public_api(self, site):
        """Published exercises with everything the API shows, in a fixed number of queries, by name.

        ``visible_articles`` holds the live, public articles of ``site`` that use
        each exercise (what ``ArticlesUsingField`` lists); the reviewer comes
        with their photo's renditions (``review``). API v2 and v3 share this.
        """
        from .articles import ArticlePage

        articles = ArticlePage.objects.visible_in(site).newest_first().only("pk", "title", "url_path", "path", "depth")
        return (
            self.live()
            .for_cards()
            .prefetch_related(
                "progressions",
                "regressions",
                models.Prefetch("used_in_articlepages", queryset=articles, to_attr="visible_articles"),
                image_prefetch("reviewer__photo", PORTRAIT_SPEC),
            )
            .select_related("reviewer")
            .order_by("name", "pk")
        )


class ExerciseSnippet(
    ReviewedContentMixin,
    index.Indexed,
    # Workflows (and the locking they need) so an exercise can go through the clinical review task.
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
    SluggedTranslatableModel,
):
    """An exercise in the clinic's library, written once and chosen into any number of articles."""

    class Difficulty(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    class Equipment(models.TextChoices):
        BODYWEIGHT = "bodyweight", _("Bodyweight")
        DUMBBELLS = "dumbbells", _("Dumbbells")
        KETTLEBELL = "kettlebell", _("Kettlebell")
        BARBELL = "barbell", _("Barbell")
        RESISTANCE_BAND = "resistance_band", _("Resistance band")
        STEP_OR_BOX = "step_or_box", _("Step or box")
        BENCH = "bench", _("Bench or chair")
        OTHER = "other", _("Other")

    summary = models.CharField(
        _("summary"),
        max_length=255,
        help_text=_(
            'One line on what the exercise strengthens, shown on cards. For example "Builds calf and quad strength for push-off."'
        ),
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A photo of the exercise. Its description is used as alt text unless you write one below."),
    )
    image_alt = models.CharField(
        _("alt text override"),
        max_length=255,
        blank=True,
        help_text=_(
            "Describe what the photo shows for readers who cannot see it. Leave blank to use the image's own description."
        ),
    )
    target_muscles = ParentalManyToManyField(
        "wagtail_runstrength.MuscleGroup",
        verbose_name=_("target muscles"),
        related_name="exercises",
        blank=True,
        help_text=_("The muscles this exercise mainly works. Readers and the API can filter by them."),
    )
    equipment = models.CharField(
        _("equipment"),
        max_length=20,
        choices=Equipment.choices,
        default=Equipment.BODYWEIGHT,
    )
    difficulty = models.CharField(
        _("difficulty"),
        max_length=20,
        choices=Difficulty.choices,
        default=Difficulty.BEGINNER,
    )
    sets = models.PositiveSmallIntegerField(
        _("sets"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SETS)],
        # format_lazy: "%" would translate the text once, at import, in whatever language is active then.
        help_text=format_lazy(_("Default number of sets, from 1 to {max}."), max=MAX_SETS),
    )
    reps = models.PositiveSmallIntegerField(
        _("reps"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REPS)],
        help_text=_("Repetitions per set. Leave blank for a timed hold."),
    )
    seconds = models.PositiveSmallIntegerField(
        _("seconds"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SECONDS)],
        help_text=_("Seconds per set, for holds. Leave blank when counting reps."),
    )
    per_side = models.BooleanField(
        _("each side"),
        default=False,
        help_text=_("Tick when the reps or seconds are done on each side."),
    )
    rest_seconds = models.PositiveSmallIntegerField(
        _("rest (seconds)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REST_SECONDS)],
        help_text=_("Rest between sets, in seconds."),
    )
    instructions = StreamField(
        [
            (
                "step",
                blocks.TextBlock(
                    label=_("Step"),
                    help_text=_("One step of the movement, in one or two sentences."),
                ),
            )
        ],
        verbose_name=_("instructions"),
        blank=True,
        help_text=_("The movement step by step, in order."),
    )
    coaching_cues = models.TextField(
        _("coaching cues"),
        blank=True,
        help_text=_('Short reminders, one per line, for example "Knee tracks over the second toe".'),
    )
    safety_notes = models.TextField(
        _("safety notes"),
        blank=True,
        help_text=_("When to stop or modify the exercise, and who should ask a clinician first."),
    )
    video_url = models.URLField(
        _("video URL"),
        blank=True,
        help_text=_("Optional YouTube or Vimeo address of a demonstration video."),
    )
    progressions = ParentalManyToManyField(
        "self",
        verbose_name=_("progressions"),
        symmetrical=False,
        related_name="progression_of",
        blank=True,
        help_text=_("Harder exercises to move on to."),
    )
    regressions = ParentalManyToManyField(
        "self",
        verbose_name=_("regressions"),
        symmetrical=False,
        related_name="regression_of",
        blank=True,
        help_text=_("Easier exercises to fall back to."),
    )

    objects = ExerciseQuerySet.as_manager()

    api_fields = exercise_api_fields()

    panels = [
        "name",
        "slug",
        "summary",
        MultiFieldPanel([FieldPanel("image"), "image_alt"], heading=_("Image")),
        FieldPanel("target_muscles"),
        FieldRowPanel(["equipment", "difficulty"]),
        MultiFieldPanel(
            [
                FieldRowPanel(["sets", "reps", "seconds"]),
                FieldRowPanel(["per_side", "rest_seconds"]),
            ],
            heading=_("Default prescription"),
        ),
        "instructions",
        "coaching_cues",
        "safety_notes",
        "video_url",
        FieldPanel("progressions"),
        FieldPanel("regressions"),
        *ReviewedContentMixin.review_panels,
    ]

    override_translatable_fields = override_fields(
        translate=("name", "summary", "image_alt", "instructions", "coaching_cues", "safety_notes"),
        synchronize=("slug", "image", "equipment", "difficulty", "video_url"),
        fixed=("target_muscles", "progressions", "regressions"),
    )

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("summary"),
        index.RelatedFields("target_muscles", [index.SearchField("name")]),
        index.FilterField("difficulty"),
        index.FilterField("equipment"),
        index.FilterField("live"),
        index.FilterField("locale_id"),
    ]

    class Meta(SluggedTranslatableModel.Meta):
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    @property
    def alt_text(self) -> str:
        return alt_text(self.image, self.image_alt)

    # The inspect view's labels for these properties (Django would print the English attribute name).
    alt_text.fget.short_description = _("alt text")

    @property
    def prescription(self) -> Prescription:
        return Prescription(self.sets, self.reps, self.seconds, self.per_side, self.rest_seconds)

    prescription.fget.short_description = _("default prescription")

    @property
    def coaching_cue_list(self) -> list[str]:
        return [line.strip() for line in self.coaching_cues.splitlines() if line.strip()]

    def clean(self) -> None:
        super().clean()
        errors = dict(prescription_errors(self.sets, self.reps, self.seconds))
        if self.image_id and not self.alt_text:
            errors["image_alt"] = _(
                "This image has no description to use as alt text. Write alt text here, or add a description to the image."
            )
        if self.video_url and not is_embeddable(self.video_url):
            errors["video_url"] = NOT_EMBEDDABLE
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.link_relations_in_own_locale()
        return super().save(*args, **kwargs)

    def link_relations_in_own_locale(self) -> None:
        """Point newly set muscle groups, progressions and regressions at this exercise's locale's rows.

        ``copy_for_translation`` and wagtail-localize's sync set a translation's
        many-to-many links to the source's rows; where those have a translation
        in this exercise's locale (a published one, for exercises) the link is
        saved to it, so reading it later costs no extra query. Links to rows not
        translated yet are kept and read in this locale when a translation
        appears (``translated.py``). Only relations set in memory are looked at:
        a save that does not touch them runs no query.
        """
        pending = getattr(self, "_cluster_related_objects", {})
        if not self.locale_id or not any(
            pending.get(name) for name in ("target_muscles", "progressions", "regressions")
        ):
            return
        from ..translated import localize_list, translations_for
        from .taxonomy import MuscleGroup

        own = {
            "target_muscles": MuscleGroup.objects.filter(locale_id=self.locale_id),
            "progressions": type(self).objects.live().filter(locale_id=self.locale_id),
            "regressions": type(self).objects.live().filter(locale_id=self.locale_id),
        }
        for name, candidates in own.items():
            linked = list(pending.get(name) or [])
            found = translations_for(linked, self.locale_id, candidates)
            if found:
                setattr(self, name, localize_list(linked, self.locale_id, found))

    def get_preview_template(self, request, mode_name):
        return "wagtail_runstrength/previews/exercise_card.html"

    def serve_preview(self, request, mode_name):
        return never_stored(super().serve_preview(request, mode_name))
