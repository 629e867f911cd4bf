"""The public exercise library on Wagtail 8's v3 API (``/api/v3/exercises/``).

Registered from ``AppConfig.ready()`` when ``wagtail.api.v3`` is installed:
extra routers must be added to Wagtail's single v3 ``NinjaAPI`` before its URLs
are first built. Article pages need nothing here: Wagtail's v3 generator
builds their schemas from ``api_fields`` (see ``fields.py``).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.v3.registry import ContentTypeRegistration, registry
from wagtail.api.v3.schemas import BaseSchema
from wagtail.api.v3.schemas.generators.read import read_generator
from wagtail.models import Locale, Site

from ..http_caching import v3_operation
from ..models import ExerciseSnippet, MuscleGroup
from . import locales
from .messages import unknown_choice_message
from .schemas import RunStrengthTranslation
from .v3_cache import cached_page_detail
from .v3_detail import preloaded_page_detail
from .v3_find import localized_find
from .v3_guards import install as install_guards
from .v3_guards import problem_responses
from .v3_request import v3_request_scope
from .v3_streams import install as install_stream_schemas

CONTENT_TYPE_NAME = "runstrength.exercises"

ExercisePublicSchema = read_generator.build_schema(
    ExerciseSnippet, name="RunStrengthExercisePublicSchema", base_class=BaseSchema, follow_reverse_related=False
)


class RunStrengthExerciseDetailSchema(ExercisePublicSchema):
    """An exercise's detail: its listing shape plus links to its translations."""

    translations: list[RunStrengthTranslation] = []

    @staticmethod
    def resolve_translations(obj, context: dict) -> list[dict[str, Any]]:
        return locales.exercise_translations(obj, (context or {}).get("request"))


ExerciseDetailSchema = RunStrengthExerciseDetailSchema

# A module-level default, as ninja reads parameter metadata from it (ruff's B008 would flag a call in the signature).
LOCALE_QUERY = Query(
    None,
    description=(
        "A language code of the site's content languages, such as `fr`. Default: the request's language when it"
        " is one of them, else the default language. Any other value is a 400."
    ),
)

router = Router(tags=["exercises"], auth=[BearerTokenAuth(), AllowAnonymous()])


def exercise_queryset(request: HttpRequest):
    """Published exercises, with everything the schema reads loaded in a fixed number of queries."""
    return ExerciseSnippet.objects.for_public_api(Site.find_for_request(request))


def in_requested_language(queryset, locale: str | None):
    """``queryset`` in the ``?locale=`` language (else the reader's, else the default); a bad code is a 400."""
    try:
        return locales.in_language(queryset, locales.requested_language(locale))
    except locales.UnknownLocale as error:
        raise HttpError(400, str(error)) from error


def _choice(name: str, value: str | None, choices: list[str]) -> str | None:
    if value is None:
        return None
    if value not in choices:
        raise HttpError(400, unknown_choice_message(name, value, choices))
    return value


@router.get(
    "/",
    response=list[ExercisePublicSchema],
    url_name="runstrength_exercises_list",
    summary="List published exercises in one language",
    operation_id="runstrength_exercises_list",
    openapi_extra={"responses": problem_responses(400, 422)},
)
@paginate(WagtailLimitOffsetPagination)
def list_exercises(
    request: HttpRequest,
    muscle: str | None = None,
    difficulty: str | None = None,
    equipment: str | None = None,
    search: str | None = None,
    locale: str | None = LOCALE_QUERY,
    **kwargs: Any,
):
    queryset = in_requested_language(exercise_queryset(request), locale)
    if muscle is not None:
        group = MuscleGroup.for_slug(muscle, Locale.get_active())
        if group is None:
            raise HttpError(400, _("unknown muscle '%(slug)s'; use the slug of a muscle group") % {"slug": muscle})
        queryset = queryset.for_muscle(group)
    if _choice("difficulty", difficulty, ExerciseSnippet.Difficulty.values):
        queryset = queryset.for_difficulty(difficulty)
    if _choice("equipment", equipment, ExerciseSnippet.Equipment.values):
        queryset = queryset.with_equipment(equipment)
    if search:
        queryset = queryset.matching(search)
    return queryset


def _get(request: HttpRequest, **lookup: Any):
    exercise = exercise_queryset(request).filter(**lookup).first()
    if exercise is None:
        raise Http404("No published exercise matches.")
    return exercise


@router.get(
    "/{exercise_id}/",
    response=ExerciseDetailSchema,
    url_name="runstrength_exercises_detail",
    summary="Get a published exercise by id",
    operation_id="runstrength_exercises_detail",
    openapi_extra={"responses": problem_responses(404, 422)},
)
def get_exercise(request: HttpRequest, exercise_id: int):
    return _get(request, pk=exercise_id)


@router.get(
    "/by-slug/{slug}/",
    response=ExerciseDetailSchema,
    url_name="runstrength_exercises_by_slug",
    summary="Get a published exercise by slug, in one language",
    operation_id="runstrength_exercises_by_slug",
    openapi_extra={"responses": problem_responses(400, 404, 422)},
)
def get_exercise_by_slug(request: HttpRequest, slug: str, locale: str | None = LOCALE_QUERY):
    exercise = in_requested_language(exercise_queryset(request), locale).filter(slug=slug).first()
    if exercise is None:
        raise Http404("No published exercise matches.")
    return exercise


def register() -> None:
    """Add the exercises router and content type to Wagtail's v3 API (call from ``ready()``).

    Also installs the package's guards on every v3 operation and its error
    responses in the OpenAPI document (``v3_guards.py``), the cached
    article detail (``v3_cache.py``) and its one-lookup load (``v3_detail.py``),
    gives the page schemas' StreamField blocks their page
    (``v3_streams.py``) and lets ``pages/find/`` read language prefixes (``v3_find.py``).
    """
    install_stream_schemas()

    from wagtail.api.v3.api import api

    registry.register(
        ContentTypeRegistration(name=CONTENT_TYPE_NAME, label="Exercises", read_schema=ExercisePublicSchema)
    )
    api.add_router("/exercises/", router)
    # Inside the guards (added next), which check html_path before it is looked up.
    api.add_decorator(localized_find, mode="view")
    install_guards(api)
    # Inside every view decorator: runs after django-ninja has validated the detail's parameters.
    api.add_decorator(preloaded_page_detail, mode="operation")
    # Added after the guards, so it wraps them: a query it does not cache goes through them untouched.
    api.add_decorator(cached_page_detail, mode="view")
    # The request for serializer fields, which Wagtail's generator gives no context (``v3_request.py``).
    api.add_decorator(v3_request_scope, mode="view")
    # Added last, so it is outermost: a cached detail's surrogate keys are replayed inside its scope.
    api.add_decorator(v3_operation, mode="view")
