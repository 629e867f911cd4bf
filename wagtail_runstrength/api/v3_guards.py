"""API v3's answer to query input that Wagtail 8.0.1 would turn into a 500, and its documented errors.

Two hooks on Wagtail's single v3 ``NinjaAPI``, installed by ``install()`` from
the app's ``ready()`` (through ``v3.register``):

- ``guard`` wraps every operation, Wagtail's and the package's, before
  django-ninja reads its parameters (``api.add_decorator(mode="view")``). A
  query value that ``guards.query_problems`` finds unusable is a 422 in
  Wagtail's problem+json format, as ninja's own parameter errors are; the
  ``search`` text is normalised. What each check works around is in
  ``guards.py`` and docs/api.md ("Errors").
- ``document_errors`` completes the OpenAPI document: Wagtail's generated
  operations declare only their success response, while they really answer
  400, 401, 403, 404 and 422. Generated clients and contract tests
  (schemathesis) rely on that list, so the package adds what each operation
  can return, derived from its parameters and its security, and bounds
  ``limit`` and ``offset`` as the server does.
"""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from wagtail.api.v3.errors import PROBLEM_JSON, problem_response

from .guards import MAX_DATABASE_INTEGER, NUL, normalised_query, nul_message, query_problems

PROBLEM_SCHEMA_NAME = "RunStrengthProblemDetail"
PROBLEM_SCHEMA = {
    "title": PROBLEM_SCHEMA_NAME,
    "description": "An error in Wagtail's v3 format (RFC 9457 problem details); 422 adds `errors`.",
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["type", "title", "status"],
}
ERROR_DESCRIPTIONS = {
    400: "Bad request: a parameter value the operation cannot use (`detail` says which).",
    401: "No valid bearer token: this operation needs one.",
    403: "The token's user lacks the permission this operation needs.",
    404: "Nothing matches the path, or an object named in the query does not exist.",
    422: "Validation failed: see `errors` for each parameter.",
}
PUBLIC = "AllowAnonymous"
# Query parameters whose unknown values Wagtail answers with a 404 (``?site=nope.example``, ``?locale=zz``).
LOOKUP_PARAMETERS = frozenset({"site", "locale"})


def problem_responses(*statuses: int) -> dict[str, dict]:
    """OpenAPI ``responses`` entries for these error statuses, in Wagtail's problem+json format."""
    return {
        str(status): {
            "description": ERROR_DESCRIPTIONS[status],
            "content": {PROBLEM_JSON: {"schema": {"$ref": f"#/components/schemas/{PROBLEM_SCHEMA_NAME}"}}},
        }
        for status in statuses
    }


def guard(run):
    """Wraps an operation's ``run``: unusable query values become a 422, ``search`` is normalised."""

    @functools.wraps(run)
    def guarded(request, *args, **kwargs):
        errors = [
            {"type": problem.kind, "loc": ["query", problem.name], "msg": problem.message}
            for problem in query_problems(request.GET)
        ]
        errors += [
            {"type": "nul_character", "loc": ["path", name], "msg": nul_message(name)}
            for name, value in kwargs.items()
            if isinstance(value, str) and NUL in value
        ]
        if errors:
            return problem_response(status=422, detail="Validation failed", errors=errors)
        request.GET = normalised_query(request.GET)
        return run(request, *args, **kwargs)

    return guarded


def operation_errors(path: str, method: str, operation: dict) -> list[int]:
    """The error statuses ``operation`` can answer with, from what it takes and who may call it."""
    names = {parameter["name"] for parameter in operation.get("parameters", [])}
    statuses = set()
    if names or "requestBody" in operation:
        statuses.add(422)  # ninja's parameter and body validation, and ``guard``
    if names & {"limit", "site"}:
        statuses.add(400)  # a limit above WAGTAILAPI_LIMIT_MAX; a ?site= that matches several sites
    if "{" in path or path.endswith("/find/") or names & LOOKUP_PARAMETERS:
        statuses.add(404)
    if method != "get":
        statuses.add(400)  # Wagtail's write operations refuse some bodies with a 400
    if not any(PUBLIC in requirement for requirement in operation.get("security", [])):
        statuses.update({401, 403})
    return sorted(statuses)


def _bound(parameter: dict, maximum: float | int | None) -> None:
    if maximum is not None and "type" in parameter.get("schema", {}):
        parameter["schema"]["maximum"] = int(maximum)


def document_errors(document: dict) -> dict:
    """Adds the error responses each operation really returns, and the bounds of ``limit`` and ``offset``.

    Responses an operation declares itself (the package's exercises router
    does) are kept as they are.
    """
    document.setdefault("components", {}).setdefault("schemas", {})[PROBLEM_SCHEMA_NAME] = PROBLEM_SCHEMA
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            for status, response in problem_responses(*operation_errors(path, method, operation)).items():
                responses.setdefault(status, response)
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "query":
                    continue
                if parameter["name"] == "limit":
                    _bound(parameter, limit_max)
                elif parameter["name"] == "offset":
                    _bound(parameter, MAX_DATABASE_INTEGER)
    return document


def install(api) -> None:
    """Adds ``guard`` to every operation of ``api`` and ``document_errors`` to its OpenAPI document.

    Call before the API's URLs are first built (``AppConfig.ready()``).
    """
    api.add_decorator(guard, mode="view")
    generate = api.get_openapi_schema

    @functools.wraps(generate)
    def get_openapi_schema(*args: Any, **kwargs: Any):
        return document_errors(generate(*args, **kwargs))

    api.get_openapi_schema = get_openapi_schema
