"""Typed API output of a StreamBlock, generated from the ``api_schema`` its child blocks declare.

Wagtail serialises a stream as ``[{"type": <name>, "value": ..., "id": <uuid>}]``.
The name is the stream's choice (a host may call the package's exercise block
``workout``), so the wrapper for each child is made here from the name and
the child block's ``api_schema``, and the children are joined in a union
discriminated on ``type``. A child block without an ``api_schema`` is an
error, raised when the schema is built: nothing can reach the API untyped.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from django.core.exceptions import ImproperlyConfigured
from pydantic import Field, RootModel, create_model
from wagtail import blocks

from .schemas import _Schema


def child_schema_name(name: str, prefix: str = "RunStrength") -> str:
    """``key_points`` as ``RunStrengthKeyPointsBlock``: the component name in the OpenAPI document."""
    return prefix + "".join(part.title() for part in name.split("_")) + "Block"


def child_schema(name: str, block: blocks.Block, prefix: str = "RunStrength") -> type[_Schema]:
    """The model of one stream child: ``{"type": name, "id": str, "value": block.api_schema}``."""
    value_schema = getattr(block, "api_schema", None)
    if value_schema is None:
        raise ImproperlyConfigured(
            f"The stream block {name!r} ({type(block).__name__}) declares no api_schema; "
            "give the block class an api_schema describing what its get_api_representation returns."
        )
    return create_model(
        child_schema_name(name, prefix),
        __base__=_Schema,
        __module__=__name__,
        type=(Literal[name], ...),
        id=(str, ...),
        value=(value_schema, ...),
    )


def child_schemas(stream_block: blocks.StreamBlock, prefix: str = "RunStrength") -> dict[str, type[_Schema]]:
    return {name: child_schema(name, block, prefix) for name, block in stream_block.child_blocks.items()}


def stream_item_type(stream_block: blocks.StreamBlock, prefix: str = "RunStrength") -> Any:
    """One stream child, whichever type it is: a union discriminated on ``type``."""
    members = tuple(child_schemas(stream_block, prefix).values())
    return Annotated[Union[members], Field(discriminator="type")]  # noqa: UP007 (a runtime tuple of types)


def stream_schema(stream_block: blocks.StreamBlock, name: str, prefix: str = "RunStrength", doc: str = "") -> type:
    """A root model for a whole stream: its children in order. Hosts may call it for their own StreamFields."""
    model = create_model(name, __base__=RootModel[list[stream_item_type(stream_block, prefix)]], __module__=__name__)
    model.__doc__ = doc or f"The blocks of a {type(stream_block).__name__}, in order."
    return model
