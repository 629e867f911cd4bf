from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class WagtailRunStrengthAppConfig(AppConfig):
    name = "wagtail_runstrength"
    label = "wagtail_runstrength"
    verbose_name = _("Run strength")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core.checks import register

        from . import conf
        from .checks import check_required_apps
        from .signal_handlers import register_signal_handlers

        conf.check_settings()
        register(check_required_apps)
        register_signal_handlers()
        if apps.is_installed("wagtail.api.v3"):
            from .api.delete_conflicts import register as register_delete_conflicts
            from .api.v3 import register as register_api_v3

            register_api_v3()
            register_delete_conflicts()
