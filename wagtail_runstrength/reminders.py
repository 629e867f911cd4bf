"""E-mail each clinical reviewer the articles and exercises they should review soon.

Run daily by ``manage.py runstrength_review_reminders``. A ``ReviewReminder``
row per reviewer and day is claimed before the message is sent, so a second
run on the same day (a retried cron job, two app servers) sends nothing more.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from .models.review import ReviewReminder
from .review_items import ReviewItem, due_items


def items_by_reviewer(today: datetime.date) -> dict:
    """Due items grouped by reviewer; items with no reviewer (never reviewed) are left out."""
    grouped = defaultdict(list)
    for item in due_items(today=today):
        if item.reviewer is not None:
            grouped[item.reviewer].append(item)
    return grouped


def send_reminders(today: datetime.date | None = None, base_url: str = "") -> dict[str, int]:
    """Send today's reminders; return how many were ``sent``, ``skipped`` (already sent today) or ``no_address``."""
    today = today or timezone.localdate()
    counts = {"sent": 0, "skipped": 0, "no_address": 0}
    for reviewer, items in items_by_reviewer(today).items():
        address = reviewer.user.email if reviewer.user_id and reviewer.user.email else ""
        if not address:
            counts["no_address"] += 1
            continue
        try:
            with transaction.atomic():
                ReviewReminder.objects.create(reviewer=reviewer, sent_on=today, item_count=len(items))
                _send(reviewer, address, items, base_url)
        except IntegrityError:
            counts["skipped"] += 1
            continue
        counts["sent"] += 1
    return counts


def _send(reviewer, address: str, items: list[ReviewItem], base_url: str) -> None:
    # The reviewer's profile language, so a French clinician reads French.
    with translation.override(reviewer.locale.language_code):
        context = {"reviewer": reviewer, "items": items, "base_url": base_url.rstrip("/")}
        subject = gettext("Clinical reviews due: %(count)s") % {"count": len(items)}
        body = render_to_string("wagtail_runstrength/emails/review_reminder.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
