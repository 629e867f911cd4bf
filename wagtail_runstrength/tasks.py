"""The package's background tasks, run through Wagtail's task framework (``django_tasks``).

With no ``TASKS`` setting they run at once, inside the request that made the
change (after its transaction commits); with a worker backend such as
``django_tasks_db`` they run in a worker process (``docs/deployment.md``,
"Background tasks"). Both are idempotent: running one twice makes no
rendition twice and sends no webhook delivery twice.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def process_changes(changes: list[dict]) -> dict:
    """Warm the pages the ``changes`` (from ``changes.record``) affect, then tell the frontends.

    In a worker, the pages readers opened lately are warmed as well (``recent_reads.py``).

    Returns a summary: the events, how many pages, paths and API URLs were
    affected, how many addresses were rendered, how many frontend-cache backends
    purged by key (``cdn.py``) and how many deliveries were created.
    """
    from . import cdn, warming, webhooks
    from .affected import Affected, affected_by
    from .conf import get_setting

    affected = Affected()
    for change in changes:
        if change.get("before"):
            affected.merge(Affected.from_json(change["before"]))
        instance = _load(change["model"], change["pk"])
        if instance is not None:
            affected.merge(affected_by(instance, include_descendants=change.get("include_descendants", False)))
    in_worker = runs_in_a_worker(process_changes)
    warmed = (
        warming.warm(affected, recently_read=in_worker)
        if get_setting("WARM_AFTER_PUBLISH") and (affected or in_worker)
        else 0
    )
    # After warming, so the CDN refetches warm pages; before the webhooks, so frontends refetch fresh copies.
    purged = cdn.purge_keys(affected.tags) if affected.tags else 0
    deliveries = webhooks.create_deliveries(changes, affected) if affected else []
    for delivery in deliveries:
        deliver_webhook.enqueue(delivery.pk)
    return {
        "events": [change["event"] for change in changes],
        "pages": len(affected.page_ids),
        "paths": len(affected.entries),
        "api_urls": len(affected.api_urls),
        "warmed": warmed,
        "purged_backends": purged,
        "deliveries": len(deliveries),
    }


@task()
def deliver_webhook(delivery_id: int) -> str:
    """One attempt at one webhook delivery; a failure schedules the next (``webhooks.attempt``). Returns its status."""
    from . import webhooks

    return webhooks.attempt(delivery_id)


def runs_in_a_worker(task) -> bool:
    """False when ``task`` runs inside the request that enqueued it (the immediate backend, the default).

    Pages readers opened lately are warmed only by a worker: in the
    editor's request they would make every publish wait for them.
    """
    from django_tasks.backends.immediate import ImmediateBackend

    return not isinstance(task.get_backend(), ImmediateBackend)


def _load(label: str, pk: str):
    """The changed object as it is now (the specific page for a page), or ``None`` once deleted."""
    model = apps.get_model(label)
    instance = model._default_manager.filter(pk=pk).first()
    if instance is not None and hasattr(instance, "specific"):
        instance = instance.specific
    return instance
