from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def check_modeladmin_installed() -> None:
    if not apps.is_installed("wagtail_modeladmin"):
        raise ImproperlyConfigured(
            "wagtail_runstrength.contrib.modeladmin needs wagtail-modeladmin: install it "
            "(pip install 'wagtail-runstrength[modeladmin]') and add 'wagtail_modeladmin' to INSTALLED_APPS."
        )


class WagtailRunStrengthModelAdminAppConfig(AppConfig):
    name = "wagtail_runstrength.contrib.modeladmin"
    label = "wagtail_runstrength_modeladmin"
    verbose_name = _("Run strength (modeladmin)")

    def ready(self) -> None:
        check_modeladmin_installed()
