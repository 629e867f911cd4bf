"""API v3 answers ``409 Conflict``, naming what uses the item, when the delete guard refuses a deletion.

Wagtail's v3 snippet delete (``DELETE /api/v3/snippets/<type>/<pk>/`` and its
``actions/delete/`` twin) calls the model's ``delete()``, which raises
``ContentInUseError`` (``delete_guard.py``). Without a handler that would be a
500; with it the client gets a problem+json body in Wagtail's own shape:

    {"type": "about:blank", "title": "Conflict", "status": 409,
     "detail": "“Squat” cannot be deleted: ...",
     "errors": [{"type": "content_in_use", "msg": "...", "used_by": [
         {"type": "wagtail_runstrength.ArticlePage", "id": 7, "title": "Strength for runners"}]}]}
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from ..delete_guard import ContentInUseError
from ..usage import title_of


def _type_of(obj) -> str:
    model = getattr(obj, "specific_class", None) or type(obj)
    return model._meta.label


def conflict_response(request: HttpRequest, error: ContentInUseError) -> HttpResponse:
    from wagtail.api.v3.errors import problem_response

    errors = [
        {
            "type": "content_in_use",
            "msg": message,
            "used_by": [{"type": _type_of(user), "id": user.pk, "title": title_of(user)} for user in users],
        }
        for message, users in zip(error.messages, error.in_use.values(), strict=True)
    ]
    return problem_response(status=409, detail=" ".join(error.messages), errors=errors)


def register() -> None:
    """Map the guard's refusal to 409 on Wagtail's v3 API (call from ``ready()``)."""
    from wagtail.api.v3.api import api

    api.add_exception_handler(ContentInUseError, conflict_response)
