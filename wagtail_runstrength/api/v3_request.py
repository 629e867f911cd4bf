"""The request of the API v3 operation being answered, for the serializer fields Wagtail hands none.

Wagtail 8's v3 generator runs an ``APIField(serializer=...)`` with an empty
context (``_custom_serializer_schema`` in ``read.py``), so a field that needs
the request's site settings would find the page's site and read its settings
itself: two queries the request has already paid for. ``v3_request_scope``
wraps every v3 operation (``api.add_decorator(mode="view")`` in ``v3.register``)
and keeps the request here for the length of the call.
"""

from __future__ import annotations

import functools
from contextvars import ContextVar

_current: ContextVar = ContextVar("wagtail_runstrength_v3_request", default=None)


def current_request():
    """The request of the v3 operation running now, or ``None`` outside one."""
    return _current.get()


def v3_request_scope(view):
    """Wraps a v3 operation's view so the fields it serializes can read its request."""

    @functools.wraps(view)
    def scoped(request, *args, **kwargs):
        token = _current.set(request)
        try:
            return view(request, *args, **kwargs)
        finally:
            _current.reset(token)

    return scoped
