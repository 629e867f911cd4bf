"""Clinicians: the people who write and clinically review health content."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import TranslatableMixin
from wagtail.search import index

from ..delete_guard import DeleteGuardMixin, DeleteGuardQuerySet
from ..localize_fields import override_fields


class Clinician(index.Indexed, DeleteGuardMixin, TranslatableMixin, models.Model):
    """A physical therapist or other clinician credited on articles as author or reviewer.

    Not deleted while a published article names them (``delete_guard.py``).
    """

    name = models.CharField(_("name"), max_length=255)
    credentials = models.CharField(
        _("credentials"),
        max_length=100,
        blank=True,
        help_text=_('Post-nominal letters as they should appear after the name, for example "DPT, OCS".'),
    )
    role = models.CharField(
        _("role"),
        max_length=255,
        blank=True,
        help_text=_('The clinician\'s job title at the clinic, for example "Physical therapist".'),
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=100,
        blank=True,
        help_text=_("Optional professional licence or registration number, shown on the profile."),
    )
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(
        _("short bio"),
        blank=True,
        help_text=_("Two or three sentences about the clinician."),
    )
    profile_url = models.URLField(
        _("profile URL"),
        blank=True,
        help_text=_("A page with more about this clinician, on this site or elsewhere."),
    )

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("admin user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinician_profiles",
        help_text=_("The clinician's own login. Approving a clinical review records this clinician as the reviewer."),
    )

    objects = DeleteGuardQuerySet.as_manager()

    panels = [
        "name",
        "credentials",
        "role",
        "registration_number",
        FieldPanel("photo"),
        "bio",
        "profile_url",
        FieldPanel("user"),
    ]
    # A name is the same in every language (a translator may still override one); the role and bio translate.
    override_translatable_fields = override_fields(
        translate=("credentials", "role", "bio"),
        synchronize=("name", "registration_number", "photo", "profile_url"),
    )
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("clinician")
        verbose_name_plural = _("clinicians")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name with credentials, as a byline shows it: "Dana Ortiz, DPT, OCS"."""
        return f"{self.name}, {self.credentials}" if self.credentials else self.name
