"""The related-posts block: editor's picks, topped up automatically from the same site."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from ..conf import get_setting
from ..related import related_articles


def _related_posts_preview_value() -> dict:
    """The three newest live articles, for the block preview; none on a new site."""
    from ..models import ArticlePage

    return {
        "heading": "Blog posts you may be interested in",
        "posts": list(ArticlePage.objects.live().public().newest_first().for_cards()[:3]),
    }


class RelatedPostsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=255,
        default=_("Blog posts you may be interested in"),
    )
    posts = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="wagtail_runstrength.ArticlePage", label=_("Article")),
        label=_("Chosen articles"),
        min_num=0,
        help_text=_("Optional. Shown first, in this order. Drafts and private articles are never shown."),
    )
    limit = blocks.IntegerBlock(
        label=_("Number of cards"),
        required=False,
        min_value=1,
        max_value=12,
        help_text=_("Leave blank for the site's default. Free places are filled with the closest matching articles."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Related posts")
        template = "wagtail_runstrength/blocks/related_posts.html"
        description = _(
            "Cards linking to other articles: your picks first, then the closest matches by tag, category and muscles."
        )
        help_text = _(
            "Pick articles to show first, or none at all: the rest are chosen automatically from published "
            "articles on this site. An article cannot be related to itself."
        )
        preview_value = staticmethod(_related_posts_preview_value)
        preview_template = "wagtail_runstrength/previews/related_posts.html"

    def cards_for(self, value, page, request=None) -> list:
        if page is None or not getattr(page, "pk", None):
            return []
        limit = value.get("limit") or get_setting("RELATED_POSTS_LIMIT")
        return related_articles(page, [post for post in value.get("posts") or [] if post], limit, request)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        context["cards"] = self.cards_for(value, parent_context.get("page"), parent_context.get("request"))
        return context


def reject_self_pick(value, page) -> None:
    """Raise a field error when the editor picked the page the block sits on."""
    if page is None or not page.pk:
        return
    if any(post is not None and post.pk == page.pk for post in value.get("posts") or []):
        raise StructBlockValidationError(
            block_errors={"posts": ValidationError(_("An article cannot be related to itself."))}
        )
