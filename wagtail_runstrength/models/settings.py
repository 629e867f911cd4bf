"""Per-site settings: the clinic's name and logo, and the default call to action."""

from __future__ import annotations

import swapper
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string


@register_setting(icon="pick")
class RunStrengthSettings(BaseSiteSetting):
    """What the package needs to know about the clinic behind each site."""

    clinic_name = models.CharField(
        _("clinic name"),
        max_length=255,
        blank=True,
        help_text=_("Shown in bylines, feeds and as the publisher in search results."),
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cta_heading = models.CharField(
        _("heading"),
        max_length=255,
        blank=True,
        help_text=_('For example "Our physical therapists are ready to help".'),
    )
    cta_text = models.TextField(_("text"), blank=True)
    cta_button_label = models.CharField(
        _("button label"),
        max_length=60,
        blank=True,
        help_text=_('For example "Book an appointment".'),
    )
    cta_page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        verbose_name=_("button links to a page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cta_url = models.URLField(_("…or to an address"), blank=True)
    frontend_base_url = models.URLField(
        _("frontend base URL"),
        blank=True,
        help_text=_(
            "For headless sites only: the address of the frontend that readers visit, such as "
            "https://www.example-clinic.com. Page links in the API, feeds and sitemaps then point there."
        ),
    )

    select_related = ["logo", "cta_page"]

    panels = [
        "clinic_name",
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                "cta_heading",
                "cta_text",
                "cta_button_label",
                FieldPanel("cta_page"),
                "cta_url",
            ],
            heading=_("Default call to action"),
            help_text=_("Shown by call-to-action blocks that editors leave blank."),
        ),
        MultiFieldPanel(["frontend_base_url"], heading=_("Headless frontend")),
    ]

    class Meta:
        verbose_name = _("run strength settings")
        verbose_name_plural = _("run strength settings")

    def clean(self) -> None:
        super().clean()
        if self.cta_page_id and self.cta_url:
            message = _("Link the button to a page or to an address, not both.")
            raise ValidationError({"cta_page": message, "cta_url": message})
        if (self.cta_page_id or self.cta_url) and not self.cta_button_label:
            raise ValidationError({"cta_button_label": _("A button needs a label.")})

    def default_call_to_action(self) -> dict | None:
        """The call to action to show, or ``None`` when the site has not set one up."""
        page = self.cta_page if self.cta_page_id else None
        href = page.url if page else self.cta_url
        if not (href and self.cta_button_label):
            return None
        return {
            "heading": self.cta_heading,
            "text": self.cta_text,
            "button_label": self.cta_button_label,
            "href": href,
            "page": page,
        }
