"""Error messages both APIs share, in the language of the request."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext


def unknown_choice_message(name: str, value: str, choices: Iterable[str]) -> str:
    """The 400 message for a filter value that is not one of ``choices``.

    The parameter name and the values are left as they are: a client sends them untranslated.
    """
    return gettext("unknown %(name)s '%(value)s'; use one of %(choices)s") % {
        "name": name,
        "value": value,
        "choices": ", ".join(choices),
    }
