"""The clinical review policy: when a review falls due, and whether a page or exercise is current.

Kept apart from the models so the arithmetic can be tested with plain dates:
every function takes ``today`` rather than reading the clock itself.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_INTERVAL_MONTHS = 12
DEFAULT_DUE_SOON_DAYS = 30


class ReviewState(StrEnum):
    """Where a piece of clinical content stands against its review schedule."""

    CURRENT = "current"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    # Never reviewed: treated as overdue by the report and reminders, named apart for readers.
    NOT_REVIEWED = "not_reviewed"


STATE_LABELS = {
    ReviewState.CURRENT: _("Current"),
    ReviewState.DUE_SOON: _("Review due soon"),
    ReviewState.OVERDUE: _("Review overdue"),
    ReviewState.NOT_REVIEWED: _("Not yet reviewed"),
}

NEEDS_ATTENTION = (ReviewState.DUE_SOON, ReviewState.OVERDUE, ReviewState.NOT_REVIEWED)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved ``months`` calendar months on, clamped to the last day of a shorter month.

    31 January plus one month is 28 February (29 in a leap year), not 3 March:
    a review due "a month later" must never slip into the month after.
    """
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last_day))


@dataclass(frozen=True)
class ReviewStatus:
    """The review schedule of one page or exercise on one day."""

    state: ReviewState
    last_reviewed: datetime.date | None
    next_review_due: datetime.date | None
    interval_months: int

    @property
    def label(self):
        return STATE_LABELS[self.state]

    @property
    def needs_attention(self) -> bool:
        return self.state in NEEDS_ATTENTION

    @property
    def is_overdue(self) -> bool:
        return self.state in (ReviewState.OVERDUE, ReviewState.NOT_REVIEWED)


def review_status(
    last_reviewed: datetime.date | None,
    interval_months: int,
    due_soon_days: int,
    today: datetime.date | None = None,
) -> ReviewStatus:
    """The state on ``today`` (default: the current local date) of content last reviewed on ``last_reviewed``.

    Due on the day ``next_review_due`` is still "due soon"; overdue starts the day after.
    """
    today = today or timezone.localdate()
    if last_reviewed is None:
        return ReviewStatus(ReviewState.NOT_REVIEWED, None, None, interval_months)
    due = add_months(last_reviewed, interval_months)
    if today > due:
        state = ReviewState.OVERDUE
    elif today >= due - datetime.timedelta(days=due_soon_days):
        state = ReviewState.DUE_SOON
    else:
        state = ReviewState.CURRENT
    return ReviewStatus(state, last_reviewed, due, interval_months)


DEFAULT_OVERDUE_NOTICE = _(
    "This article is due for its regular clinical review. "
    "Its advice may not reflect the latest guidance; ask your clinician before acting on it."
)


def policy_from_settings(settings) -> tuple[int, int]:
    """``(interval_months, due_soon_days)`` from a ``RunStrengthSettings`` row."""
    return settings.review_interval_months, settings.review_due_soon_days


def policy_for_site(site) -> tuple[int, int]:
    """``(interval_months, due_soon_days)`` from the site's settings, or the defaults without a site."""
    from .models.settings import RunStrengthSettings

    if site is None:
        return DEFAULT_INTERVAL_MONTHS, DEFAULT_DUE_SOON_DAYS
    return policy_from_settings(RunStrengthSettings.for_site(site))


def review_notice(request=None) -> str:
    """The notice readers see on an overdue article: the site's own wording, or the default."""
    from .models.settings import RunStrengthSettings

    if request is not None:
        text = RunStrengthSettings.for_request(request).overdue_notice.strip()
        if text:
            return text
    return str(DEFAULT_OVERDUE_NOTICE)


def status_for(
    obj, site=None, today: datetime.date | None = None, policy: tuple[int, int] | None = None
) -> ReviewStatus:
    """The review status of an article or exercise: its own interval if it has one, else its site's.

    ``policy`` (from ``policy_for_site``) saves the settings lookup when many objects share a site.
    """
    interval, due_soon = policy or policy_for_site(site)
    return review_status(obj.last_reviewed, obj.review_interval_months or interval, due_soon, today)
