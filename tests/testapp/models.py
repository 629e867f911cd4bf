"""Page types of the test host: a home page, and a landing page that reuses every package block."""

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page

from wagtail_runstrength.blocks import (
    CallToActionBlock,
    ContentImageBlock,
    ExerciseBlock,
    ExerciseGroupBlock,
    HeadingBlock,
    KeyPointsBlock,
    ParagraphBlock,
    QuoteBlock,
    RelatedPostsBlock,
    TipsBlock,
    VideoEmbedBlock,
)


class HomePage(Page):
    """The root under which article indexes and landing pages live."""

    template = "runstrength_testapp/home_page.html"


class LandingPage(Page):
    """A host's own page type whose stream is built from the package's blocks, as a host site would write it."""

    body = StreamField(
        [
            ("heading", HeadingBlock()),
            ("paragraph", ParagraphBlock()),
            ("image", ContentImageBlock()),
            ("key_points", KeyPointsBlock()),
            ("exercise", ExerciseBlock()),
            ("exercise_group", ExerciseGroupBlock()),
            ("tips", TipsBlock()),
            ("call_to_action", CallToActionBlock()),
            ("quote", QuoteBlock()),
            ("embed", VideoEmbedBlock()),
            ("related_posts", RelatedPostsBlock()),
        ],
        blank=True,
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    api_fields = [APIField("body")]

    template = "runstrength_testapp/landing_page.html"
