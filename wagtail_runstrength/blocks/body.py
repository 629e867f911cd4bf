"""The StreamBlock behind ``ArticlePage.body``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..api.stream_schemas import stream_schema
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
from .pooling import PooledStreamBlock
from .related import RelatedPostsBlock


class ArticleBodyBlock(PooledStreamBlock):
    """Every block of the package. Its API output is Wagtail's own, each child serialising itself.

    Stored bodies load each pooled model once for all their blocks (``blocks/pooling.py``).
    """

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


# The typed API output of an article body: one model per child block, made from
# each block's ``api_schema`` (see ``api/stream_schemas.py``).
ArticleBodyBlock.api_schema = stream_schema(
    ArticleBodyBlock(),
    "RunStrengthArticleBody",
    doc="An article body: its blocks in order, each an object with ``type``, ``id`` and ``value``.",
)
