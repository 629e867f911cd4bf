"""The related-posts block: editor's picks, topped up automatically from the same site."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from ..api import representation as rep
from ..api import schemas
from ..conf import get_setting
from ..related import related_articles


def _related_posts_preview_value() -> dict:
    """The three newest live articles, for the block preview; none on a new site."""
    from ..models import ArticlePage

    return {
        "heading": gettext("Blog posts you may be interested in"),
        "posts": list(ArticlePage.objects.live().public().newest_first().for_cards()[:3]),
    }


def split_tag_names(text: str | None) -> list[str]:
    """``"hamstrings, Marathon ,"`` as ``["hamstrings", "Marathon"]``: comma-separated, blanks dropped, in order."""
    names = []
    for name in (text or "").split(","):
        name = name.strip()
        if name and name.lower() not in (seen.lower() for seen in names):
            names.append(name)
    return names


class RelatedPostsValue(blocks.StructValue):
    @property
    def tag_names(self) -> list[str]:
        return split_tag_names(self.get("tags"))

    @property
    def category_ids(self) -> list[int]:
        """The chosen categories that still exist (a deleted one is skipped, not an error)."""
        return [category.pk for category in self.get("categories") or [] if category is not None and category.pk]

    def tag_ids(self) -> list[int]:
        """The ids of the named tags (matched by name, case-insensitively, or slug); one query, none when empty."""
        names = self.tag_names
        if not names:
            return []
        return _tags_named(names).values_list("pk", flat=True)


def _tags_named(names):
    from django.db.models import Q
    from taggit.models import Tag

    query = Q(pk__in=[])
    for name in names:
        query |= Q(name__iexact=name) | Q(slug=name)
    return Tag.objects.filter(query)


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
    tags = blocks.CharBlock(
        label=_("Match these tags"),
        required=False,
        default="",
        max_length=255,
        help_text=_(
            'Optional. Tag names separated by commas, such as "hamstrings, marathon". Articles with these '
            "tags fill the free places first; on a page that is not an article they are what cards are chosen by."
        ),
    )
    categories = blocks.ListBlock(
        # Not required: an item left empty is skipped, like a category deleted since.
        SnippetChooserBlock("wagtail_runstrength.ArticleCategory", label=_("Category"), required=False),
        label=_("Match these categories"),
        min_num=0,
        # A new block starts with no category rather than one empty chooser.
        default=[],
        help_text=_("Optional. Articles in these categories fill the free places too."),
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
        value_class = RelatedPostsValue

    api_schema = schemas.RunStrengthRelatedPostsValue

    def clean(self, value):
        value = super().clean(value)
        names = value.tag_names
        if names:
            known = set()
            for tag in _tags_named(names):
                known.update((tag.name.lower(), tag.slug))
            unknown = [name for name in names if name.lower() not in known and name not in known]
            if unknown:
                message = _("No tag is called %(names)s. Use the names of existing tags, separated by commas.") % {
                    "names": ", ".join(f"“{name}”" for name in unknown)
                }
                raise StructBlockValidationError(block_errors={"tags": ValidationError(message)})
        return value

    def cards_for(self, value, page, request=None) -> list:
        """The cards to show on ``page`` (or, with no page known, on the request's site); never raises."""
        if page is not None and not page.pk:
            return []  # a page being created: it has no site yet
        if page is None and request is None:
            return []
        limit = value.get("limit") or get_setting("RELATED_POSTS_LIMIT")
        picks = [post for post in value.get("posts") or [] if post]
        return related_articles(
            page, picks, limit, request, tag_ids=list(value.tag_ids()), category_ids=value.category_ids
        )

    def get_api_representation(self, value, context=None):
        context = context if context is not None else {}
        urls = rep.urls_in(context)
        cards = self.cards_for(value, context.get("page"), context.get("request"))
        return {"heading": value["heading"], "cards": [rep.article_card(card, urls) for card in cards]}

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
