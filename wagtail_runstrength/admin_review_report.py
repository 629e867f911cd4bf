"""The admin's "Clinical reviews" report (Reports menu): articles and exercises due soon or overdue.

Filterable by site, reviewer and category; exportable as CSV or XLSX through
Wagtail's ``SpreadsheetExportMixin``. Rows come from ``review_items.due_items``,
a list rather than a queryset, so the filter form is applied there.
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from .admin_reports import report_urlpatterns
from .models import ArticleCategory, ArticlePage, Clinician
from .models.review import user_is_clinician
from .review_items import due_items


def can_view_report(user) -> bool:
    """Clinicians, and anyone who may edit or publish pages."""
    return user_is_clinician(user) or PagePermissionPolicy().user_has_any_permission(user, {"change", "publish"})


def _no_queryset_filter(queryset, name, value):
    # Applied to the rows in ``ClinicalReviewReportView.get_queryset`` instead.
    return queryset


class ClinicalReviewFilterSet(WagtailFilterSet):
    site = django_filters.ModelChoiceFilter(label=_("Site"), queryset=Site.objects.all(), method=_no_queryset_filter)
    reviewer = django_filters.ModelChoiceFilter(
        label=_("Reviewer"), queryset=Clinician.objects.all(), method=_no_queryset_filter
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=ArticleCategory.objects.all(), method=_no_queryset_filter
    )

    class Meta:
        model = ArticlePage
        fields = []


def _iso_date(value) -> str:
    """``2026-01-31`` for a date, empty for none."""
    return value.isoformat() if value else ""


class CalendarDateColumn(Column):
    """A date as a calendar date: a review schedule is about days, and Wagtail's relative dates turn the future into "Just now"."""

    cell_template_name = "wagtail_runstrength/admin/calendar_date_cell.html"


class ClinicalReviewReportView(ReportView):
    page_title = _("Clinical reviews")
    header_icon = "tasks"
    index_url_name = "wagtail_runstrength_reviews:index"
    index_results_url_name = "wagtail_runstrength_reviews:results"
    filterset_class = ClinicalReviewFilterSet
    columns = [
        TitleColumn("title", label=_("Title"), get_url=lambda item: item.edit_url),
        Column("kind", label=_("Type")),
        Column("language", label=_("Language")),
        Column("site_name", label=_("Site")),
        Column("reviewer_name", label=_("Reviewer")),
        Column("category_name", label=_("Category")),
        Column("state_label", label=_("State")),
        CalendarDateColumn("last_reviewed", label=_("Last reviewed")),
        CalendarDateColumn("next_review_due", label=_("Next review due")),
    ]
    list_export = [
        "title",
        "kind",
        "language",
        "site_name",
        "reviewer_name",
        "category_name",
        "state_label",
        "last_reviewed",
        "next_review_due",
    ]
    export_headings = {
        "title": _("Title"),
        "kind": _("Type"),
        "language": _("Language"),
        "site_name": _("Site"),
        "reviewer_name": _("Reviewer"),
        "category_name": _("Category"),
        "state_label": _("State"),
        "last_reviewed": _("Last reviewed"),
        "next_review_due": _("Next review due"),
    }

    # Dates as ISO 8601 text in both formats: they sort as dates, every spreadsheet reads them, and
    # they do not depend on openpyxl recognising the value's exact date class.
    custom_field_preprocess = {
        name: {ReportView.FORMAT_CSV: _iso_date, ReportView.FORMAT_XLSX: _iso_date}
        for name in ("last_reviewed", "next_review_due")
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_view_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self) -> str:
        return "clinical-reviews"

    def get_queryset(self):
        chosen = {}
        if self.filters and self.filters.is_valid():
            chosen = {key: value for key, value in self.filters.form.cleaned_data.items() if value}
        return due_items(site=chosen.get("site"), reviewer=chosen.get("reviewer"), category=chosen.get("category"))

    def filter_queryset(self, queryset):
        return queryset


class ClinicalReviewMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_view_report(request.user)


def urlpatterns() -> list:
    return report_urlpatterns(ClinicalReviewReportView)


def menu_item() -> MenuItem:
    return ClinicalReviewMenuItem(
        _("Clinical reviews"),
        reverse("wagtail_runstrength_reviews:index"),
        name="runstrength-clinical-reviews",
        icon_name="tasks",
        order=1310,
    )
