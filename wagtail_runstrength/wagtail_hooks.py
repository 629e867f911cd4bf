"""Admin registrations: the "Run strength" menu (or, with the modeladmin integration, the snippets without it)."""

from django.apps import apps
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import admin_review
from .admin_deletion import refuse_deleting_content_in_use
from .editor_permissions import refuse_bulk_page_deletion, refuse_page_deletion, register_delete_page_action
from .viewsets import RunStrengthSnippetsWithoutMenu, RunStrengthViewSetGroup

# With wagtail_runstrength.contrib.modeladmin installed, ModelAdmin provides the
# menu; the snippets stay registered for the exercise blocks' choosers.
if apps.is_installed("wagtail_runstrength.contrib.modeladmin"):
    register_snippet(RunStrengthSnippetsWithoutMenu)
else:
    register_snippet(RunStrengthViewSetGroup)

hooks.register("before_delete_snippet", refuse_deleting_content_in_use)
# What the "Clinic editors" group may delete (editor_permissions.py).
hooks.register("before_delete_page", refuse_page_deletion)
hooks.register("before_bulk_action", refuse_bulk_page_deletion)
hooks.register("register_actions", register_delete_page_action)


@hooks.register("register_admin_urls")
def register_webhook_report_urls():
    from django.urls import include, path

    from . import admin_reports

    return [
        path(
            "reports/runstrength-webhooks/",
            include(
                (admin_reports.urlpatterns(), "wagtail_runstrength_webhooks"), namespace="wagtail_runstrength_webhooks"
            ),
        )
    ]


@hooks.register("register_reports_menu_item")
def register_webhook_report_menu_item():
    from .admin_reports import menu_item

    return menu_item()


@hooks.register("register_admin_urls")
def register_clinical_review_report_urls():
    from django.urls import include, path

    from . import admin_review_report

    return [
        path(
            "reports/clinical-reviews/",
            include(
                (admin_review_report.urlpatterns(), "wagtail_runstrength_reviews"),
                namespace="wagtail_runstrength_reviews",
            ),
        )
    ]


@hooks.register("register_reports_menu_item")
def register_clinical_review_report_menu_item():
    from .admin_review_report import menu_item

    return menu_item()


# Clinical review outside the report: listing marker, dashboard panel, history entry (admin_review.py).
hooks.register("construct_explorer_page_queryset", admin_review.annotate_explorer_pages)
hooks.register("register_page_listing_buttons", admin_review.overdue_listing_button)
hooks.register("construct_homepage_panels", admin_review.add_dashboard_panel)
hooks.register("register_log_actions", admin_review.register_log_actions)


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own, which it replaces
def register_localized_page_links(features) -> None:
    from .rich_text import LocalizedPageLinkHandler

    features.register_link_type(LocalizedPageLinkHandler)
