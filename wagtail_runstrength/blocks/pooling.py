"""Stream-level bulk loading: each pooled model of a StreamField body is loaded once, whatever block holds it.

Wagtail turns a lazy StreamField into values one block *type* at a time
(``StreamValue._prefetch_blocks`` calls that type's ``bulk_to_python``), so two
block types that hold the same kind of object (single exercise cards and
exercise groups) each query for it, with everything that comes along
(images, renditions, muscles): the cost grows with the number of block types.

``PooledStreamValue`` changes that. The first time a block type holding a
pooled chooser is converted, the raw JSON of every block of the stream not yet
converted is walked once, the ids that chooser's kind needs are gathered, and
they are loaded in one go (``PooledChooserMixin.load_for_pool``). The pool is
kept on the stream value and handed to the choosers' ``bulk_to_python``
through a context variable while Wagtail converts, so a chooser reads from it
and only loads what it does not hold (a block added in Python after loading).
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
from collections.abc import Iterable, Iterator

from wagtail import blocks
from wagtail.blocks.stream_block import StreamValue

_current_pool: contextvars.ContextVar[StreamPool | None] = contextvars.ContextVar(
    "runstrength_stream_pool", default=None
)


class PooledChooserMixin:
    """A chooser whose objects a ``PooledStreamValue`` loads once for the whole stream.

    Subclasses define ``load_for_pool(ids) -> {pk: object}`` (everything the
    block's template and API output use, in a fixed number of queries) and
    call ``pooled_objects(values)`` from ``bulk_to_python``.
    """

    @property
    def pool_key(self) -> tuple:
        """Choosers of one class and target model share a pool entry."""
        return (type(self), self.target_model._meta.label_lower)

    def load_for_pool(self, ids: list) -> dict:
        raise NotImplementedError

    def pooled_objects(self, values: Iterable) -> list:
        """The objects for ``values`` (ids or ``None``), in order, from the stream's pool when there is one.

        An object that was already handed out (the same exercise in two cards)
        comes back as a shallow copy, so per-card state set on one card never
        shows on another.
        """
        values = list(values)
        pool = _current_pool.get()
        wanted = [value for value in values if value is not None]
        if pool is None:
            found, handed_out = (self.load_for_pool(wanted) if wanted else {}), set()
        else:
            found, handed_out = pool.objects(self, wanted)
        result = []
        for pk in values:
            obj = found.get(pk)
            if obj is not None:
                if pk in handed_out:
                    obj = copy.copy(obj)
                handed_out.add(pk)
            result.append(obj)
        return result


def pooled_choosers(block) -> tuple:
    """The pooled choosers anywhere inside ``block``'s definition (worked out once per block instance)."""
    cached = getattr(block, "_runstrength_pooled_choosers", None)
    if cached is None:
        cached = tuple(_walk_definition(block))
        block._runstrength_pooled_choosers = cached
    return cached


def _walk_definition(block) -> Iterator:
    if isinstance(block, PooledChooserMixin):
        yield block
    elif isinstance(block, blocks.StructBlock | blocks.StreamBlock):
        for child in block.child_blocks.values():
            yield from _walk_definition(child)
    elif isinstance(block, blocks.ListBlock):
        yield from _walk_definition(block.child_block)


def raw_ids(block, raw, key, found: set) -> None:
    """Add to ``found`` every id that choosers with ``pool_key == key`` hold in ``block``'s raw JSON ``raw``."""
    if raw is None or not pooled_choosers(block):
        return
    if isinstance(block, PooledChooserMixin):
        if block.pool_key == key and isinstance(raw, int | str) and not isinstance(raw, bool):
            found.add(block.target_model._meta.pk.to_python(raw))
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child in block.child_blocks.items():
                raw_ids(child, raw.get(name), key, found)
    elif isinstance(block, blocks.ListBlock):
        if isinstance(raw, list):
            for item in raw:
                value = item["value"] if block._item_is_in_block_format(item) else item
                raw_ids(block.child_block, value, key, found)
    elif isinstance(block, blocks.StreamBlock):
        if isinstance(raw, list):
            for item in raw:
                child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
                if child is not None:
                    raw_ids(child, item.get("value"), key, found)


class StreamPool:
    """The objects loaded for one stream value, by pool key, and the ids already handed to a card."""

    def __init__(self, stream_block, raw_items: list):
        self.stream_block = stream_block
        self.raw_items = raw_items
        self.loaded: dict[tuple, dict] = {}
        self.handed_out: dict[tuple, set] = {}

    def load(self, chooser) -> None:
        """Load every object of ``chooser``'s kind that the stream's unconverted blocks name, once."""
        key = chooser.pool_key
        if key in self.loaded:
            return
        ids: set = set()
        for item in self.raw_items:
            child = self.stream_block.child_blocks.get(item.get("type"))
            if child is not None:
                raw_ids(child, item.get("value"), key, ids)
        self.loaded[key] = chooser.load_for_pool(sorted(ids)) if ids else {}
        self.handed_out[key] = set()

    def objects(self, chooser, wanted: list) -> tuple[dict, set]:
        """The pool's objects for ``chooser`` (loading any it lacks) and the set of ids handed out so far."""
        self.load(chooser)
        key = chooser.pool_key
        loaded = self.loaded[key]
        missing = [pk for pk in wanted if pk not in loaded]
        if missing:
            loaded.update(chooser.load_for_pool(missing))
        return loaded, self.handed_out[key]


@contextlib.contextmanager
def using_pool(pool: StreamPool):
    token = _current_pool.set(pool)
    try:
        yield pool
    finally:
        _current_pool.reset(token)


class PooledStreamValue(StreamValue):
    """A lazy stream value whose pooled choosers load their objects once for the whole stream."""

    _runstrength_pool: StreamPool | None = None

    def _prefetch_blocks(self, type_name):
        choosers = pooled_choosers(self.stream_block.child_blocks[type_name])
        if not choosers:
            return super()._prefetch_blocks(type_name)
        if self._runstrength_pool is None:
            unconverted = [
                raw for raw, bound in zip(self._raw_data, self._bound_blocks, strict=True) if bound is None and raw
            ]
            self._runstrength_pool = StreamPool(self.stream_block, unconverted)
        for chooser in choosers:
            self._runstrength_pool.load(chooser)
        with using_pool(self._runstrength_pool):
            return super()._prefetch_blocks(type_name)


class PooledStreamBlock(blocks.StreamBlock):
    """A StreamBlock whose stored (lazy) values are ``PooledStreamValue``s."""

    def to_python(self, value):
        stream = super().to_python(value)
        if type(stream) is StreamValue and stream.is_lazy:
            return PooledStreamValue(self, stream._raw_data, is_lazy=True, raw_text=stream.raw_text)
        return stream
