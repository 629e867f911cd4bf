"""What published content uses a library item: the answer the delete guard and the admin's refusals share.

"In use" means what a reader could see today:

- a **live page** whose content refers to the item, through any field or block
  (Wagtail's reference index: the package's articles, a host's own pages and
  any StreamField that uses the exercise blocks);
- a **published snippet**, or a row of any model without drafts (such as a
  host's own plain snippet), whose content refers to it the same way;
- for an **exercise**, a published exercise that lists it as a progression or
  regression;
- for a **muscle group**, a published exercise that targets it.

Drafts do not count: a page that was never published, an unpublished page, a
draft exercise or the unpublished changes of a live page. Deleting an item
that only drafts use is allowed; the drafts lose the reference.

The reference index is kept up to date on every save by Wagtail's background
tasks, which run at once unless the host configures a task queue; after a bulk
import, ``manage.py rebuild_references_index`` brings it up to date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import swapper
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext, ngettext
from wagtail.models import DraftStateMixin, ReferenceIndex

# How many users a message names before it says "and N more".
NAMED_IN_MESSAGE = 5


def published_users(model: type[models.Model], objects: Sequence[models.Model]) -> dict[models.Model, list]:
    """The published content using each of ``objects`` (all of ``model``), for those in use, in a few queries.

    Objects deleted together do not protect one another: bulk-deleting two
    exercises that list each other as progressions is allowed.
    """
    objects = [obj for obj in objects if obj.pk is not None]
    if not objects:
        return {}
    by_pk = {str(obj.pk): obj for obj in objects}
    users: dict[str, list] = defaultdict(list)
    for target_pk, source in _live_referrers(model, list(by_pk)):
        if not (isinstance(source, model) and str(source.pk) in by_pk):
            users[target_pk].append(source)
    for target_pk, source in _live_linked_exercises(model, list(by_pk)):
        if not (isinstance(source, model) and str(source.pk) in by_pk):
            users[target_pk].append(source)
    return {by_pk[pk]: _unique_sorted(found) for pk, found in users.items()}


def _base_content_type(model: type[models.Model]) -> ContentType:
    # The reference index files targets under their topmost concrete model, as Wagtail does.
    parents = model._meta.get_parent_list()
    return ContentType.objects.get_for_model(parents[-1] if parents else model)


def _live_referrers(model, target_pks: list[str]) -> Iterable[tuple[str, models.Model]]:
    """(target pk, source) for each live object that refers to a target, per the reference index."""
    rows = ReferenceIndex.objects.filter(
        to_content_type=_base_content_type(model), to_object_id__in=target_pks
    ).values_list("to_object_id", "base_content_type_id", "object_id")
    sources_by_type: dict[int, set[str]] = defaultdict(set)
    targets_of: dict[tuple[int, str], set[str]] = defaultdict(set)
    for target_pk, content_type_id, source_pk in rows:
        sources_by_type[content_type_id].add(source_pk)
        targets_of[(content_type_id, source_pk)].add(target_pk)
    for content_type_id, source_pks in sources_by_type.items():
        for source in _live_objects(content_type_id, source_pks):
            for target_pk in targets_of[(content_type_id, str(source.pk))]:
                yield target_pk, source


def _live_objects(content_type_id: int, pks: set[str]) -> Iterable[models.Model]:
    source_model = ContentType.objects.get_for_id(content_type_id).model_class()
    if source_model is None:  # a model that was removed from the project
        return []
    queryset = source_model._default_manager.filter(pk__in=pks)
    if issubclass(source_model, DraftStateMixin):
        queryset = queryset.filter(live=True)
    return queryset


def _live_linked_exercises(model, target_pks: list[str]) -> Iterable[tuple[str, models.Model]]:
    """(target pk, exercise) for published exercises that link to a target through a many-to-many field.

    The reference index does not record many-to-many fields, so these are read
    from their link tables.
    """
    from .models import ExerciseSnippet, MuscleGroup

    if issubclass(model, MuscleGroup):
        links = [(ExerciseSnippet.target_muscles.through, "musclegroup_id", "exercisesnippet")]
    elif issubclass(model, ExerciseSnippet):
        links = [
            (ExerciseSnippet.progressions.through, "to_exercisesnippet_id", "from_exercisesnippet"),
            (ExerciseSnippet.regressions.through, "to_exercisesnippet_id", "from_exercisesnippet"),
        ]
    else:
        return
    for through, target_column, source_field in links:
        rows = through.objects.filter(**{f"{target_column}__in": target_pks, f"{source_field}__live": True})
        for row in rows.select_related(source_field):
            yield str(getattr(row, target_column)), getattr(row, source_field)


def _unique_sorted(found: list) -> list:
    unique = {(type(obj)._meta.label, obj.pk): obj for obj in found}
    return sorted(unique.values(), key=lambda obj: (title_of(obj).casefold(), str(obj.pk)))


def title_of(obj) -> str:
    """A page's published title (its draft title may differ), or the object's name."""
    page_model = swapper.load_model("wagtailcore", "Page")
    return obj.title if isinstance(obj, page_model) else str(obj)


def kind_of(obj) -> str:
    """What the user is, in the editor's words: "article page", "exercise"."""
    page_model = swapper.load_model("wagtailcore", "Page")
    model = obj.specific_class if isinstance(obj, page_model) and obj.specific_class else type(obj)
    return str(model._meta.verbose_name)


def in_use_message(obj, users: Sequence) -> str:
    """Why ``obj`` cannot be deleted, naming what uses it: shown in the admin and returned by the API."""
    named = ", ".join(
        gettext("“%(title)s” (%(kind)s)") % {"title": title_of(user), "kind": kind_of(user)}
        for user in users[:NAMED_IN_MESSAGE]
    )
    if len(users) > NAMED_IN_MESSAGE:
        more = len(users) - NAMED_IN_MESSAGE
        named = ngettext("%(named)s and %(more)d more", "%(named)s and %(more)d more", more) % {
            "named": named,
            "more": more,
        }
    return ngettext(
        "“%(item)s” cannot be deleted: %(count)d published item uses it: %(users)s. "
        "Remove it from there, or unpublish that item, first.",
        "“%(item)s” cannot be deleted: %(count)d published items use it: %(users)s. "
        "Remove it from them, or unpublish them, first.",
        len(users),
    ) % {"item": obj, "count": len(users), "users": named}
