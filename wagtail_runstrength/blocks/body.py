"""The StreamBlock behind ``ArticlePage.body``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .content import (
    CallToActionBlock,
    ContentImageBlock,
    HeadingBlock,
    KeyPointsBlock,
    ParagraphBlock,
    QuoteBlock,
    TipsBlock,
    VideoEmbedBlock,
)
from .exercise import ExerciseBlock, ExerciseGroupBlock
from .related import RelatedPostsBlock


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ContentImageBlock()
    key_points = KeyPointsBlock()
    exercise = ExerciseBlock()
    exercise_group = ExerciseGroupBlock()
    tips = TipsBlock()
    call_to_action = CallToActionBlock()
    quote = QuoteBlock()
    embed = VideoEmbedBlock()
    related_posts = RelatedPostsBlock()

    class Meta:
        block_counts = {"related_posts": {"max_num": 1}}
        help_text = _("Build the article from blocks. Headings feed the table of contents.")
