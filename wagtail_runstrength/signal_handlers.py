"""Signal wiring, connected once from ``AppConfig.ready()``.

Every receiver is connected with a sender, as Wagtail's own
``wagtail/api/v2/signal_handlers.py`` does: the fragment-cache receivers
listen to the models that can change what a reader sees (each concrete
subclass, so a host's own page types and custom image model count) and to
the link tables of their many-to-many fields, and nothing else. Saving any
other model of the host site runs none of the package's code.
"""

from __future__ import annotations

from django.apps import apps
from django.core.signals import setting_changed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move, published

from . import conf, delete_guard, invalidation, search_index, seeding


def watched_senders() -> list[type]:
    """Every installed model that is, or inherits from, one of ``invalidation.watched_models()``."""
    watched = invalidation.watched_models()
    return [model for model in apps.get_models() if issubclass(model, watched)]


def watched_link_tables(senders: list[type]) -> list[type]:
    """The ``through`` models of the many-to-many relations of ``senders`` (``m2m_changed`` is sent by them).

    Both directions count: a host model's many-to-many field to an exercise is
    changed from the exercise's side too (``exercise.<host>_set.add(...)``),
    and then the receiver sees the exercise.
    """
    tables = []
    for model in senders:
        for field in model._meta.get_fields(include_hidden=True):
            if not field.many_to_many:
                continue
            # A forward field keeps its link table on ``remote_field``; a reverse relation on itself.
            through = getattr(field, "through", None) or getattr(field.remote_field, "through", None)
            if through is not None and not isinstance(through, str) and through not in tables:
                tables.append(through)
    return tables


def register_signal_handlers() -> None:
    from .models import RunStrengthSettings
    from .public_urls import forget_frontend_base

    setting_changed.connect(conf.reset_cache, dispatch_uid="wagtail_runstrength_conf_reset")
    for signal in (post_save, post_delete):
        signal.connect(forget_frontend_base, sender=RunStrengthSettings, dispatch_uid="wagtail_runstrength_frontend")

    # Fragment cache invalidation and frontend cache purges (see invalidation.py).
    senders = watched_senders()
    for model in senders:
        post_save.connect(invalidation.on_save, sender=model, dispatch_uid="wagtail_runstrength_fragments_save")
        post_delete.connect(invalidation.on_delete, sender=model, dispatch_uid="wagtail_runstrength_fragments_delete")
        pre_delete.connect(invalidation.on_pre_delete, sender=model, dispatch_uid="wagtail_runstrength_purge_delete")
    for through in watched_link_tables(senders):
        m2m_changed.connect(
            invalidation.on_m2m_changed, sender=through, dispatch_uid="wagtail_runstrength_fragments_m2m"
        )
    # The search index of articles and exercises when an exercise or muscle group changes.
    search_index.register()
    # No library item that published content uses is deleted (delete_guard.py).
    delete_guard.connect_receivers()

    # A locale added later gets the seeded muscle groups in its language (seeding.py).
    from wagtail.models import Locale

    post_save.connect(seeding.on_locale_saved, sender=Locale, dispatch_uid="wagtail_runstrength_seed_locale")

    # Wagtail sends these for pages only (the sender is the page's class): no other model sends them.
    for name, signal in (("published", page_published), ("unpublished", page_unpublished), ("moved", post_page_move)):
        signal.connect(invalidation.on_page_event, dispatch_uid=f"wagtail_runstrength_fragments_{name}")
    # The addresses a moved page leaves, for the warming task and the revalidation webhooks (changes.py).
    pre_page_move.connect(invalidation.on_pre_page_move, dispatch_uid="wagtail_runstrength_changes_pre_move")

    # A clinical review approved before the workflow's last step is shown once its revision goes live.
    from .models.review import ReviewedContentMixin, apply_review_on_publish

    for model in apps.get_models():
        if issubclass(model, ReviewedContentMixin):
            published.connect(apply_review_on_publish, sender=model, dispatch_uid="wagtail_runstrength_review_publish")
