"""Admin viewsets for the exercise library and its vocabularies, grouped under one "Run strength" menu.

The exercise listing shows a thumbnail, the target muscles, the level and how
many pages use each exercise; it filters by muscle, difficulty and equipment,
searches name, summary and muscle names, and exports to CSV and XLSX. The
exercise chooser (used by the exercise blocks) shows the same thumbnails and
filters by muscle and difficulty.

Search uses the database (``icontains``) rather than the search backend: it
matches parts of words and follows the muscle relation, which the backend's
autocomplete (name only) does not.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UsageCountColumn
from wagtail.admin.views.generic.models import InspectView
from wagtail.models import ReferenceIndex, Revision
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from .admin_deletion import GuardedDeleteView
from .images import image_prefetch
from .models import ArticleCategory, Clinician, ExerciseSnippet, MuscleGroup

ADMIN_THUMBNAIL_SPEC = "fill-80x60-c50"


# Columns shared by the listing and the chooser


def exercise_thumbnail(exercise: ExerciseSnippet) -> str:
    """A small photo for admin tables; decorative, as the exercise name sits next to it."""
    if not exercise.image:
        return ""
    rendition = exercise.image.get_rendition(ADMIN_THUMBNAIL_SPEC)
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" loading="lazy" decoding="async" class="runstrength-thumbnail">',
        rendition.url,
        rendition.width,
        rendition.height,
    )


def names_of(related_manager) -> str:
    return ", ".join(str(item) for item in related_manager.all())


def muscle_names(exercise: ExerciseSnippet) -> str:
    return names_of(exercise.target_muscles)


def thumbnail_column() -> Column:
    return Column("thumbnail", label=_("Photo"), accessor=exercise_thumbnail, width="96px")


def muscles_column() -> Column:
    return Column("target_muscles", label=_("Target muscles"), accessor=muscle_names)


def exercises_for_tables(queryset: QuerySet) -> QuerySet:
    """Thumbnails, muscles and workflow states for a page of exercises in a fixed number of queries.

    The status column asks each exercise whether a workflow (the clinical review) is in
    progress; ``WorkflowMixin.workflow_in_progress`` reads ``_current_workflow_states`` when
    it is there, as Wagtail's ``PageQuerySet.prefetch_workflow_states`` sets it for pages.
    """
    from wagtail.models import WorkflowState

    states = WorkflowState.objects.active().select_related("current_task_state__task")
    return queryset.prefetch_related(
        image_prefetch("image", ADMIN_THUMBNAIL_SPEC),
        "target_muscles",
        Prefetch("_workflow_states", queryset=states, to_attr="_current_workflow_states"),
    )


def prefetch_scheduled_revisions(exercises) -> None:
    """Load the scheduled revisions the status tags read, for a page of exercises, in one query.

    ``DraftStateMixin.status_string`` reads ``scheduled_revision`` (a cached
    property that queries on first use), which would cost a query per row.
    """
    exercises = [exercise for exercise in exercises if "scheduled_revision" not in exercise.__dict__]
    if not exercises:
        return
    scheduled = {}
    for revision in Revision.objects.filter(
        base_content_type=ExerciseSnippet.get_base_content_type(),
        object_id__in=[str(exercise.pk) for exercise in exercises],
        approved_go_live_at__isnull=False,
    ).order_by("pk"):
        scheduled.setdefault(revision.object_id, revision)
    for exercise in exercises:
        exercise.scheduled_revision = scheduled.get(str(exercise.pk))


class UsageColumn(UsageCountColumn):
    """A "Used N times" link to the usage view: the pages and snippets that refer to the object."""

    def __init__(self, usage_url_name: str, **kwargs):
        kwargs.setdefault("label", _("Usage"))
        kwargs.setdefault("sort_key", "usage_count")
        super().__init__("usage_count", **kwargs)
        self.usage_url_name = usage_url_name

    def get_cell_context_data(self, instance, parent_context):
        # Wagtail's cell template links to ``instance.usage_url``.
        instance.usage_url = reverse(self.usage_url_name, args=(quote(instance.pk),))
        return super().get_cell_context_data(instance, parent_context)


class LibraryIndexView(IndexView):
    """A listing that counts each row's usages in the same query and never lists a row twice when searching."""

    count_usage = True

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.count_usage:
            queryset = queryset.annotate(usage_count=ReferenceIndex.usage_count_subquery(self.model))
        return queryset

    def search_queryset(self, queryset):
        queryset = super().search_queryset(queryset)
        # Searching through a many-to-many relation (muscle names) joins one row per match.
        return queryset.distinct() if self.is_searching else queryset


# Exercises


class ExerciseFilterSet(WagtailFilterSet):
    target_muscles = django_filters.ModelMultipleChoiceFilter(
        label=_("Target muscles"),
        queryset=MuscleGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    difficulty = django_filters.ChoiceFilter(
        label=_("Difficulty"),
        choices=ExerciseSnippet.Difficulty.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    equipment = django_filters.ChoiceFilter(
        label=_("Equipment"),
        choices=ExerciseSnippet.Equipment.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ExerciseSnippet
        fields = ["target_muscles", "difficulty", "equipment"]


class ExerciseIndexView(LibraryIndexView):
    def get_base_queryset(self):
        return exercises_for_tables(super().get_base_queryset())

    def get_table(self, object_list):
        prefetch_scheduled_revisions(object_list)
        return super().get_table(object_list)

    # The spreadsheet cell for the muscles: their names, not the related manager.
    custom_field_preprocess = {
        "target_muscles": {
            IndexView.FORMAT_CSV: names_of,
            IndexView.FORMAT_XLSX: names_of,
        },
    }


class ExerciseInspectView(InspectView):
    def get_image_display_value(self):
        return exercise_thumbnail(self.object) or "-"

    def get_instructions_display_value(self):
        steps = [str(step.value) for step in self.object.instructions]
        if not steps:
            return "-"
        return format_html("<ol>{}</ol>", format_html_join("", "<li>{}</li>", ((step,) for step in steps)))


class ExerciseChooserFilterForm(BaseFilterForm):
    """Search by name, summary or muscle, and narrow by target muscle and difficulty."""

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Search exercises")}),
    )
    muscle = forms.ModelChoiceField(
        label=_("Target muscle"),
        queryset=MuscleGroup.objects.all(),
        required=False,
        empty_label=_("All muscles"),
        widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )
    difficulty = forms.ChoiceField(
        label=_("Difficulty"),
        choices=[("", _("All levels")), *ExerciseSnippet.Difficulty.choices],
        required=False,
        widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        if muscle := self.cleaned_data.get("muscle"):
            objects = objects.filter(target_muscles=muscle)
        if difficulty := self.cleaned_data.get("difficulty"):
            objects = objects.filter(difficulty=difficulty)
        if query := self.cleaned_data.get("q"):
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(
                Q(name__icontains=query) | Q(summary__icontains=query) | Q(target_muscles__name__icontains=query)
            )
        return objects.distinct()


class ExerciseChooserMixin:
    filter_form_class = ExerciseChooserFilterForm

    def get_object_list(self):
        return exercises_for_tables(super().get_object_list())

    def get_results_page(self, request):
        page = super().get_results_page(request)
        prefetch_scheduled_revisions(page.object_list)
        return page

    @property
    def columns(self):
        title, *rest = super().columns
        return [thumbnail_column(), title, muscles_column(), *rest]


class ExerciseChooseView(ExerciseChooserMixin, ChooseView):
    pass


class ExerciseChooseResultsView(ExerciseChooserMixin, ChooseResultsView):
    pass


class ExerciseChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ExerciseChooseView
    choose_results_view_class = ExerciseChooseResultsView


class ExerciseViewSet(SnippetViewSet):
    model = ExerciseSnippet
    icon = "pick"
    menu_label = _("Exercises")
    index_view_class = ExerciseIndexView
    inspect_view_class = ExerciseInspectView
    delete_view_class = GuardedDeleteView
    chooser_viewset_class = ExerciseChooserViewSet
    chooser_per_page = 12
    list_per_page = 25
    ordering = ["name"]
    filterset_class = ExerciseFilterSet
    search_backend_name = None
    search_fields = ["name", "summary", "target_muscles__name"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "summary",
        "image",
        "alt_text",
        "target_muscles",
        "equipment",
        "difficulty",
        "prescription",
        "instructions",
        "coaching_cues",
        "safety_notes",
        "video_url",
        "progressions",
        "regressions",
    ]
    list_export = [
        "name",
        "slug",
        "summary",
        "target_muscles",
        "get_difficulty_display",
        "get_equipment_display",
        "sets",
        "reps",
        "seconds",
        "per_side",
        "rest_seconds",
        "video_url",
        "live",
        "usage_count",
    ]
    export_headings = {
        "get_difficulty_display": _("Difficulty"),
        "get_equipment_display": _("Equipment"),
        "live": _("Published"),
        "usage_count": _("Usage count"),
    }
    export_filename = "exercises"

    @property
    def list_display(self):
        return [
            # The untitled label for an empty draft, where "name" would show "(blank)".
            "listing_name",
            thumbnail_column(),
            muscles_column(),
            "difficulty",
            "equipment",
            UsageColumn(self.get_url_name("usage")),
            LiveStatusTagColumn(),
        ]


# Vocabularies and people


class MuscleGroupIndexView(LibraryIndexView):
    count_usage = False  # exercises refer to muscle groups; the listing counts them directly

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(exercise_count=Count("exercises", distinct=True))


class MuscleGroupViewSet(SnippetViewSet):
    delete_view_class = GuardedDeleteView
    model = MuscleGroup
    icon = "radio-full"
    menu_label = _("Muscle groups")
    index_view_class = MuscleGroupIndexView
    ordering = ["name"]
    list_filter = ["region"]
    search_backend_name = None
    search_fields = ["name", "slug"]
    inspect_view_enabled = True
    list_export = ["name", "slug", "get_region_display", "exercise_count"]
    export_headings = {"get_region_display": _("Body region"), "exercise_count": _("Exercises")}
    export_filename = "muscle-groups"

    @property
    def list_display(self):
        return [
            "name",
            "region",
            Column("exercise_count", label=_("Exercises"), sort_key="exercise_count"),
            "slug",
        ]


class ArticleCategoryViewSet(SnippetViewSet):
    delete_view_class = GuardedDeleteView
    model = ArticleCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    index_view_class = LibraryIndexView
    ordering = ["name"]
    search_backend_name = None
    search_fields = ["name", "slug", "description"]
    inspect_view_enabled = True
    list_export = ["name", "slug", "description", "usage_count"]
    export_headings = {"usage_count": _("Usage count")}
    export_filename = "article-categories"

    @property
    def list_display(self):
        return ["name", "slug", UsageColumn(self.get_url_name("usage"))]


class ClinicianViewSet(SnippetViewSet):
    delete_view_class = GuardedDeleteView
    model = Clinician
    icon = "user"
    menu_label = _("Clinicians")
    index_view_class = LibraryIndexView
    ordering = ["name"]
    search_backend_name = None
    search_fields = ["name", "credentials", "role"]
    inspect_view_enabled = True
    list_export = ["name", "credentials", "role", "registration_number", "profile_url", "usage_count"]
    export_headings = {"usage_count": _("Usage count")}
    export_filename = "clinicians"

    @property
    def list_display(self):
        return ["name", "credentials", "role", UsageColumn(self.get_url_name("usage"))]


class RunStrengthViewSetGroup(SnippetViewSetGroup):
    """The "Run strength" menu: the exercise library and the vocabularies articles are filed under."""

    items = (
        ExerciseViewSet,
        MuscleGroupViewSet,
        ArticleCategoryViewSet,
        ClinicianViewSet,
    )
    menu_icon = "pick"
    menu_label = _("Run strength")
    menu_name = "runstrength"


class RunStrengthSnippetsWithoutMenu(RunStrengthViewSetGroup):
    """The same snippets with no menu item of their own, for hosts whose menu comes from elsewhere.

    The snippets stay registered, so the exercise blocks' choosers, the usage
    views and the permissions keep working. ``menu_item_is_registered`` tells
    Wagtail that another menu lists them, so they stay out of the "Snippets" menu.
    """

    add_to_admin_menu = False
    menu_item_is_registered = True
