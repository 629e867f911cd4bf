"""What wagtail-localize translates and what it keeps in step, for the package's snippets.

wagtail-localize is optional (the ``[localize]`` extra): when it cannot be
imported the models get an empty ``override_translatable_fields``, which
nothing reads. When it can, each model lists the fields whose guesses we
correct: slugs stay the source's (a shared slug keeps filters and links
working in every language; an editor may still override one), and the
many-to-many relations, which wagtail-localize leaves out by default, are
synchronised, so a translation keeps the same muscle groups, progressions and
regressions as its source. Those still point at the source's rows; readers
see their translations (``translated.py``).
"""

from __future__ import annotations

try:
    from wagtail_localize.fields import SynchronizedField, TranslatableField
except ImportError:  # the extra is not installed
    SynchronizedField = TranslatableField = None


def override_fields(translate: tuple[str, ...] = (), synchronize: tuple[str, ...] = (), fixed: tuple[str, ...] = ()):
    """``override_translatable_fields`` for a model: translated, synchronised (overridable) and fixed fields.

    ``fixed`` fields are synchronised without an override (relations, which
    wagtail-localize's editor cannot override). Empty without wagtail-localize.
    """
    if TranslatableField is None:
        return []
    return [
        *(TranslatableField(name) for name in translate),
        *(SynchronizedField(name) for name in synchronize),
        *(SynchronizedField(name, overridable=False) for name in fixed),
    ]
