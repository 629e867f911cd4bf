"""The admin's "Revalidation webhooks" report (Reports menu): recent deliveries to frontends, and failures.

Shown to users who may view ``WebhookDelivery`` rows (superusers, or a group
given the model's "view" permission); filterable by status and endpoint.
"""

from __future__ import annotations

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import WebhookDelivery

permission_policy = ModelPermissionPolicy(WebhookDelivery)


class WebhookDeliveryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=WebhookDelivery.Status.choices)
    endpoint = django_filters.CharFilter(label=_("Endpoint contains"), lookup_expr="icontains")

    class Meta:
        model = WebhookDelivery
        fields = ["status", "endpoint"]


class WebhookDeliveriesReportView(ReportView):
    page_title = _("Revalidation webhooks")
    header_icon = "globe"
    index_url_name = "wagtail_runstrength_webhooks:index"
    index_results_url_name = "wagtail_runstrength_webhooks:results"
    filterset_class = WebhookDeliveryFilterSet
    permission_policy = permission_policy
    permission_required = "view"
    model = WebhookDelivery
    columns = [
        Column("event", label=_("Event")),
        Column("endpoint", label=_("Endpoint")),
        Column("get_status_display", label=_("Status")),
        Column("attempts", label=_("Attempts")),
        Column("last_status_code", label=_("Last HTTP status")),
        Column("last_error", label=_("Last error")),
        DateColumn("created_at", label=_("Created")),
        DateColumn("next_attempt_at", label=_("Next attempt")),
        DateColumn("delivered_at", label=_("Delivered")),
    ]
    list_export = ["uuid", "event", "endpoint", "status", "attempts", "last_status_code", "last_error", "created_at"]

    def get_queryset(self):
        return WebhookDelivery.objects.order_by("-created_at", "-pk")


class WebhookReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return permission_policy.user_has_permission(request.user, "view")


def report_urlpatterns(view_class) -> list:
    """A report's page and the results-only view its filters refresh, as Wagtail's own reports route them."""
    return [
        path("", view_class.as_view(), name="index"),
        path("results/", view_class.as_view(results_only=True), name="results"),
    ]


def urlpatterns() -> list:
    return report_urlpatterns(WebhookDeliveriesReportView)


def menu_item() -> MenuItem:
    return WebhookReportMenuItem(
        _("Revalidation webhooks"),
        reverse("wagtail_runstrength_webhooks:index"),
        name="runstrength-webhooks",
        icon_name="globe",
        order=1300,
    )
