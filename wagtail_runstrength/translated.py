"""Relations read in the reader's language: the translation of a linked snippet, found in bulk.

A translated snippet or page often still links to objects of the source
language. wagtail-localize copies many-to-many relations as they are (an
exercise translated into French keeps the English muscle groups), and a
translation made before its related objects were translated keeps pointing at
the source. The stored rows are left alone; what readers and the API see is
resolved here, at read time, by ``translation_key``:

- the object's translation in the wanted locale when there is one;
- otherwise the default locale's version (the site's first language);
- otherwise the object as stored.

The wanted locale is the locale of the object holding the relation (a French
exercise's muscles are read in French, a French article's exercise cards and
category too), so a page and its API answer agree. Each helper takes a whole
batch and costs at most one query for it, and none when every relation already
points at the right language, as it does on a single-language site.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from wagtail.coreutils import get_supported_content_language_variant


def default_language_code() -> str:
    """The language code of the default locale, without a query (as ``Locale.get_default`` reads it)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def translations_for(objects: Iterable[Any], locale_id: int, candidates: QuerySet | None = None) -> dict:
    """Map each object's ``translation_key`` to its replacement in ``locale_id`` (one query, or none).

    Only objects outside ``locale_id`` are looked up; those are replaced by the
    translation in ``locale_id``, else by the default locale's version, else
    kept. ``candidates`` narrows what may replace them (published exercises,
    say), and defaults to every row of the objects' model.
    """
    strays = [obj for obj in objects if obj is not None and obj.locale_id != locale_id]
    if not strays:
        return {}
    if candidates is None:
        candidates = type(strays[0])._default_manager.all()
    keys = {obj.translation_key for obj in strays}
    rows = candidates.filter(translation_key__in=keys).filter(
        Q(locale_id=locale_id) | Q(locale__language_code=default_language_code())
    )
    found: dict = {}
    for row in rows:
        # The wanted locale beats the default one, whatever order the rows come in.
        if row.locale_id == locale_id or row.translation_key not in found:
            found[row.translation_key] = row
    return found


def in_locale(obj, locale_id: int, found: dict):
    """``obj`` as the reader of ``locale_id`` sees it, given what ``translations_for`` found."""
    if obj is None or obj.locale_id == locale_id:
        return obj
    return found.get(obj.translation_key, obj)


def localize_list(objects: list, locale_id: int, found: dict) -> list:
    """``objects`` in ``locale_id``, each once, sorted as the model sorts (a translation may sort elsewhere)."""
    seen, result = set(), []
    for obj in objects:
        shown = in_locale(obj, locale_id, found)
        if shown.translation_key not in seen:
            seen.add(shown.translation_key)
            result.append(shown)
    ordering = result[0]._meta.ordering if result else None
    if ordering == ["name"]:
        result.sort(key=lambda obj: (obj.name.casefold(), obj.pk))
    return result


def localize_prefetched(holders: Iterable[Any], *relations: str, candidates: QuerySet | None = None) -> None:
    """Swap the prefetched ``relations`` of each holder for their objects in the holder's locale, in bulk.

    Reads and rewrites Django's prefetch cache, so ``holder.<relation>.all()``
    (templates, the API) returns the localized list without a query. The
    relations must lead to one model (progressions and regressions, say): they
    are looked up together. Holders whose relation was not prefetched are left alone.
    """
    pairs = [
        (holder, relation)
        for holder in holders
        for relation in relations
        if relation in getattr(holder, "_prefetched_objects_cache", {})
    ]
    if not pairs:
        return
    by_locale: dict[int, list] = {}
    for holder, relation in pairs:
        by_locale.setdefault(holder.locale_id, []).extend(holder._prefetched_objects_cache[relation])
    found_by_locale = {
        locale_id: translations_for(objects, locale_id, candidates) for locale_id, objects in by_locale.items()
    }
    for holder, relation in pairs:
        found = found_by_locale[holder.locale_id]
        if found:
            cached = holder._prefetched_objects_cache[relation]
            cached._result_cache = localize_list(list(cached), holder.locale_id, found)


def localize_foreign_keys(holder, field_names: Iterable[str]) -> None:
    """Swap the objects behind ``holder``'s foreign keys for their version in ``holder``'s locale.

    One query per related model with a stray object, none otherwise. The
    related objects are loaded first if they were not (as reading them would).
    """
    by_model: dict[type, list] = {}
    fields = []
    for name in field_names:
        field = type(holder)._meta.get_field(name)
        obj = getattr(holder, name)
        if obj is not None and obj.locale_id != holder.locale_id:
            fields.append((field, obj))
            by_model.setdefault(type(obj), []).append(obj)
    found = {}
    for objects in by_model.values():
        found.update(translations_for(objects, holder.locale_id))
    for field, obj in fields:
        shown = found.get(obj.translation_key)
        if shown is not None and type(shown) is type(obj):
            field.set_cached_value(holder, shown)


def localize_exercise_picks(page) -> None:
    """Point the exercise cards of ``page``'s StreamFields at the exercises of ``page``'s locale.

    Done once per StreamField value (it is remembered on the value) and for all
    its exercise cards together: at most one query to find the translations,
    plus the fixed few that load them for cards when there are any.
    Only published translations count; a card whose exercise has none in the
    page's language keeps the exercise as chosen (the default locale's, when
    that is what the editor or wagtail-localize picked).
    """
    if not getattr(page, "locale_id", None):
        return
    from wagtail.fields import StreamField

    from .blocks.exercise import exercise_items
    from .models import ExerciseSnippet

    items = []
    for field in page._meta.concrete_fields:
        if not isinstance(field, StreamField):
            continue
        # Remembered on the stream itself: a page copied or reloaded (the v3 API's) brings a fresh one.
        stream = getattr(page, field.attname)
        if stream is None or getattr(stream, "_runstrength_picks_localized", False):
            continue
        stream._runstrength_picks_localized = True
        items.extend(item for item in exercise_items(stream) if item.get("exercise"))
    strays = [item["exercise"] for item in items if item["exercise"].locale_id != page.locale_id]
    if not strays:
        return
    found = translations_for(
        strays, page.locale_id, ExerciseSnippet.objects.live().only("pk", "translation_key", "locale_id")
    )
    wanted = {row.pk for row in found.values()}
    if not wanted:
        return
    loaded = ExerciseSnippet.objects.filter(pk__in=wanted).for_cards().in_bulk()
    batch = list(loaded.values())
    for exercise in batch:
        exercise.runstrength_batch = batch
    for item in items:
        exercise = item["exercise"]
        if exercise.locale_id == page.locale_id:
            continue
        replacement = found.get(exercise.translation_key)
        if replacement is not None and replacement.pk in loaded:
            item["exercise"] = loaded[replacement.pk]
