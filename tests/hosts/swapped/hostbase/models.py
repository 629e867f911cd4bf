"""The host's own base page model, named in ``WAGTAIL_PAGE_MODEL``."""

from django.db import models
from wagtail.models import AbstractPage


class BasePage(AbstractPage):
    """Every page of the site, the package's article pages included, inherits from this model."""

    audience = models.CharField(
        "audience",
        max_length=60,
        blank=True,
        help_text="Who the page is written for, such as “Runners” or “Clinicians”.",
    )

    promote_panels = AbstractPage.promote_panels + ["audience"]
