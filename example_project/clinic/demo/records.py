"""What the demo loader has dealt with, so a second run neither brings back nor overwrites anything.

One row per piece of demo content (the home page, each article, exercise,
image, the site settings...), keyed by what ``content.py`` calls it. A row
whose object is gone means an editor deleted it: the loader leaves it deleted.
``created`` tells what the loader made itself, as opposed to what it found
already there (a database loaded before these records existed, say):
``--reset`` deletes only what it made.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models


class DemoRecord(models.Model):
    key = models.CharField(max_length=255, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=255)
    created = models.BooleanField(default=True)

    class Meta:
        verbose_name = "demo content record"

    def __str__(self) -> str:
        return self.key

    def target(self):
        """The object, or ``None`` when it has been deleted since."""
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first() if model else None
