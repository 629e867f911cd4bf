"""One row per revalidation webhook sent to a frontend: what was sent, how often, and how it went."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookDelivery(models.Model):
    """A signed JSON ``POST`` telling one frontend which paths and API URLs a change affected.

    Every attempt updates the row, so the admin report (Reports → Revalidation
    webhooks) shows each delivery's state, how many attempts it took and the
    last error. The secret is never stored: it is read from the settings when
    the request is signed, so rotating it takes effect on the next attempt.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RETRYING = "retrying", _("Retrying")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    # Sent as the payload's "id" and the X-RunStrength-Delivery header: a frontend can drop repeats.
    uuid = models.UUIDField(_("delivery id"), default=uuid.uuid4, editable=False, unique=True)
    endpoint = models.URLField(_("endpoint"), max_length=500)
    event = models.CharField(_("event"), max_length=100)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("revalidation webhook delivery")
        verbose_name_plural = _("revalidation webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["-created_at"], name="rs_webhook_created"),
            # The retry sweep reads the due deliveries (runstrength_send_webhooks).
            models.Index(fields=["status", "next_attempt_at"], name="rs_webhook_due"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"
