"""v3 page read schemas whose StreamFields hand their blocks the page they sit on.

The package's blocks need the page in their API context: exercise cards show
the exercises of the page's language (``blocks/exercise.py::localize_picks``)
and related posts leave the page out. Wagtail's own StreamField resolver
(``streamfield_schema`` in ``wagtail/api/v3/schemas/generators/read.py``)
passes the request only.

Registering a resolver with ``read_generator`` is not enough by itself:
``wagtail.api.v3.registry`` builds every page model's read schema when it is
first imported (``register_defaults()``), before any ``ready()`` of ours, and
``wagtail.api.v3.routers.pages`` copies the registered schemas into its detail
union when it is imported (through ``wagtail.api.v3.api``). So ``install()``
also rebuilds the read schema of each page model that lists a StreamField in
its ``api_fields`` and registers it again; it must run before the routers are
imported, which ``check_page_schemas`` (a system check) reports when it did not.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

from django.core.checks import Error
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from wagtail.api import APIField
from wagtail.api.conf import get_model_field
from wagtail.api.v3.registry import registry
from wagtail.api.v3.schemas import PageSchema, read_generator
from wagtail.api.v3.schemas.generators.read import streamfield_schema
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from ..http_caching import note_page

PAGES_ROUTER_MODULE = "wagtail.api.v3.routers.pages"

#: The page models whose read schemas ``install()`` rebuilt, by content type label.
rebuilt: dict[str, type] = {}
_routers_built_first = False


def streamfield_with_page(generator, field) -> tuple:
    """Wagtail's StreamField schema with a resolver that adds the page to the blocks' context.

    The annotation and default stay Wagtail's, so the OpenAPI document does not
    change; only the resolver differs. Blocks that do not look for ``page`` see
    no difference.
    """
    annotation, default, _wagtail_resolver = streamfield_schema(generator, field)
    field_name = field.name

    def resolve(obj, context: dict) -> Any:
        value = getattr(obj, field_name)
        note_page(obj)  # the response's surrogate keys name the page's hero image, category and clinicians
        return value.stream_block.get_api_representation(value, {**(context or {}), "page": obj})

    return annotation, default, staticmethod(resolve)


def lists_a_streamfield(model: type[Model]) -> bool:
    """Whether ``model``'s ``api_fields`` show a StreamField through the generator's StreamField schema.

    A field with its own serializer (the article body's ``ArticleBodyField``)
    does not go through that schema, so it does not count.
    """
    for api_field in APIField.get_fields_for_model(model):
        if api_field.serializer is not None:
            continue
        try:
            model_field = get_model_field(model, api_field.name)
        except FieldDoesNotExist:
            continue
        if isinstance(model_field, StreamField):
            return True
    return False


def install() -> None:
    """Use ``streamfield_with_page`` for StreamFields and rebuild the page read schemas that have one.

    Call before anything imports ``wagtail.api.v3.api``. Calling it again
    rebuilds the same schemas.
    """
    global _routers_built_first
    _routers_built_first = PAGES_ROUTER_MODULE in sys.modules
    read_generator.register_field_schema(StreamField, streamfield_with_page)
    for model in get_page_models():
        label = model._meta.label
        registration = registry.get(label)
        if registration is None or not lists_a_streamfield(model):
            continue
        schema = read_generator.generate_schema(model, base_class=PageSchema)
        registry.register(dataclasses.replace(registration, read_schema=schema))
        rebuilt[label] = schema


def check_page_schemas(app_configs=None, **kwargs) -> list[Error]:
    """Report a host where the v3 page routers were imported before ``install()`` ran."""
    if not _routers_built_first:
        return []
    return [
        Error(
            "wagtail.api.v3's page routers were imported before wagtail_runstrength's ready(), so StreamField"
            " blocks of pages on /api/v3/pages/ do not get their page (exercise cards stay in the chosen"
            " exercise's language).",
            hint=(
                "Put 'wagtail_runstrength' before any app whose ready() imports wagtail.api.v3.api in"
                " INSTALLED_APPS, and do not import it from a settings or models module."
            ),
            id="wagtail_runstrength.E002",
        )
    ]
