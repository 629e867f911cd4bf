"""What makes cached fragments stale, and which pages a frontend cache (CDN) must forget.

Fragments (``fragment_cache.py``) go stale together: any saved or deleted
page, page privacy setting, site, locale, exercise, muscle group, category,
clinician, tag, image or ``RunStrengthSettings`` replaces the generation,
because any of them can change what some article shows (a related-post card,
an exercise card, a link). Saves that touch only draft bookkeeping (an
editor's draft revision, autosave, a lock, the
first read of a site's settings) change nothing a reader sees and
are ignored, so editing a draft leaves the cache warm.

The generation is replaced twice: at once, so the rest of the request (and
code running inside a test's transaction) sees fresh content, and again when
the transaction commits, so a page rendered by another process in between,
from data not yet committed, is never served afterwards.

With ``wagtail.contrib.frontend_cache`` installed, saving or deleting an
exercise, category or clinician also purges the live pages that show it
(articles, and the exercise's page in each exercise library). Wagtail
itself purges a page when it is published or unpublished (deleting a live
page unpublishes it first); ``docs/deployment.md`` lists what no one purges.

Changes Django's signals cannot see (templates or hashed static files
changed by a deploy, ``QuerySet.update()``, raw SQL, a restored backup) need
``manage.py runstrength_clear_fragments``.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.db import transaction

from . import fragment_cache
from .public_urls import join

# Fields a draft save, an autosave or a lock writes, and an image's lazily computed
# size and hash: saving only these changes nothing a reader sees.
READER_INVISIBLE_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "wagtail_admin_comments",
        "locked",
        "locked_by",
        "locked_at",
        "file_size",
        "file_hash",
    }
)


@cache
def watched_models() -> tuple[type, ...]:
    """Every model whose rows can appear in, or shape, a cached fragment."""
    from taggit.models import TagBase
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site

    from .models import ArticleCategory, Clinician, ExerciseSnippet, MuscleGroup, RunStrengthSettings

    return (
        Page,
        PageViewRestriction,
        Site,
        Locale,
        ExerciseSnippet,
        MuscleGroup,
        ArticleCategory,
        Clinician,
        RunStrengthSettings,
        TagBase,
        get_image_model(),
    )


def invalidate_fragments() -> None:
    """Make every cached fragment stale now, and again once the current transaction commits."""
    fragment_cache.new_generation()
    transaction.on_commit(fragment_cache.new_generation)


def _is_invisible(instance, created: bool, update_fields) -> bool:
    from wagtail.contrib.settings.models import BaseSiteSetting

    if update_fields is not None and frozenset(update_fields) <= READER_INVISIBLE_FIELDS:
        return True
    # A site's settings row is created with its defaults the first time a page reads it,
    # which is what the page showed without it.
    return created and isinstance(instance, BaseSiteSetting)


def on_save(sender, instance, created=False, update_fields=None, raw=False, **kwargs) -> None:
    if raw or not isinstance(instance, watched_models()) or _is_invisible(instance, created, update_fields):
        return
    invalidate_fragments()
    _schedule_purge(instance)


def on_delete(sender, instance, **kwargs) -> None:
    if isinstance(instance, watched_models()):
        invalidate_fragments()


def on_pre_delete(sender, instance, **kwargs) -> None:
    # Collected before the row (and its links to articles) is gone.
    if isinstance(instance, watched_models()):
        _schedule_purge(instance)


def on_m2m_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, watched_models()):
        invalidate_fragments()


def on_page_event(sender, **kwargs) -> None:
    """Publish, unpublish and move: a page's visibility or address changed."""
    invalidate_fragments()


# Frontend cache (CDN) purging


def frontend_cache_enabled() -> bool:
    """True when ``wagtail.contrib.frontend_cache`` is installed and has a backend to purge."""
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return False
    from django.conf import settings

    # Read the settings rather than calling get_backends(): that builds every backend (a CloudFront
    # backend makes a boto3 client), and this runs on every save. PurgeBatch builds them once, when purging.
    return bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None) or getattr(settings, "WAGTAILFRONTENDCACHE_LOCATION", None)
    )


def article_models() -> list[type]:
    from .models import ArticlePageMixin

    return [model for model in apps.get_models() if issubclass(model, ArticlePageMixin)]


def library_models() -> list[type]:
    from .models import ExerciseLibraryPageMixin

    return [model for model in apps.get_models() if issubclass(model, ExerciseLibraryPageMixin)]


def pages_showing(instance) -> list:
    """Live pages whose markup shows ``instance``: an exercise, a category or a clinician."""
    from django.db.models import Q

    from .models import ArticleCategory, Clinician, ExerciseSnippet

    if isinstance(instance, ExerciseSnippet):
        condition = Q(exercises=instance)
    elif isinstance(instance, ArticleCategory):
        condition = Q(category=instance)
    elif isinstance(instance, Clinician):
        condition = Q(author=instance) | Q(reviewer=instance)
    else:
        return []
    pages = []
    for model in article_models():
        pages.extend(model.objects.live().filter(condition).distinct().defer("body"))
    return pages


def exercise_page_urls(exercise) -> list[str]:
    """The address of ``exercise``'s own page in every live exercise library."""
    urls = []
    for model in library_models():
        for library in model.objects.live().filter(locale_id=exercise.locale_id):
            base = library.get_full_url()
            if base:
                urls.append(join(base, library.reverse_subpage("exercise", kwargs={"slug": exercise.slug})))
    return urls


def _schedule_purge(instance) -> None:
    from .models import ArticleCategory, Clinician, ExerciseSnippet

    if not frontend_cache_enabled() or not isinstance(instance, (ExerciseSnippet, ArticleCategory, Clinician)):
        return
    pages = pages_showing(instance)
    urls = exercise_page_urls(instance) if isinstance(instance, ExerciseSnippet) else []
    if pages or urls:
        transaction.on_commit(lambda: purge(pages, urls))


def purge(pages, urls) -> None:
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.add_urls(urls)
    batch.purge()
