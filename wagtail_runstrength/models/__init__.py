"""The package's public models (design section 2). Import them from here."""

from .articles import (
    ArticleIndexPage,
    ArticleIndexPageMixin,
    ArticlePage,
    ArticlePageMixin,
    ArticlePageTag,
)
from .exercises import ExerciseSnippet
from .fragment_generation import FragmentGeneration
from .library import ExerciseLibraryPage, ExerciseLibraryPageMixin
from .people import Clinician
from .querysets import ArticlePageManager, ArticlePageQuerySet
from .review import ClinicalReview, ClinicalReviewTask, ReviewReminder
from .settings import RunStrengthSettings
from .taxonomy import ArticleCategory, MuscleGroup
from .webhook_delivery import WebhookDelivery

__all__ = [
    "ArticleCategory",
    "ArticleIndexPage",
    "ArticleIndexPageMixin",
    "ArticlePage",
    "ArticlePageManager",
    "ArticlePageMixin",
    "ArticlePageQuerySet",
    "ArticlePageTag",
    "ClinicalReview",
    "ClinicalReviewTask",
    "Clinician",
    "ExerciseLibraryPage",
    "ExerciseLibraryPageMixin",
    "ExerciseSnippet",
    "FragmentGeneration",
    "MuscleGroup",
    "ReviewReminder",
    "RunStrengthSettings",
    "WebhookDelivery",
]
