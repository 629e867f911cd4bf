"""API v2's answer to query input that Wagtail 8.0.1 would turn into a 500: a 400 with a message.

``GuardedQueryMixin`` goes first in the bases of every v2 endpoint the
package ships (articles, exercises, pages, images, documents). Before
Wagtail's own code runs it refuses what ``guards.query_problems`` finds,
answers an id beyond the database's integers as not found, and normalises
``search``. ``GuardedFieldsFilter`` replaces Wagtail's ``FieldsFilter`` in
their filter backends. docs/api.md ("Errors") lists each guard with the
upstream behaviour it works around.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.utils import BadRequestError

from .guards import exceeds_database_integer, normalised_query, query_problems


class GuardedFieldsFilter(FieldsFilter):
    """Wagtail's exact-match field filters (``?date=``, ``?last_reviewed=``), with a malformed value as a 400.

    Wagtail 8.0.1's ``FieldsFilter`` converts only boolean, integer and
    foreign-key values itself and catches ``ValueError``. Any other field's
    value goes to ``filter()``, where a malformed date raises Django's
    ``ValidationError``, which nothing catches.
    """

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except ValidationError as error:
            message = _("field filter error. %(details)s") % {"details": " ".join(error.messages)}
            raise BadRequestError(message) from error


def guarded_filter_backends(backends) -> list:
    """``backends`` with Wagtail's ``FieldsFilter`` swapped for ``GuardedFieldsFilter``."""
    return [GuardedFieldsFilter if backend is FieldsFilter else backend for backend in backends]


class GuardedQueryMixin:
    """Refuses unusable query input with a 400 before a Wagtail v2 viewset reads it (put it first in the bases).

    - NUL characters, integers beyond 64 bits (``offset``, foreign-key
      filters) and an unknown ``search_operator``: see ``guards.query_problems``.
    - ``find/?id=`` that is not a number: Wagtail 8.0.1's ``find_object``
      passes it to ``queryset.get(id=...)``, which raises ``ValueError``.
    - A detail id beyond 64 bits is a 404, as any id that matches nothing:
      the articles endpoint looks pages up through their parent link, where
      Django's out-of-range guard does not apply and SQLite raises
      ``OverflowError``.
    """

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if exceeds_database_integer(kwargs.get("pk")):
            raise Http404("not found")
        problems = query_problems(request.GET)
        if problems:
            raise BadRequestError(problems[0].message)
        request._request.GET = normalised_query(request._request.GET)

    def find_view(self, request):
        if "id" in request.GET:
            try:
                int(request.GET["id"])
            except ValueError as error:
                raise BadRequestError(_("id must be an integer")) from error
        return super().find_view(request)
