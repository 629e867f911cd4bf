"""Keeps the search index in step when an exercise or a muscle group changes.

Wagtail re-indexes an object when the object itself is saved. Two things it
cannot see:

- An article is found by the names and target muscles of the exercises it
  uses (``ArticlePageMixin.exercise_search_text``), so renaming an exercise,
  changing its muscles, deleting it, or renaming or deleting a muscle group
  must re-index the exercises and articles concerned.
- An exercise's ``target_muscles`` (a ``ParentalManyToManyField``) are written
  to the database after the exercise's row, and so after Wagtail indexed it:
  the exercise must be indexed again once its muscles are stored.

Each object is re-indexed through Wagtail's own task
(``insert_or_update_object_task``), so a site with a task backend other than
the immediate one re-indexes in its workers, as it does for Wagtail's own
saves. Models with ``search_auto_update = False``, and backends with
``AUTO_UPDATE: False``, are left alone, as Wagtail leaves them.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from .invalidation import READER_INVISIBLE_FIELDS, article_models


def _enqueue(model, pks) -> None:
    from wagtail.search.tasks import insert_or_update_object_task

    if not getattr(model, "search_auto_update", True):
        return
    for pk in dict.fromkeys(pks):
        insert_or_update_object_task.enqueue(model._meta.app_label, model._meta.model_name, str(pk))


def reindex_articles_using(exercise_ids) -> None:
    """Re-index every article (of every article model, drafts included) that uses one of the exercises."""
    exercise_ids = list(exercise_ids)
    if not exercise_ids:
        return
    for model in article_models():
        _enqueue(model, model.objects.filter(exercises__in=exercise_ids).values_list("pk", flat=True).distinct())


def _reindex_exercises(exercise_ids) -> None:
    from .models import ExerciseSnippet

    exercise_ids = list(exercise_ids)
    _enqueue(ExerciseSnippet, exercise_ids)
    reindex_articles_using(exercise_ids)


def on_exercise_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs) -> None:
    # A new exercise is in no article yet; a draft save changes nothing the index holds.
    if raw or created or (update_fields is not None and frozenset(update_fields) <= READER_INVISIBLE_FIELDS):
        return
    reindex_articles_using([instance.pk])


def on_exercise_pre_delete(sender, instance, **kwargs) -> None:
    # Read before the row and its links to the articles are gone.
    instance._runstrength_articles_to_reindex = [
        (model, list(model.objects.filter(exercises=instance).values_list("pk", flat=True)))
        for model in article_models()
    ]


def on_exercise_deleted(sender, instance, **kwargs) -> None:
    for model, pks in getattr(instance, "_runstrength_articles_to_reindex", ()):
        _enqueue(model, pks)


def on_target_muscles_changed(sender, instance, action, reverse, pk_set=None, **kwargs) -> None:
    """An exercise's muscles were stored: ``instance`` is the exercise, or the muscle group when changed from its side."""
    if action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
        return
    if not reverse:
        if action != "pre_clear":
            _reindex_exercises([instance.pk])
        return
    if action == "pre_clear":
        # ``muscle.exercises.clear()``: which exercises lose the muscle is known only before the links go.
        instance._runstrength_exercises_to_reindex = list(instance.exercises.values_list("pk", flat=True))
        return
    if action == "post_clear":
        _reindex_exercises(getattr(instance, "_runstrength_exercises_to_reindex", ()))
    else:
        _reindex_exercises(pk_set or ())


def on_muscle_group_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw or created:
        return
    _reindex_exercises(instance.exercises.values_list("pk", flat=True))


def on_muscle_group_pre_delete(sender, instance, **kwargs) -> None:
    instance._runstrength_exercises_to_reindex = list(instance.exercises.values_list("pk", flat=True))


def on_muscle_group_deleted(sender, instance, **kwargs) -> None:
    _reindex_exercises(getattr(instance, "_runstrength_exercises_to_reindex", ()))


def register() -> None:
    """Connect the receivers (from ``signal_handlers.register_signal_handlers``)."""
    from django.apps import apps

    from .models import ExerciseSnippet, MuscleGroup

    exercise_models = [model for model in apps.get_models() if issubclass(model, ExerciseSnippet)]
    for model in exercise_models:
        uid = f"wagtail_runstrength_search_{model._meta.label_lower}"
        post_save.connect(on_exercise_saved, sender=model, dispatch_uid=f"{uid}_save")
        pre_delete.connect(on_exercise_pre_delete, sender=model, dispatch_uid=f"{uid}_pre_delete")
        post_delete.connect(on_exercise_deleted, sender=model, dispatch_uid=f"{uid}_delete")
    for model in [model for model in apps.get_models() if issubclass(model, MuscleGroup)]:
        uid = f"wagtail_runstrength_search_{model._meta.label_lower}"
        post_save.connect(on_muscle_group_saved, sender=model, dispatch_uid=f"{uid}_save")
        pre_delete.connect(on_muscle_group_pre_delete, sender=model, dispatch_uid=f"{uid}_pre_delete")
        post_delete.connect(on_muscle_group_deleted, sender=model, dispatch_uid=f"{uid}_delete")
    m2m_changed.connect(
        on_target_muscles_changed,
        sender=ExerciseSnippet.target_muscles.through,
        dispatch_uid="wagtail_runstrength_search_target_muscles",
    )
