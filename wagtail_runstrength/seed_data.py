"""The muscle groups a new site starts with, with their names marked for translation.

Migration 0002 seeds these names in the default language, from its own frozen
copy (a migration must not change when this module does). Code that seeds or
translates them for another language reads this list and translates each
name with ``gettext`` in that language: the names are ``gettext_noop``, so
``makemessages`` collects them into the package's catalogues without
translating anything at import.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

# (slug, English name, body region): the slug and region are the same in every language.
RUNNING_MUSCLES: list[tuple[str, str, str]] = [
    ("quadriceps", gettext_noop("Quadriceps"), "thigh"),
    ("hamstrings", gettext_noop("Hamstrings"), "thigh"),
    ("glute-max", gettext_noop("Gluteus maximus"), "hip"),
    ("glute-medius", gettext_noop("Gluteus medius"), "hip"),
    ("hip-flexors", gettext_noop("Hip flexors"), "hip"),
    ("adductors", gettext_noop("Adductors"), "thigh"),
    ("calves", gettext_noop("Calves (gastrocnemius and soleus)"), "lower_leg"),
    ("tibialis-anterior", gettext_noop("Tibialis anterior"), "lower_leg"),
    ("foot-intrinsics", gettext_noop("Foot and ankle stabilisers"), "lower_leg"),
    ("core", gettext_noop("Core"), "trunk"),
    ("obliques", gettext_noop("Obliques"), "trunk"),
    ("lower-back", gettext_noop("Lower back"), "trunk"),
]
