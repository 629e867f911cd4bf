"""Changes readers will see, collected per transaction and handed to one background task when it commits.

The signal receivers of ``invalidation.py`` call ``record()`` for a page
published, unpublished, moved or deleted and for an exercise, image, category
or clinician saved or deleted. One transaction sends many signals (a publish
saves the page, its revision and its tags), so changes are gathered on the
database connection and enqueued together, once, by a ``transaction.on_commit``
callback: the task (``tasks.process_changes``) then reads committed data, and
a rolled-back change enqueues nothing.

What a change affects is worked out in the task, from the database as it is
then, except where the database will have forgotten it: for a delete (the
rows and their references are gone) and a move (the old addresses), the
affected set is computed here, before the change, and travels with it.

Nothing is recorded when the package has nothing to do with changes
(``WARM_AFTER_PUBLISH`` off, no ``REVALIDATION_WEBHOOKS`` and no frontend-cache
backend that purges by key, ``cdn.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import transaction

from .affected import affected_by
from .conf import get_setting

logger = logging.getLogger(__name__)

_suspended: ContextVar[bool] = ContextVar("wagtail_runstrength_changes_suspended", default=False)


def is_enabled() -> bool:
    from .cdn import key_backend_names

    if _suspended.get():
        return False
    return bool(get_setting("WARM_AFTER_PUBLISH") or get_setting("REVALIDATION_WEBHOOKS") or key_backend_names())


@contextmanager
def suspended() -> Iterator[None]:
    """Record no changes inside the block: for bulk loads, imports and data repair.

    A loader that publishes hundreds of pages would otherwise warm every page
    (and call every webhook) once per publish; it runs in this block and, if it
    wants, warms or notifies once at the end. The fragment cache is still made
    stale as usual (``invalidation.py``), so nothing out of date is served.
    """
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def kind_of(instance) -> str:
    """The name events use for ``instance``'s kind: ``page``, ``exercise``, ``image``, ``category``, ``clinician``."""
    import swapper
    from wagtail.images import get_image_model

    from .models import ArticleCategory, Clinician, ExerciseSnippet

    for model, kind in (
        (swapper.load_model("wagtailcore", "Page"), "page"),
        (ExerciseSnippet, "exercise"),
        (get_image_model(), "image"),
        (ArticleCategory, "category"),
        (Clinician, "clinician"),
    ):
        if isinstance(instance, model):
            return kind
    return ""


def record(action: str, instance, *, before: bool = False, include_descendants: bool = False) -> None:
    """Note that ``instance`` was ``action`` (``published``, ``saved``, ``deleted``...), for the task after commit.

    With ``before``, what the change affects is computed now, while the
    database still holds the object as it was (deletes, moves).
    """
    kind = kind_of(instance)
    if not kind or instance.pk is None or not is_enabled():
        return
    key = (f"{kind}.{action}", str(instance.pk))
    batch = _current_batch()
    if batch is not None and key in batch.changes:
        return  # a delete sends pre_delete for the page and for its specific class: one is enough
    change: dict[str, Any] = {
        "event": key[0],
        "model": instance._meta.label_lower,
        "pk": key[1],
        "include_descendants": include_descendants,
        "before": affected_by(instance, include_descendants=include_descendants).as_json() if before else None,
    }
    if batch is None:
        _enqueue([change])
    else:
        batch.changes[key] = change


class _Batch:
    """The changes of one transaction, enqueued together when it commits."""

    def __init__(self, connection):
        self.connection = connection
        self.changes: dict[tuple[str, str], dict] = {}

    def flush(self) -> None:
        if getattr(self.connection, "_runstrength_changes", None) is self:
            del self.connection._runstrength_changes
        _enqueue(list(self.changes.values()))


def _current_batch() -> _Batch | None:
    """The batch to add to, registered with ``on_commit`` when made; ``None`` in autocommit.

    A batch is added to while its callback is the last one registered, so it
    runs after the fragment cache's after-commit generation that the same
    signal registered just before (``invalidation.invalidate_fragments``) and
    pages are warmed under the generation readers are served from. Once any
    other callback follows it, the next change starts a new batch.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    batch = getattr(connection, "_runstrength_changes", None)
    last = connection.run_on_commit[-1][1] if connection.run_on_commit else None
    if batch is None or last != batch.flush:
        batch = connection._runstrength_changes = _Batch(connection)
        # robust: the change is committed by then; a failure to enqueue is logged, never raised at the editor.
        transaction.on_commit(batch.flush, robust=True)
    return batch


def _enqueue(changes: list[dict]) -> None:
    from .tasks import process_changes

    if changes:
        process_changes.enqueue(changes)
