"""Blocks of an article body. Host sites may reuse any of them in their own StreamFields."""

from .body import ArticleBodyBlock
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
from .exercise import ExerciseBlock, ExerciseChooserBlock, ExerciseGroupBlock
from .related import RelatedPostsBlock

__all__ = [
    "ArticleBodyBlock",
    "CallToActionBlock",
    "ContentImageBlock",
    "ExerciseBlock",
    "ExerciseChooserBlock",
    "ExerciseGroupBlock",
    "HeadingBlock",
    "KeyPointsBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "RelatedPostsBlock",
    "TipsBlock",
    "VideoEmbedBlock",
]
