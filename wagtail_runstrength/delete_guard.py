"""The delete guard: a library item that published content uses is never deleted, whatever the path.

Exercises, muscle groups, article categories and clinicians refuse deletion
while published content uses them (``usage.py`` says what counts). The check
runs in three places, so every path meets it once:

- ``instance.delete()`` (``DeleteGuardMixin``): Wagtail's delete views and
  actions, API v3, wagtail-modeladmin and plain code;
- ``queryset.delete()`` (``DeleteGuardQuerySet``): Wagtail's bulk delete and
  plain code, checked for the whole queryset in a few queries;
- a ``pre_delete`` receiver, for anything else that reaches Django's collector
  (a host model's cascade, say).

The first two check before Django's collector opens its transaction, so a
refusal leaves the caller's transaction usable; the receiver skips objects
they already checked. Each raises ``ContentInUseError``, a ``ProtectedError``
that names what uses each item.

``allow_deleting_content_in_use()`` switches the guard off for a block of
code, for data repair and for tests of what readers see after an item is gone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.db.models.signals import pre_delete

from . import usage

_switched_off: ContextVar[bool] = ContextVar("runstrength_delete_guard_off", default=False)
_already_checked: ContextVar[frozenset] = ContextVar("runstrength_delete_guard_checked", default=frozenset())


class ContentInUseError(models.ProtectedError):
    """Deletion refused: published content uses the objects in ``in_use`` ({object: [users]}).

    ``protected_objects`` holds the users, as Django's own ``ProtectedError`` does;
    ``messages`` holds one sentence per refused object.
    """

    def __init__(self, in_use: dict[models.Model, list]) -> None:
        self.in_use = in_use
        self.messages = [usage.in_use_message(obj, users) for obj, users in in_use.items()]
        users = [user for found in in_use.values() for user in found]
        super().__init__(" ".join(self.messages), users)

    def __str__(self) -> str:
        return " ".join(self.messages)


def refuse_if_in_use(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Raise ``ContentInUseError`` if published content uses any of ``objects`` (all of ``model``)."""
    if _switched_off.get():
        return
    in_use = usage.published_users(model, objects)
    if in_use:
        raise ContentInUseError(in_use)


@contextmanager
def allow_deleting_content_in_use() -> Iterator[None]:
    """Let deletions through the guard inside this block (the content that used the items loses them)."""
    token = _switched_off.set(True)
    try:
        yield
    finally:
        _switched_off.reset(token)


@contextmanager
def _checked(model: type[models.Model], pks: Sequence) -> Iterator[None]:
    keys = {(model._meta.label, str(pk)) for pk in pks}
    token = _already_checked.set(_already_checked.get() | keys)
    try:
        yield
    finally:
        _already_checked.reset(token)


class DeleteGuardQuerySet(models.QuerySet):
    def delete(self):
        objects = list(self)
        refuse_if_in_use(self.model, objects)
        with _checked(self.model, [obj.pk for obj in objects]):
            return super().delete()

    delete.alters_data = True
    delete.queryset_only = True


class DeleteGuardMixin(models.Model):
    """Refuses ``delete()`` while published content uses the object."""

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        refuse_if_in_use(type(self), [self])
        with _checked(type(self), [self.pk]):
            return super().delete(*args, **kwargs)


def refuse_deleting_content_in_use(sender, instance, **kwargs) -> None:
    """``pre_delete`` receiver: the last line, for deletions that bypass ``delete()`` on the model and queryset."""
    if (sender._meta.label, str(instance.pk)) in _already_checked.get():
        return
    refuse_if_in_use(sender, [instance])


def guarded_models() -> list[type[models.Model]]:
    from .models import ArticleCategory, Clinician, ExerciseSnippet, MuscleGroup

    return [ExerciseSnippet, MuscleGroup, ArticleCategory, Clinician]


def connect_receivers() -> None:
    for model in guarded_models():
        pre_delete.connect(
            refuse_deleting_content_in_use, sender=model, dispatch_uid="wagtail_runstrength_delete_guard"
        )
