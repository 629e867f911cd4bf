"""Signal wiring, connected once from ``AppConfig.ready()``."""

from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save

from . import conf


def register_signal_handlers() -> None:
    from .api.urls import forget_frontend_base
    from .models import RunStrengthSettings

    setting_changed.connect(conf.reset_cache, dispatch_uid="wagtail_runstrength_conf_reset")
    for signal in (post_save, post_delete):
        signal.connect(forget_frontend_base, sender=RunStrengthSettings, dispatch_uid="wagtail_runstrength_frontend")
