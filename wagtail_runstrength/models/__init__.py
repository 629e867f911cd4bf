"""The package's public models (design section 2). Import them from here."""

from .articles import (
    ArticleIndexPage,
    ArticleIndexPageMixin,
    ArticlePage,
    ArticlePageMixin,
    ArticlePageTag,
)
from .exercises import ExerciseSnippet
from .library import ExerciseLibraryPage, ExerciseLibraryPageMixin
from .people import Clinician
from .querysets import ArticlePageManager, ArticlePageQuerySet
from .settings import RunStrengthSettings
from .taxonomy import ArticleCategory, MuscleGroup

__all__ = [
    "ArticleCategory",
    "ArticleIndexPage",
    "ArticleIndexPageMixin",
    "ArticlePage",
    "ArticlePageManager",
    "ArticlePageMixin",
    "ArticlePageQuerySet",
    "ArticlePageTag",
    "Clinician",
    "ExerciseLibraryPage",
    "ExerciseLibraryPageMixin",
    "ExerciseSnippet",
    "MuscleGroup",
    "RunStrengthSettings",
]
