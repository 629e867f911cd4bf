"""The demo clinic's own page: a home page that leads readers to the blog."""

from __future__ import annotations

from django.db import models
from wagtail.fields import RichTextField
from wagtail.models import Page

from wagtail_runstrength.models import ArticleIndexPage, ArticlePage

from .demo.records import DemoRecord  # noqa: F401  (a model of this app, kept beside the demo loader)

LATEST_ARTICLES = 3


class HomePage(Page):
    """The clinic's front page: a welcome, the latest articles and how to book."""

    intro = RichTextField(
        "introduction",
        features=["bold", "italic", "link"],
        blank=True,
        help_text="A few sentences welcoming readers to the clinic.",
    )
    booking_heading = models.CharField(
        "booking heading",
        max_length=255,
        blank=True,
        default="Book an assessment",
    )
    booking_details = RichTextField(
        "how to book",
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text="Phone number, address and opening hours. Calls to action can link here.",
    )

    content_panels = [
        *Page.content_panels,
        "intro",
        "booking_heading",
        "booking_details",
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["wagtail_runstrength.ArticleIndexPage", "wagtail_runstrength.ExerciseLibraryPage"]
    max_count = 1
    template = "clinic/home_page.html"

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = ArticleIndexPage.objects.child_of(self).live().public()
        context["sections"] = sections
        context["latest_articles"] = (
            ArticlePage.objects.descendant_of(self)
            .visible_in(self.get_site(), self.locale)
            .newest_first()
            .for_cards()[:LATEST_ARTICLES]
        )
        return context
