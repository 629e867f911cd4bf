"""Signal wiring, connected once from ``AppConfig.ready()``."""

from django.core.signals import setting_changed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import conf, invalidation


def register_signal_handlers() -> None:
    from .models import RunStrengthSettings
    from .public_urls import forget_frontend_base

    setting_changed.connect(conf.reset_cache, dispatch_uid="wagtail_runstrength_conf_reset")
    for signal in (post_save, post_delete):
        signal.connect(forget_frontend_base, sender=RunStrengthSettings, dispatch_uid="wagtail_runstrength_frontend")

    # Fragment cache invalidation and frontend cache purges (see invalidation.py). Connected
    # without a sender: the handlers check the instance, so a host's own page and image models count.
    post_save.connect(invalidation.on_save, dispatch_uid="wagtail_runstrength_fragments_save")
    post_delete.connect(invalidation.on_delete, dispatch_uid="wagtail_runstrength_fragments_delete")
    pre_delete.connect(invalidation.on_pre_delete, dispatch_uid="wagtail_runstrength_purge_delete")
    m2m_changed.connect(invalidation.on_m2m_changed, dispatch_uid="wagtail_runstrength_fragments_m2m")
    for name, signal in (("published", page_published), ("unpublished", page_unpublished), ("moved", post_page_move)):
        signal.connect(invalidation.on_page_event, dispatch_uid=f"wagtail_runstrength_fragments_{name}")
