"""Muscle groups and article categories: the vocabularies exercises and articles are filed under."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from ..localize_fields import override_fields
from .base import SluggedTranslatableModel


class MuscleGroup(index.Indexed, SluggedTranslatableModel):
    """A muscle or muscle group an exercise strengthens, such as the glute medius."""

    class Region(models.TextChoices):
        HIP = "hip", _("Hip")
        THIGH = "thigh", _("Thigh")
        LOWER_LEG = "lower_leg", _("Lower leg and foot")
        TRUNK = "trunk", _("Trunk")
        UPPER_BODY = "upper_body", _("Upper body")

    region = models.CharField(
        _("body region"),
        max_length=20,
        choices=Region.choices,
        help_text=_("Where in the body this muscle group sits; used to group filters."),
    )

    panels = ["name", "slug", FieldPanel("region")]
    override_translatable_fields = override_fields(translate=("name",), synchronize=("slug", "region"))
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(SluggedTranslatableModel.Meta):
        verbose_name = _("muscle group")
        verbose_name_plural = _("muscle groups")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class ArticleCategory(index.Indexed, SluggedTranslatableModel):
    """A section of the blog an article belongs to, such as Athletic Performance."""

    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("One or two sentences shown at the top of the category's article listing."),
    )

    panels = ["name", "slug", "description"]
    override_translatable_fields = override_fields(translate=("name", "description"), synchronize=("slug",))
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(SluggedTranslatableModel.Meta):
        verbose_name = _("article category")
        verbose_name_plural = _("article categories")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
