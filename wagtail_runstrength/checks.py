"""System checks for what the package needs from its host project."""

from django.apps import apps
from django.core.checks import Error


def check_required_apps(app_configs=None, **kwargs) -> list[Error]:
    errors = []
    if not apps.is_installed("wagtail.contrib.settings"):
        errors.append(
            Error(
                "wagtail_runstrength needs 'wagtail.contrib.settings' in INSTALLED_APPS for its per-site settings.",
                hint="Add 'wagtail.contrib.settings' to INSTALLED_APPS.",
                id="wagtail_runstrength.E001",
            )
        )
    return errors
