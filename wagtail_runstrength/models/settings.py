"""Per-site settings: the clinic's name and logo, and the default call to action (in each language)."""

from __future__ import annotations

import swapper
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string
from wagtail.models import Orderable

from ..forms import RunStrengthSettingsForm


@register_setting(icon="pick")
class RunStrengthSettings(ClusterableModel, BaseSiteSetting):
    """What the package needs to know about the clinic behind each site.

    A ``ClusterableModel`` so the default call to action's other languages
    (``LocalizedCallToAction``) are edited inline, on the same screen.
    """

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

    review_interval_months = models.PositiveSmallIntegerField(
        _("review every (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "How often a clinician must review each article and exercise. "
            "An article or exercise can set a shorter or longer interval of its own."
        ),
    )
    review_due_soon_days = models.PositiveSmallIntegerField(
        _("due soon window (days)"),
        default=30,
        validators=[MaxValueValidator(365)],
        help_text=_("How many days before a review falls due it is listed as due soon and its reviewer is reminded."),
    )
    overdue_notice = models.TextField(
        _("overdue review notice"),
        blank=True,
        help_text=_(
            "Shown to readers on an article whose clinical review is overdue. Leave blank for the default wording."
        ),
    )

    select_related = ["logo", "cta_page"]

    base_form_class = RunStrengthSettingsForm

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
            help_text=_(
                "Shown by call-to-action blocks that editors leave blank, on pages in any language "
                "that has no call to action of its own below."
            ),
        ),
        InlinePanel(
            "localized_calls_to_action",
            heading=_("Default call to action in other languages"),
            label=_("Language"),
            help_text=_(
                "Pages in these languages show their own call to action instead of the one above. "
                "Leave the link blank to use the link above, such as a booking system every language shares."
            ),
        ),
        MultiFieldPanel(["frontend_base_url"], heading=_("Headless frontend")),
        MultiFieldPanel(
            ["review_interval_months", "review_due_soon_days", "overdue_notice"],
            heading=_("Clinical review"),
        ),
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

    def default_call_to_action(self, locale=None) -> dict | None:
        """The call to action to show in ``locale``, or ``None`` when the site has not set one up.

        ``locale`` is a ``Locale`` or its id (a page's ``locale_id``); ``None``
        means the active language. A language with its own call to action
        (``LocalizedCallToAction``) shows it, borrowing the link above when it
        has none; any other language shows the one above.
        """
        localized = self.localized_call_to_action(locale)
        if localized is not None:
            return localized.as_call_to_action(fallback=self)
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

    def localized_call_to_action(self, locale=None) -> LocalizedCallToAction | None:
        """The call to action written for ``locale`` (see ``default_call_to_action``), if there is one.

        All of the site's languages are read in one query, kept on this object:
        Wagtail keeps one settings object per request, so a page with several
        call-to-action blocks asks the database once.
        """
        if self.pk is None:
            return None
        if not hasattr(self, "_localized_calls_to_action"):
            self._localized_calls_to_action = list(self.localized_calls_to_action.select_related("locale", "page"))
        if locale is None:
            return _for_language(self._localized_calls_to_action, get_language() or "")
        locale_id = getattr(locale, "pk", locale)
        return next((cta for cta in self._localized_calls_to_action if cta.locale_id == locale_id), None)


def _for_language(calls_to_action: list[LocalizedCallToAction], language: str) -> LocalizedCallToAction | None:
    """The call to action in ``language`` ("fr-ca"), else in its main language ("fr")."""
    language = language.lower()
    by_code = {cta.locale.language_code.lower(): cta for cta in calls_to_action}
    return by_code.get(language) or by_code.get(language.split("-")[0])


class LocalizedCallToAction(Orderable):
    """The default call to action of one site in one language, for pages written in that language."""

    site_settings = ParentalKey(
        RunStrengthSettings,
        on_delete=models.CASCADE,
        related_name="localized_calls_to_action",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Pages in this language show this call to action."),
    )
    heading = models.CharField(
        _("heading"),
        max_length=255,
        blank=True,
        help_text=_("Written in this row's language, like the text and the button label."),
    )
    text = models.TextField(_("text"), blank=True)
    button_label = models.CharField(
        _("button label"),
        max_length=60,
    )
    page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        verbose_name=_("button links to a page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Such as this language's booking page. Leave blank to use the link above."),
    )
    url = models.URLField(_("…or to an address"), blank=True)

    panels = ["locale", "heading", "text", "button_label", FieldPanel("page"), "url"]

    class Meta(Orderable.Meta):
        verbose_name = _("call to action in another language")
        verbose_name_plural = _("calls to action in other languages")
        constraints = [
            models.UniqueConstraint(fields=["site_settings", "locale"], name="rs_localized_cta_one_per_language"),
        ]

    def __str__(self) -> str:
        return self.button_label

    def clean(self) -> None:
        super().clean()
        if self.page_id and self.url:
            message = _("Link the button to a page or to an address, not both.")
            raise ValidationError({"page": message, "url": message})

    def as_call_to_action(self, fallback: RunStrengthSettings) -> dict | None:
        """This language's prompt, linked where its button says or else where the site's default links."""
        page = self.page if self.page_id else None
        href = page.url if page else self.url
        if not href:
            page = fallback.cta_page if fallback.cta_page_id else None
            href = page.url if page else fallback.cta_url
        if not (href and self.button_label):
            return None
        return {
            "heading": self.heading,
            "text": self.text,
            "button_label": self.button_label,
            "href": href,
            "page": page,
        }
