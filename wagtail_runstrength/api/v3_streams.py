"""v3 page read schemas whose StreamFields hand their blocks the page they sit on.

The package's blocks need the page in their API context: exercise cards show
the exercises of the page's language (``blocks/exercise.py::localize_picks``)
and related posts leave the page out. Wagtail's own StreamField resolver
(``streamfield_schema`` in ``wagtail/api/v3/schemas/generators/read.py``)
passes the request only.

Registering a resolver with ``read_generator`` is not enough by itself:
``wagtail.api.v3.registry`` builds every page model's read schema when it is
first imported (``register_defaults()``), and ``wagtail.api.v3.routers.pages``
puts those very classes in its detail union when it is imported, which
``wagtail.images``' own ``ready()`` already does: in a host that lists
``wagtail_runstrength`` after Wagtail's apps (as the README says), both happen
before our ``ready()``. So ``install()`` does not rebuild the schemas; it
swaps the StreamField resolvers of the classes already built (django-ninja
looks resolvers up in ``_ninja_resolvers`` at each call), which holds whatever
the order of the apps and leaves the OpenAPI document as it was.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from ninja.schema import Resolver
from wagtail.api import APIField
from wagtail.api.conf import get_model_field
from wagtail.api.v3.registry import registry
from wagtail.api.v3.schemas import read_generator
from wagtail.api.v3.schemas.generators.read import streamfield_schema
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from ..http_caching import note_page

#: The page read schemas whose StreamField resolvers ``install()`` swapped, by content type label.
patched: dict[str, type] = {}


def page_resolver(field_name: str):
    """A v3 resolver for the StreamField ``field_name`` that adds the page to its blocks' context."""

    def resolve(obj, context: dict) -> Any:
        value = getattr(obj, field_name)
        if value is None:
            return []
        note_page(obj)  # the response's surrogate keys name the page's hero image, category and clinicians
        return value.stream_block.get_api_representation(value, {**(context or {}), "page": obj})

    resolve.runstrength_page_resolver = True
    return staticmethod(resolve)


def streamfield_with_page(generator, field) -> tuple:
    """Wagtail's StreamField schema with ``page_resolver`` (for schemas built after ``install()``).

    The annotation and default stay Wagtail's, so the OpenAPI document does not
    change; only the resolver differs. Blocks that do not look for ``page`` see
    no difference.
    """
    annotation, default, _wagtail_resolver = streamfield_schema(generator, field)
    return annotation, default, page_resolver(field.name)


def streamfield_names(model: type[Model]) -> list[str]:
    """The StreamFields that ``model``'s ``api_fields`` show through the generator's StreamField schema.

    A field with its own serializer (the article body's ``ArticleBodyField``)
    does not go through that schema, so it does not count.
    """
    names = []
    for api_field in APIField.get_fields_for_model(model):
        if api_field.serializer is not None:
            continue
        try:
            model_field = get_model_field(model, api_field.name)
        except FieldDoesNotExist:
            continue
        if isinstance(model_field, StreamField):
            names.append(api_field.name)
    return names


def with_subclasses(schema: type) -> list[type]:
    """``schema`` and every class derived from it (each keeps its own copy of the resolvers)."""
    found, pending = [], [schema]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


def install() -> None:
    """Give every page read schema's StreamFields ``page_resolver``, now and for schemas built later."""
    read_generator.register_field_schema(StreamField, streamfield_with_page)
    for model in get_page_models():
        registration = registry.get(model._meta.label)
        names = streamfield_names(model)
        if registration is None or registration.read_schema is None or not names:
            continue
        for schema in with_subclasses(registration.read_schema):
            for name in names:
                if name in schema._ninja_resolvers:
                    schema._ninja_resolvers[name] = Resolver(page_resolver(name))
        patched[model._meta.label] = registration.read_schema
