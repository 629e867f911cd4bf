from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailRunStrengthAppConfig(AppConfig):
    name = "wagtail_runstrength"
    label = "wagtail_runstrength"
    verbose_name = _("Run strength")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import conf
        from .signal_handlers import register_signal_handlers

        conf.check_settings()
        register_signal_handlers()
