"""The exercise library for readers: a page listing the clinic's exercises, with one page per exercise.

``ExerciseLibraryPageMixin`` holds the fields and routes; ``ExerciseLibraryPage``
combines it with the site's base page model, loaded through swapper, as the
article pages do. The list is filterable by muscle group, equipment and
difficulty through GET parameters; ``<library>/<exercise slug>/`` shows one
exercise with its instructions, cues, safety notes, video, progressions,
regressions and the articles that use it.
"""

from __future__ import annotations

import swapper
from django.apps import apps
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page  # noqa: F401  (sets swapper's "WAGTAIL_" prefix before load_model)
from wagtail.search import index

from .. import fragment_cache
from ..http_caching import HTTPCachingPageMixin
from ..listing import page_number
from ..preview import never_stored
from ..public_urls import join, public_url
from .exercises import ExerciseSnippet
from .taxonomy import MuscleGroup

BasePage = swapper.load_model("wagtailcore", "Page", require_ready=False)

INTRO_FEATURES = ["bold", "italic", "link"]
# Long enough for any real slug or choice value; longer input is cut in messages.
MAX_FILTER_ECHO = 40


class ExerciseLibraryPageMixin(HTTPCachingPageMixin, RoutablePageMixin, models.Model):
    """The clinic's exercises for readers to browse and filter, with a page for each exercise."""

    intro = RichTextField(
        _("introduction"),
        features=INTRO_FEATURES,
        blank=True,
        help_text=_("A few sentences above the list, for example on how to use the exercises safely."),
    )

    # The article model whose pages are listed under "Used in these articles".
    article_model_name = "wagtail_runstrength.ArticlePage"
    exercises_per_page = 24
    exercise_template = "wagtail_runstrength/exercise_page.html"

    library_content_panels = ["intro"]
    library_search_fields = [index.SearchField("intro")]

    class Meta:
        abstract = True

    def serve_preview(self, request, mode_name):
        return never_stored(super().serve_preview(request, mode_name))

    # Querysets

    def get_exercises(self):
        """Published exercises in this page's language, with what a card shows."""
        return ExerciseSnippet.objects.live().in_locale(self.locale_id).for_cards()

    def get_muscle_groups(self):
        """Muscle groups in this page's language that at least one listed exercise targets, by body region.

        Matched on ``translation_key``: a translated exercise may still link to
        the source language's muscle group, and its French reader filters by the
        French one.
        """
        targeted = MuscleGroup.objects.filter(exercises__live=True, exercises__locale_id=self.locale_id).values(
            "translation_key"
        )
        return MuscleGroup.objects.filter(locale_id=self.locale_id, translation_key__in=targeted).order_by(
            "region", "name"
        )

    def filtered_exercises(self, request):
        """The exercises matching the reader's filters, the filters applied and notes on any ignored.

        A value that matches nothing we know (a mistyped or outdated link) is
        left out with a note, so the reader still sees a list rather than an error.
        """
        exercises = self.get_exercises()
        applied, notes = {}, []

        muscle = request.GET.get("muscle", "").strip()
        if muscle:
            group = MuscleGroup.for_slug(muscle, self.locale_id)
            if group is None:
                notes.append(_unknown(_("muscle group"), muscle))
            else:
                exercises = exercises.for_muscle(group)
                applied["muscle"] = group

        for name, choices, verb in (
            ("equipment", ExerciseSnippet.Equipment, "with_equipment"),
            ("difficulty", ExerciseSnippet.Difficulty, "for_difficulty"),
        ):
            value = request.GET.get(name, "").strip()
            if not value:
                continue
            if value not in choices.values:
                notes.append(_unknown(ExerciseSnippet._meta.get_field(name).verbose_name, value))
                continue
            exercises = getattr(exercises, verb)(value)
            applied[name] = choices(value)

        return exercises.distinct(), applied, notes

    # Rendering

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        exercises, applied, notes = self.filtered_exercises(request)
        paginator = Paginator(exercises, self.exercises_per_page)
        filter_query = urlencode(
            {name: value.slug if name == "muscle" else value.value for name, value in applied.items()}
        )
        number = page_number(request, paginator, [self.pk, filter_query])
        context.update(
            # Lazy: read inside the cached document, so a cache hit runs no listing query.
            exercises=SimpleLazyObject(lambda: paginator.page(number)),
            paginator=paginator,
            applied_filters=applied,
            filter_notes=notes,
            filter_query=filter_query,
            # Checked values only; a note quotes what the reader typed, so that answer is not cached at all.
            listing_key=fragment_cache.DO_NOT_CACHE if notes else f"{number}|{filter_query}",
            muscle_groups=self.get_muscle_groups(),
            equipment_choices=ExerciseSnippet.Equipment.choices,
            difficulty_choices=ExerciseSnippet.Difficulty.choices,
            exercise_library_url=self.get_url(request),
        )
        return context

    @path("<str:slug>/", name="exercise")
    def exercise_view(self, request, slug):
        """One exercise: its card details in full, its video and the articles that use it."""
        # Progressions and regressions of any language: a translated exercise may still link to
        # the source's, which are read as their translations in this library's language below.
        exercise = self.get_exercises().filter(slug=slug).prefetch_related("progressions", "regressions").first()
        if exercise is None:
            raise Http404(_("No such exercise in this library."))
        for relation in ("progressions", "regressions"):
            # Only exercises with a page in this library are linked (one in another language would be a 404).
            shown = [other for other in getattr(exercise, relation).all() if other.live]
            setattr(exercise, f"live_{relation}", [other for other in shown if other.locale_id == self.locale_id])
        return TemplateResponse(request, self.exercise_template, self.get_exercise_context(request, exercise))

    def get_exercise_context(self, request, exercise) -> dict:
        context = super().get_context(request)  # the page's own context, not the listing
        context.update(
            exercise=exercise,
            articles=SimpleLazyObject(lambda: self.articles_using(exercise)),
            exercise_library_url=self.get_url(request),
            canonical_url=self.exercise_url(exercise, request),
        )
        return context

    def articles_using(self, exercise):
        """Live, public articles of this site and language that show ``exercise``, newest first."""
        article_model = apps.get_model(self.article_model_name)
        # By ``translation_key``: an article translated before its exercises may still use the source's.
        return list(
            article_model.objects.visible_in(self.get_site(), self.locale)
            .filter(
                pk__in=article_model.objects.filter(exercises__translation_key=exercise.translation_key).values("pk")
            )
            .newest_first()
            .for_cards()
        )

    # Addresses

    def exercise_url(self, exercise, request=None) -> str:
        """The public address of ``exercise``'s page in this library."""
        return public_url(self, request, self.reverse_subpage("exercise", kwargs={"slug": exercise.slug}))

    def get_sitemap_urls(self, request=None):
        """The library itself, then one entry for each published exercise in its language."""
        base = public_url(self, request)
        entries = [{"location": base, "lastmod": self.last_published_at}]
        for slug, published in (
            ExerciseSnippet.objects.live()
            .filter(locale_id=self.locale_id)
            .order_by("name")
            .values_list("slug", "last_published_at")
        ):
            entries.append(
                {"location": join(base, self.reverse_subpage("exercise", kwargs={"slug": slug})), "lastmod": published}
            )
        return entries


def _unknown(what, value: str) -> str:
    return _("We have no %(what)s called “%(value)s”, so that filter was left out.") % {
        "what": what,
        "value": Truncator(value).chars(MAX_FILTER_ECHO),
    }


class ExerciseLibraryPage(ExerciseLibraryPageMixin, BasePage):  # noqa: DJ008 (Page defines __str__)
    """A page listing the clinic's exercises for readers, with a page for each exercise under it."""

    content_panels = BasePage.content_panels + ExerciseLibraryPageMixin.library_content_panels
    search_fields = BasePage.search_fields + ExerciseLibraryPageMixin.library_search_fields

    # Exercises are served under the library by its own routes, so it takes no child pages.
    subpage_types = []
    template = "wagtail_runstrength/exercise_library_page.html"

    class Meta:
        verbose_name = _("exercise library page")
        verbose_name_plural = _("exercise library pages")
