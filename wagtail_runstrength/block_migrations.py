"""Operations for data migrations of stored block content (``wagtail.blocks.migrations``).

Wagtail ships renames and removals; a StructBlock that gains children needs
its stored values filled in as well, so that every revision, not only the
live one, holds the new shape and an old revision restores cleanly.
"""

from __future__ import annotations

import copy

from django.utils.deconstruct import deconstructible
from wagtail.blocks.migrations.operations import BaseBlockOperation


@deconstructible
class AddStructChildrenOperation(BaseBlockOperation):
    """Give each stored StructBlock value the children in ``defaults`` it lacks; values it has are kept.

    ``defaults`` maps a child name to its stored (JSON) default, e.g.
    ``{"tags": "", "categories": []}``.
    """

    def __init__(self, defaults: dict):
        super().__init__()
        self.defaults = defaults

    def apply(self, block_value):
        if not isinstance(block_value, dict):
            return block_value  # not a struct value: leave what is stored untouched
        missing = {name: copy.deepcopy(default) for name, default in self.defaults.items() if name not in block_value}
        return {**block_value, **missing}

    @property
    def operation_name_fragment(self):
        return "add_struct_children_{}".format("_".join(sorted(self.defaults)))
