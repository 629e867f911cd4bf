"""What makes cached fragments stale, and which pages a frontend cache (CDN) must forget.

Fragments (``fragment_cache.py``) go stale together: any saved or deleted
page, page privacy setting, site, locale, exercise, muscle group, category,
clinician, tag, image or ``RunStrengthSettings`` (and its calls to action in
other languages) starts a new generation, because any of them can change what
some article shows (a related-post card, an exercise card, a link). Saves that
touch only draft bookkeeping (an
editor's draft revision, autosave, a lock, the
first read of a site's settings) change nothing a reader sees and
are ignored, so editing a draft leaves the cache warm.

A new generation is a row written in the change's own transaction (see
``fragment_cache.py``): the rest of that transaction sees it at once, and
every other process sees it when, and only when, the change commits. A
second row is written after the commit, because row ids are handed out in
the order transactions start, not the order they commit: without it, a
transaction committing after a later one that had already committed would
leave the newest id, and so the generation, unchanged.

With ``wagtail.contrib.frontend_cache`` installed, saving or deleting an
exercise, category or clinician also purges the live pages that show it
(articles, and the exercise's page in each exercise library). Wagtail
itself purges a page when it is published or unpublished (deleting a live
page unpublishes it first); ``docs/deployment.md`` lists what no one purges.

The same receivers hand each change readers will see (a page published,
unpublished, moved or deleted; an exercise, image, category or clinician saved
or deleted) to ``changes.record``: once the transaction commits, a background
task warms the affected pages and sends the revalidation webhooks.

Changes Django's signals cannot see (templates or hashed static files
changed by a deploy, ``QuerySet.update()``, raw SQL, a restored backup) need
``manage.py runstrength_clear_fragments``.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.db import transaction

from . import changes, fragment_cache
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
    from .models.settings import LocalizedCallToAction

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
        LocalizedCallToAction,
        TagBase,
        get_image_model(),
    )


def invalidate_fragments() -> None:
    """Make every cached fragment stale: in the current transaction, and again once it commits."""
    fragment_cache.new_generation()
    if transaction.get_connection().in_atomic_block:
        # robust: the change is committed by then; a failure here is logged, not raised at the editor.
        transaction.on_commit(fragment_cache.new_generation, robust=True)


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
    # Pages are recorded when published (on_page_event); a new image is used nowhere yet.
    if changes.kind_of(instance) not in ("", "page") and not (created and changes.kind_of(instance) == "image"):
        changes.record("saved", instance)


def on_delete(sender, instance, **kwargs) -> None:
    if isinstance(instance, watched_models()):
        invalidate_fragments()


def on_pre_delete(sender, instance, **kwargs) -> None:
    # Collected before the row (and its links to articles) is gone.
    if isinstance(instance, watched_models()):
        _schedule_purge(instance)
        changes.record("deleted", instance, before=True)


def on_m2m_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, watched_models()):
        invalidate_fragments()


# Wagtail's page signals, by the event name changes are recorded under.
PAGE_EVENTS = {"page_published": "published", "page_unpublished": "unpublished", "post_page_move": "moved"}


def on_page_event(sender, instance=None, signal=None, **kwargs) -> None:
    """Publish, unpublish and move: a page's visibility or address changed."""
    invalidate_fragments()
    from wagtail import signals

    for name, action in PAGE_EVENTS.items():
        if signal is getattr(signals, name) and instance is not None:
            # Unpublishing or moving a page takes the pages below it along.
            changes.record(action, instance, include_descendants=action != "published")


def on_pre_page_move(sender, instance=None, **kwargs) -> None:
    """Before a move: the addresses the page and the pages below it are leaving."""
    if instance is not None:
        changes.record("moved", instance, before=True, include_descendants=True)


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
