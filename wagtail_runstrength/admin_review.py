"""Clinical review in the admin outside the report: the page listing's overdue marker, the dashboard
panel and the history entry each approval leaves.

The listing marker reads annotations added to the explorer's queryset in one
query, so the listing costs the same however many articles it shows.
"""

from __future__ import annotations

from django.db.models import Exists, IntegerField, OuterRef, Subquery, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import ListingButton

from .models.review import user_is_clinician
from .review import policy_for_site, review_status


def annotate_explorer_pages(parent_page, pages, request):
    """``construct_explorer_page_queryset``: each row's review fields, if it is an article, and the site's policy."""
    from .models import ArticlePage

    articles = ArticlePage.objects.filter(pk=OuterRef("pk"))
    interval, due_soon = policy_for_site(parent_page.get_site())
    return pages.annotate(
        rs_is_article=Exists(articles),
        rs_last_reviewed=Subquery(articles.values("last_reviewed")[:1]),
        rs_review_interval=Subquery(articles.values("review_interval_months")[:1]),
        rs_site_interval=Value(interval, output_field=IntegerField()),
        rs_due_soon=Value(due_soon, output_field=IntegerField()),
    )


def overdue_listing_button(page, user, next_url=None):
    """``register_page_listing_buttons``: a "Review overdue" marker on live articles past their review date."""
    if not (getattr(page, "rs_is_article", False) and page.live):
        return []
    interval = page.rs_review_interval or page.rs_site_interval
    status = review_status(page.rs_last_reviewed, interval, page.rs_due_soon)
    if not status.is_overdue:
        return []
    return [
        ListingButton(
            _("Review overdue"),
            url=reverse("wagtail_runstrength_reviews:index"),
            icon_name="warning",
            priority=5,
            attrs={"data-rs-review": "overdue"},
        )
    ]


class ClinicalReviewPanel(Component):
    """Dashboard panel: how many articles and exercises need a review, and the first few of them.

    A clinician sees the items they reviewed last; anyone else sees all of them.
    """

    name = "runstrength_clinical_reviews"
    order = 150
    template_name = "wagtail_runstrength/admin/clinical_review_panel.html"
    LIMIT = 5

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from .models.review import clinician_for_user
        from .review_items import due_items

        reviewer = clinician_for_user(self.request.user) if user_is_clinician(self.request.user) else None
        items = due_items(reviewer=reviewer)
        return {
            "items": items[: self.LIMIT],
            "total": len(items),
            "overdue": sum(1 for item in items if item.status.is_overdue),
            "report_url": reverse("wagtail_runstrength_reviews:index"),
        }


def add_dashboard_panel(request, panels):
    """``construct_homepage_panels``: the clinical review panel, for those who may open the report."""
    from .admin_review_report import can_view_report

    if can_view_report(request.user):
        panels.append(ClinicalReviewPanel(request))


def register_log_actions(actions):
    """``register_log_actions``: the history entry an approved clinical review leaves on the page."""
    actions.register_action("wagtail_runstrength.clinical_review", _("Clinical review"), _("Clinically reviewed"))
