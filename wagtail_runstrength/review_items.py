"""Articles and exercises whose clinical review is due soon or overdue, for the report and the reminders.

One function, ``due_items``, reads everything in a fixed number of queries
(articles, exercises, every site's review settings) and computes each item's
state in Python, since the due date depends on calendar months and on a
per-item or per-site interval that SQL cannot clamp portably.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from .review import DEFAULT_DUE_SOON_DAYS, DEFAULT_INTERVAL_MONTHS, ReviewStatus, status_for


@dataclass
class ReviewItem:
    """One article or exercise that needs a clinical review soon, with what the report shows of it."""

    obj: object
    kind: str
    site: Site | None
    status: ReviewStatus

    @property
    def title(self) -> str:
        return getattr(self.obj, "title", None) or self.obj.name

    @property
    def reviewer(self):
        return self.obj.reviewer

    @property
    def reviewer_name(self) -> str:
        return self.obj.reviewer.display_name if self.obj.reviewer else ""

    @property
    def category_name(self) -> str:
        category = getattr(self.obj, "category", None)
        return category.name if category else ""

    @property
    def site_name(self) -> str:
        return (self.site.site_name or self.site.hostname) if self.site else ""

    @property
    def language(self) -> str:
        return self.obj.locale.get_display_name()

    @property
    def state_label(self) -> str:
        return str(self.status.label)

    @property
    def last_reviewed(self) -> datetime.date | None:
        return self.status.last_reviewed

    @property
    def next_review_due(self) -> datetime.date | None:
        return self.status.next_review_due

    @property
    def edit_url(self) -> str:
        if self.kind == "article":
            return reverse("wagtailadmin_pages:edit", args=(self.obj.pk,))
        return reverse(self.obj.snippet_viewset.get_url_name("edit"), args=(self.obj.pk,))


def _policies() -> dict[int, tuple[int, int]]:
    from .models.settings import RunStrengthSettings

    return {
        row["site_id"]: (row["review_interval_months"], row["review_due_soon_days"])
        for row in RunStrengthSettings.objects.values("site_id", "review_interval_months", "review_due_soon_days")
    }


def _site_of(page, sites: dict[int, Site], root_paths) -> Site | None:
    """The site whose root holds ``page``: the longest matching root path, with no query."""
    for root in root_paths:  # most specific first
        if page.url_path.startswith(root.root_path):
            return sites.get(root.site_id)
    return None


def due_items(
    today: datetime.date | None = None,
    site: Site | None = None,
    reviewer=None,
    category=None,
) -> list[ReviewItem]:
    """Live articles and exercises due soon, overdue or never reviewed, the most overdue first.

    ``site`` keeps that site's articles (exercises belong to every site and use
    its review settings); ``reviewer`` keeps one clinician's items; ``category``
    keeps articles of that category and leaves exercises out.
    """
    from .models import ArticlePage, ExerciseSnippet

    today = today or timezone.localdate()
    policies = _policies()
    default = (DEFAULT_INTERVAL_MONTHS, DEFAULT_DUE_SOON_DAYS)
    sites = {s.pk: s for s in Site.objects.all()}
    root_paths = Site.get_site_root_paths()

    articles = ArticlePage.objects.live().select_related("reviewer", "category", "locale").defer("body")
    exercises = ExerciseSnippet.objects.live().select_related("reviewer", "locale").defer("instructions")
    if reviewer is not None:
        articles, exercises = articles.filter(reviewer=reviewer), exercises.filter(reviewer=reviewer)
    if category is not None:
        articles = articles.filter(category=category)

    items = []
    for page in articles:
        page_site = _site_of(page, sites, root_paths)
        if site is not None and page_site != site:
            continue
        policy = policies.get(page_site.pk, default) if page_site else default
        items.append(ReviewItem(page, "article", page_site, status_for(page, today=today, policy=policy)))
    if category is None:
        exercise_site = site or next((s for s in sites.values() if s.is_default_site), None)
        policy = policies.get(exercise_site.pk, default) if exercise_site else default
        for exercise in exercises:
            items.append(ReviewItem(exercise, "exercise", site, status_for(exercise, today=today, policy=policy)))

    items = [item for item in items if item.status.needs_attention]
    items.sort(key=lambda item: (item.status.next_review_due or datetime.date.min, item.title))
    return items
