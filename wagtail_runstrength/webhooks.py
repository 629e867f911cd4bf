"""Revalidation webhooks: tell each frontend, signed, exactly which paths and API URLs a change affected.

For every endpoint in ``REVALIDATION_WEBHOOKS`` a change creates one
``WebhookDelivery`` row and one ``tasks.deliver_webhook`` task. An attempt
POSTs the JSON payload with these headers:

- ``X-RunStrength-Timestamp``: when the attempt was made, in Unix seconds;
- ``X-RunStrength-Signature``: ``sha256=`` and the hex HMAC-SHA256, keyed
  with the endpoint's secret, of the timestamp, a full stop and the raw body
  (``sign()``). Signing the timestamp with the body lets the frontend refuse
  replays: reject a timestamp older than a few minutes;
- ``X-RunStrength-Delivery``: the delivery's id (also the payload's ``id``),
  the same on every attempt, so a frontend can drop a repeat;
- ``X-RunStrength-Event``: the payload's ``event``.

A 2xx answer delivers it. Anything else (an error status, a redirect, a
refused connection, no answer within ``REVALIDATION_TIMEOUT`` seconds) is
recorded on the row and retried after ``REVALIDATION_RETRY_DELAY`` seconds,
then twice as long each time, until ``REVALIDATION_MAX_ATTEMPTS`` attempts
have failed: then the delivery is failed. A retry is a new task with
``run_after`` on backends that can defer (``django_tasks_db``); the worker
never sleeps. Where the backend cannot defer (the default, immediate one),
``manage.py runstrength_send_webhooks`` sends the deliveries that are due:
run it from cron. Nothing here ever raises into the change that caused it.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import logging
import time
import urllib.error
import urllib.request
from datetime import timedelta
from typing import Any

from django.db.models import F
from django.utils import timezone

from . import __version__
from .affected import Affected
from .conf import get_setting

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-RunStrength-Signature"
TIMESTAMP_HEADER = "X-RunStrength-Timestamp"
DELIVERY_HEADER = "X-RunStrength-Delivery"
EVENT_HEADER = "X-RunStrength-Event"
# An error message longer than this is cut before it is stored.
MAX_ERROR_LENGTH = 2000


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    """The signature header's value: ``sha256=`` and the HMAC-SHA256 of ``b"<timestamp>." + body``."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, timestamp: str, body: bytes, signature: str, tolerance: int = 300) -> bool:
    """Whether a received request is genuine and recent: the receiving side of ``sign()``, for Python frontends."""
    try:
        age = abs(time.time() - int(timestamp))
    except (TypeError, ValueError):
        return False
    return age <= tolerance and hmac.compare_digest(sign(secret, timestamp, body), signature)


def event_name(changes: list[dict]) -> str:
    """The one event of the batch (``page.published``), or ``multiple`` when a transaction made several."""
    events = {change["event"] for change in changes}
    return events.pop() if len(events) == 1 else "multiple"


def build_payload(delivery_id: str, changes: list[dict], affected: Affected) -> dict[str, Any]:
    """The JSON a frontend receives (documented in docs/api.md, "Caching and revalidation")."""
    from wagtail.models import Site

    from .public_urls import PublicUrls

    urls = PublicUrls()
    by_site = affected.paths_by_site()
    sites = Site.objects.in_bulk(list(by_site))
    return {
        "id": delivery_id,
        "event": event_name(changes),
        "timestamp": timezone.now().isoformat(),
        "changes": [
            {"event": change["event"], "type": change["model"], "id": _json_id(change["pk"])} for change in changes
        ],
        "paths": affected.paths,
        "sites": [
            {
                "id": site_id,
                "hostname": sites[site_id].hostname,
                "root_url": urls.site_root(sites[site_id]),
                "paths": paths,
            }
            for site_id, paths in by_site.items()
            if site_id in sites
        ],
        "api_urls": sorted(affected.api_urls),
        "tags": sorted(affected.tags),
    }


def _json_id(pk: str) -> int | str:
    return int(pk) if str(pk).isdigit() else pk


def create_deliveries(changes: list[dict], affected: Affected) -> list:
    """One pending ``WebhookDelivery`` per configured endpoint for this change."""
    import uuid

    from .models import WebhookDelivery

    deliveries = []
    for endpoint in get_setting("REVALIDATION_WEBHOOKS"):
        delivery_id = uuid.uuid4()
        deliveries.append(
            WebhookDelivery.objects.create(
                uuid=delivery_id,
                endpoint=endpoint["url"],
                event=event_name(changes),
                payload=build_payload(str(delivery_id), changes, affected),
            )
        )
    return deliveries


def secret_for(url: str) -> str | None:
    for endpoint in get_setting("REVALIDATION_WEBHOOKS"):
        if endpoint["url"] == url:
            return endpoint["secret"]
    return None


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an error: following it would send the signed payload somewhere nobody configured."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST ``body``; the status code of a 2xx answer, else an exception saying what went wrong."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - http(s) only, checked in conf.py
    with _opener.open(request, timeout=timeout) as response:
        return response.status


def attempt(delivery_id: int) -> str:
    """Make the next attempt at one delivery, if it is due and nobody else is making it; returns its status."""
    from .models import WebhookDelivery

    delivery = WebhookDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None:
        return "missing"
    open_statuses = (WebhookDelivery.Status.PENDING, WebhookDelivery.Status.RETRYING)
    now = timezone.now()
    if delivery.status not in open_statuses or (delivery.next_attempt_at and delivery.next_attempt_at > now):
        return delivery.status
    # Claim this attempt: a second worker holding the same task finds the count moved on and stops.
    claimed = WebhookDelivery.objects.filter(pk=delivery.pk, attempts=delivery.attempts, status__in=open_statuses)
    if not claimed.update(attempts=F("attempts") + 1, last_attempt_at=now):
        return "claimed elsewhere"
    delivery.refresh_from_db()
    secret = secret_for(delivery.endpoint)
    status_code, error = None, ""
    if secret is None:
        error = "This endpoint is no longer in REVALIDATION_WEBHOOKS."
    else:
        body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "User-Agent": f"wagtail-runstrength/{__version__}",
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: sign(secret, timestamp, body),
            DELIVERY_HEADER: str(delivery.uuid),
            EVENT_HEADER: delivery.event,
        }
        try:
            status_code = post(delivery.endpoint, body, headers, get_setting("REVALIDATION_TIMEOUT"))
        except urllib.error.HTTPError as failure:
            status_code, error = failure.code, f"HTTP {failure.code} {failure.reason}"
        except (OSError, http.client.HTTPException) as failure:  # refused, unreachable, timed out, TLS, bad answer
            error = f"{type(failure).__name__}: {getattr(failure, 'reason', None) or failure}"
    return _record(delivery, status_code, error, final=secret is None)


def _record(delivery, status_code: int | None, error: str, final: bool = False) -> str:
    from .models import WebhookDelivery

    delivery.last_status_code = status_code
    delivery.last_error = error[:MAX_ERROR_LENGTH]
    if not error:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.next_attempt_at = None
    elif final or delivery.attempts >= get_setting("REVALIDATION_MAX_ATTEMPTS"):
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
        logger.warning("Webhook %s to %s failed for good: %s", delivery.uuid, delivery.endpoint, error)
    else:
        delivery.status = WebhookDelivery.Status.RETRYING
        delay = get_setting("REVALIDATION_RETRY_DELAY") * 2 ** (delivery.attempts - 1)
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=delay)
        logger.info("Webhook %s to %s failed (%s); retrying in %s s", delivery.uuid, delivery.endpoint, error, delay)
    delivery.save(
        update_fields=["status", "last_status_code", "last_error", "delivered_at", "next_attempt_at"],
    )
    if delivery.status == WebhookDelivery.Status.RETRYING:
        schedule_retry(delivery)
    return delivery.status


def schedule_retry(delivery) -> bool:
    """Enqueue the next attempt to run at ``next_attempt_at`` when the task backend can defer; else leave it to the sweep."""
    from .tasks import deliver_webhook

    if not deliver_webhook.get_backend().supports_defer:
        return False
    try:
        deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    except Exception:  # the sweep (runstrength_send_webhooks) still finds it due
        logger.exception("Could not schedule the retry of webhook %s", delivery.uuid)
        return False
    return True


def send_due(now=None) -> list[str]:
    """Attempt every delivery whose retry is due (``manage.py runstrength_send_webhooks``); returns their statuses."""
    from .models import WebhookDelivery

    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        status__in=(WebhookDelivery.Status.PENDING, WebhookDelivery.Status.RETRYING)
    ).exclude(next_attempt_at__gt=now)
    return [attempt(pk) for pk in due.order_by("pk").values_list("pk", flat=True)]
