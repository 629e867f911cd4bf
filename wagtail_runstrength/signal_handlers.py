"""Signal wiring, connected once from ``AppConfig.ready()``."""

from django.core.signals import setting_changed

from . import conf


def register_signal_handlers() -> None:
    setting_changed.connect(conf.reset_cache, dispatch_uid="wagtail_runstrength_conf_reset")
