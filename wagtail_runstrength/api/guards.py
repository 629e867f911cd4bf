"""Query input that Wagtail's API code would pass on to the database unchecked, caught as a client error.

Wagtail 8.0.1's API filters and paginators hand some query values straight to
the database or the search backend, which then fails with a server error:

- a NUL character in any value: PostgreSQL refuses it in text (``DataError``),
  and SQLite's full-text search stops reading at it ("unterminated string");
- an integer beyond the 64-bit range that SQLite and PostgreSQL store, as
  ``offset`` (``IntegrityError: datatype mismatch`` on SQLite, ``DataError:
  bigint out of range`` on PostgreSQL) or as a foreign-key filter such as
  ``?hero_image=`` (``OverflowError`` on SQLite: Django's out-of-range guard
  covers integer columns, not foreign keys);
- a ``user_id`` the user model's primary key cannot hold (v3 revisions:
  ``?user_id=`` empty or ``abc`` raises ``ValueError``);
- ``search_operator`` other than ``and`` or ``or`` (v2 passes it to the search
  backend, which raises ``ValueError``).

``query_problems`` names each such parameter, and the v2 and v3 adapters
(``v2_guards.py``, ``v3_guards.py``) answer with their API's usual client
error; messages are in the request's language, as the package's other API
messages are, with parameter names left as the client sends them. ``normalised_query`` rewrites the one value that is valid but breaks a
backend: the ``search`` text (see ``normalised_search``).

The checks look only at values that cannot match what a site stores (no
slug, name or title is a 20-digit number), so a request that found
something before is not refused now.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _

# The largest integer SQLite and PostgreSQL (bigint) store; a larger one cannot match any row.
MAX_DATABASE_INTEGER = 2**63 - 1
NUL = "\x00"
SEARCH_OPERATORS = ("and", "or")

# Free text, never read as a number: any other parameter holding an integer beyond 64 bits is refused,
# as no column can hold it (as text, no slug or title is 20 digits long).
FREE_TEXT_PARAMETERS = frozenset({"search", "object_str"})


@dataclass(frozen=True)
class Problem:
    """One unusable query parameter: its name, a message for the caller and a machine-readable kind."""

    name: str
    message: str
    kind: str


def printable(text: str) -> str:
    """``text`` with NUL characters written out, safe to echo in a message."""
    return text.replace(NUL, "\\x00")


def exceeds_database_integer(value) -> bool:
    """True for an integer (or integer text) beyond what the database can compare against a column."""
    try:
        return abs(int(value)) > MAX_DATABASE_INTEGER
    except (TypeError, ValueError):
        return False


def query_problems(query: QueryDict) -> list[Problem]:
    """Every parameter of ``query`` that can only end in a database or search-backend error."""
    problems = []
    for name, values in query.lists():
        shown = printable(name)
        if any(NUL in text for text in (name, *values)):
            problems.append(Problem(shown, nul_message(shown), "nul_character"))
        elif name not in FREE_TEXT_PARAMETERS and any(exceeds_database_integer(value) for value in values):
            message = _("%(name)s must be at most %(maximum)s") % {"name": shown, "maximum": MAX_DATABASE_INTEGER}
            problems.append(Problem(shown, message, "less_than_equal"))
        elif name == "search_operator" and any(value not in SEARCH_OPERATORS for value in values):
            problems.append(Problem(shown, _("search_operator must be 'and' or 'or'"), "literal_error"))
        elif name == "user_id" and not all(_is_user_id(value) for value in values):
            problems.append(Problem(shown, _("user_id must be a user's id"), "user_id"))
    return problems


def nul_message(name: str) -> str:
    """The message for a parameter (or path segment) holding a NUL character, in the request's language."""
    return _("%(name)s must not contain a NUL character") % {"name": name}


def _is_user_id(value: str) -> bool:
    """True when the user model's primary key can hold ``value`` (an integer for Django's own user model)."""
    from django.contrib.auth import get_user_model

    try:
        get_user_model()._meta.pk.to_python(value)
    except ValidationError:
        return False
    return True


def normalised_search(text: str) -> str:
    """Search text without double quotes and runs of whitespace, which mean nothing to any search backend.

    Wagtail's database search backend on SQLite (modelsearch 1.3.2) wraps each
    term in double quotes for an FTS5 ``MATCH`` without escaping the quotes in
    the term, so ``"`` fails as "unterminated string"; a query of spaces alone
    fails there too (``'NoneType' object has no attribute 'as_sql'``). No
    backend indexes quotes, and Wagtail reads the API's ``search`` as plain
    text (not as a phrase query), so results are the same on every backend.
    """
    return " ".join(text.replace('"', " ").split())


def normalised_query(query: QueryDict) -> QueryDict:
    """``query`` with its ``search`` text normalised; the same object when there is nothing to change."""
    if "search" not in query:
        return query
    search = query.getlist("search")
    cleaned = [normalised_search(text) for text in search]
    if cleaned == search:
        return query
    copy = query.copy()
    copy.setlist("search", cleaned)
    copy._mutable = False
    return copy
