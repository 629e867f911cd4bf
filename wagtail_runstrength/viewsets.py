"""Admin viewsets for the exercise library and its vocabularies, grouped under one menu."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ArticleCategory, Clinician, ExerciseSnippet, MuscleGroup


class ExerciseViewSet(SnippetViewSet):
    model = ExerciseSnippet
    icon = "pick"
    menu_label = _("Exercises")
    list_display = ["name", "difficulty", "equipment", "live"]
    list_filter = ["difficulty", "equipment", "target_muscles"]
    ordering = ["name"]


class MuscleGroupViewSet(SnippetViewSet):
    model = MuscleGroup
    icon = "radio-full"
    menu_label = _("Muscle groups")
    list_display = ["name", "region", "slug"]
    list_filter = ["region"]


class ArticleCategoryViewSet(SnippetViewSet):
    model = ArticleCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name", "slug"]


class ClinicianViewSet(SnippetViewSet):
    model = Clinician
    icon = "user"
    menu_label = _("Clinicians")
    list_display = ["name", "credentials", "role"]


class RunStrengthViewSetGroup(SnippetViewSetGroup):
    items = (
        ExerciseViewSet,
        MuscleGroupViewSet,
        ArticleCategoryViewSet,
        ClinicianViewSet,
    )
    menu_icon = "pick"
    menu_label = _("Run strength")
    menu_name = "runstrength"
