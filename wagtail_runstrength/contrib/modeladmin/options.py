"""``ModelAdmin`` classes for the exercise library, grouped under one "Run strength" menu."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.models import ReferenceIndex
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup

from ...models import ArticleCategory, Clinician, ExerciseSnippet, MuscleGroup
from ...viewsets import exercise_thumbnail, exercises_for_tables, muscle_names
from .views import GuardedDeleteView


class LibraryModelAdmin(ModelAdmin):
    """Lists count each row's usages (pages and snippets referring to it) in the same query."""

    inspect_view_enabled = True
    list_per_page = 25
    delete_view_class = GuardedDeleteView

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(usage_count=ReferenceIndex.usage_count_subquery(self.model))

    def usage(self, obj) -> int:
        return obj.usage_count

    usage.short_description = _("Usage")
    usage.admin_order_field = "usage_count"


class ExerciseAdmin(LibraryModelAdmin):
    model = ExerciseSnippet
    menu_label = _("Exercises")
    menu_icon = "pick"
    list_display = ("listing_name", "photo", "muscles", "difficulty", "equipment", "usage", "live")
    list_filter = ("target_muscles", "difficulty", "equipment")
    search_fields = ("name", "summary", "target_muscles__name")
    ordering = ("name",)
    list_export = ("name", "slug", "summary", "muscles", "difficulty", "equipment", "live", "usage")
    export_filename = "exercises"
    inspect_view_fields = [
        "name",
        "summary",
        "image",
        "target_muscles",
        "equipment",
        "difficulty",
        "sets",
        "reps",
        "seconds",
        "per_side",
        "rest_seconds",
        "coaching_cues",
        "safety_notes",
        "video_url",
    ]

    def get_queryset(self, request):
        return exercises_for_tables(super().get_queryset(request))

    def photo(self, obj) -> str:
        return exercise_thumbnail(obj)

    photo.short_description = _("Photo")

    def muscles(self, obj) -> str:
        return muscle_names(obj)

    muscles.short_description = _("Target muscles")


class MuscleGroupAdmin(LibraryModelAdmin):
    model = MuscleGroup
    menu_label = _("Muscle groups")
    menu_icon = "radio-full"
    list_display = ("name", "region", "exercise_count", "slug")
    list_filter = ("region",)
    search_fields = ("name", "slug")
    ordering = ("name",)
    list_export = ("name", "slug", "region", "exercise_count")
    export_filename = "muscle-groups"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(exercises_count=Count("exercises", distinct=True))

    def exercise_count(self, obj) -> int:
        return obj.exercises_count

    exercise_count.short_description = _("Exercises")
    exercise_count.admin_order_field = "exercises_count"


class ArticleCategoryAdmin(LibraryModelAdmin):
    model = ArticleCategory
    menu_label = _("Categories")
    menu_icon = "folder-open-inverse"
    list_display = ("name", "slug", "usage")
    search_fields = ("name", "slug", "description")
    ordering = ("name",)
    list_export = ("name", "slug", "description", "usage")
    export_filename = "article-categories"


class ClinicianAdmin(LibraryModelAdmin):
    model = Clinician
    menu_label = _("Clinicians")
    menu_icon = "user"
    list_display = ("name", "credentials", "role", "usage")
    search_fields = ("name", "credentials", "role")
    ordering = ("name",)
    list_export = ("name", "credentials", "role", "registration_number", "profile_url", "usage")
    export_filename = "clinicians"


class RunStrengthAdminGroup(ModelAdminGroup):
    menu_label = _("Run strength")
    menu_icon = "pick"
    menu_item_name = "runstrength"
    items = (ExerciseAdmin, MuscleGroupAdmin, ArticleCategoryAdmin, ClinicianAdmin)
