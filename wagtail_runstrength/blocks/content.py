"""Text blocks of an article: headings, paragraphs, key points, tips, quotes, images and calls to action."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from ..api import representation as rep
from ..api import schemas
from ..images import CONTENT_IMAGE_SPECS, prefetch_renditions_for
from ..validators import validate_embeddable_url

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
PREVIEW_TEMPLATE = "wagtail_runstrength/previews/block.html"


# Block previews: sample content in the editor's language, translated when the preview is drawn.


def _heading_preview_value() -> dict:
    return {"text": gettext("Why strength training helps runners"), "level": "h2"}


def _paragraph_preview_value() -> str:
    text = gettext(
        "Runners who lift twice a week tend to hold their form later into a race, "
        "when tired muscles would otherwise let the knees and hips drift."
    )
    return f"<p>{escape(text)}</p>"


def _key_points_preview_value() -> dict:
    return {
        "items": [
            {
                "title": gettext("Fewer injuries"),
                "text": gettext("Stronger tendons and muscles tolerate the load of each stride."),
            },
            {
                "title": gettext("Better economy"),
                "text": gettext("A stiffer, stronger leg wastes less energy on every step."),
            },
        ]
    }


def _tips_preview_value() -> dict:
    return {
        "items": [
            {"title": gettext("Two or three sessions a week"), "text": gettext("Leave a day between sessions.")},
            {"title": gettext("Start light"), "text": gettext("Add load only when every rep feels controlled.")},
        ]
    }


def _quote_preview_value() -> dict:
    return {
        "quote": gettext("I ran my first pain-free half marathon."),
        "attribution": gettext("A clinic patient"),
    }


def _call_to_action_preview_value() -> dict:
    return {
        "heading": gettext("Ready to run stronger?"),
        "text": gettext("Our physical therapists build strength plans around your training."),
        "button_label": gettext("Book an assessment"),
        "url": "https://example.com/book/",
    }


class HeadingValue(blocks.StructValue):
    @property
    def anchor_id(self) -> str:
        """The ``id`` for the heading: the editor's anchor, else a slug of the text."""
        return slugify(self.get("anchor") or self.get("text") or "")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=255)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[
            ("h2", _("Section (h2)")),
            ("h3", _("Subsection (h3)")),
            ("h4", _("Minor heading (h4)")),
        ],
        default="h2",
        # The level is not text a reader sees: keep its label out of read time and search.
        search_index=False,
        help_text=_("Use Section for the main parts of the article; never skip a level."),
    )
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        required=False,
        default="",
        max_length=80,
        help_text=_('Optional link target, such as "key-exercises". Leave blank to make one from the heading.'),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "wagtail_runstrength/blocks/heading.html"
        value_class = HeadingValue
        label_format = "{text}"
        description = _("A section heading with a link anchor; feeds the table of contents.")
        help_text = _("Section headings (h2) appear in the article's table of contents.")
        preview_value = staticmethod(_heading_preview_value)
        preview_template = PREVIEW_TEMPLATE

    api_schema = schemas.RunStrengthHeadingValue

    def get_api_representation(self, value, context=None):
        return {"text": value["text"], "level": value["level"], "anchor": value.anchor_id}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "wagtail_runstrength/blocks/paragraph.html"
        description = _("Body text with bold, italic, links and lists. Use a Heading block for headings.")
        help_text = _("Keep paragraphs short. Add a Heading block for a new section rather than bold text.")
        preview_value = staticmethod(_paragraph_preview_value)
        preview_template = PREVIEW_TEMPLATE

    api_schema = str

    def get_api_representation(self, value, context=None):
        # Always public HTML: internal links as real URLs, whatever ``rich_text_format`` asks for.
        return rep.rich_text(value.source if value is not None else "")


class TitledItemBlock(blocks.StructBlock):
    """One item with a bold lead-in and a sentence or two after it."""

    title = blocks.CharBlock(label=_("Lead-in"), max_length=120, help_text=_("A few words, shown in bold."))
    text = blocks.TextBlock(label=_("Text"), help_text=_("One or two sentences that follow the lead-in."))

    class Meta:
        icon = "list-ul"
        label = _("Item")
        help_text = _("A bold lead-in of a few words, then a sentence or two.")
        label_format = "{title}"


class KeyPointsBlock(blocks.StructBlock):
    """A numbered list of key points, each a bold lead-in and a sentence."""

    items = blocks.ListBlock(TitledItemBlock(), min_num=1, label=_("Points"))

    list_tag = "ol"

    class Meta:
        icon = "list-ol"
        label = _("Key points")
        template = "wagtail_runstrength/blocks/titled_list.html"
        description = _("A numbered list of the article's main points, each with a bold lead-in.")
        help_text = _("Numbered points, such as the benefits of strength training. Order matters.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = staticmethod(_key_points_preview_value)

    api_schema = schemas.RunStrengthTitledListValue

    def get_api_representation(self, value, context=None):
        return {"items": [{"title": item["title"], "text": item["text"]} for item in value["items"]]}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["list_tag"] = self.list_tag
        return context


class TipsBlock(KeyPointsBlock):
    """An unordered list of practical tips, each a bold lead-in and a sentence."""

    list_tag = "ul"

    class Meta:
        icon = "help"
        label = _("Tips")
        template = "wagtail_runstrength/blocks/titled_list.html"
        description = _("A bulleted list of practical tips, each with a bold lead-in.")
        help_text = _("Practical tips in no particular order, such as how often to train.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = staticmethod(_tips_preview_value)


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, default="", max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "wagtail_runstrength/blocks/quote.html"
        description = _("A pull quote or a patient's words, with who said it.")
        help_text = _("Quote patients only with their permission; leave the attribution general if they prefer.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = staticmethod(_quote_preview_value)

    api_schema = schemas.RunStrengthQuoteValue

    def get_api_representation(self, value, context=None):
        return {"quote": value["quote"], "attribution": value.get("attribution") or ""}


def _image_preview_value() -> dict:
    """The most recent image that has a description, so the preview shows real alt text."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.exclude(description="").order_by("-created_at").first()
    return {
        "image": {"image": image, "alt_text": image.description if image else "", "decorative": False},
        "caption": gettext("Lateral step-ups build the single-leg strength running asks for."),
    }


class ContentImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, default="", max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "wagtail_runstrength/blocks/image.html"
        description = _("A photo with alt text (or marked decorative) and an optional caption.")
        help_text = _("Describe what the photo shows in the alt text, unless it is purely decorative.")
        preview_value = staticmethod(_image_preview_value)
        preview_template = PREVIEW_TEMPLATE

    api_schema = schemas.RunStrengthImageBlockValue

    def get_api_representation(self, value, context=None):
        img = value.get("image")
        return {
            "image": rep.image(
                img,
                rep.CONTENT_IMAGE_SIZES,
                alt=getattr(img, "contextual_alt_text", None),
                decorative=bool(getattr(img, "decorative", False)),
            ),
            "caption": value.get("caption") or "",
        }

    def bulk_to_python(self, values):
        # Fetch every image's renditions together, so ten image blocks cost what one does.
        struct_values = super().bulk_to_python(values)
        prefetch_renditions_for([value.get("image") for value in struct_values], *CONTENT_IMAGE_SPECS)
        return struct_values


class VideoEmbedBlock(EmbedBlock):
    class Meta:
        icon = "media"
        label = _("Video or embed")
        template = "wagtail_runstrength/blocks/embed.html"
        description = _("A YouTube or Vimeo video, or another embeddable link.")
        help_text = _("Paste the address of the video page.")
        preview_value = "https://www.youtube.com/watch?v=runstrength"
        preview_template = "wagtail_runstrength/previews/embed.html"

    api_schema = schemas.RunStrengthEmbedValue | None

    def get_api_representation(self, value, context=None):
        return {"url": value.url} if value else None

    def clean(self, value):
        # Refuse addresses no embed finder accepts before Wagtail tries to fetch them.
        validate_embeddable_url(getattr(value, "url", None))
        return super().clean(value)


class CallToActionBlock(blocks.StructBlock):
    """A closing prompt with a button. Left entirely blank, it shows the site's default call to action."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, default="", max_length=255)
    text = blocks.TextBlock(label=_("Text"), required=False, default="")
    button_label = blocks.CharBlock(label=_("Button label"), required=False, default="", max_length=60)
    page = blocks.PageChooserBlock(label=_("Link to a page"), required=False)
    url = blocks.URLBlock(label=_("…or to an address"), required=False)

    class Meta:
        icon = "link-external"
        label = _("Call to action")
        template = "wagtail_runstrength/blocks/call_to_action.html"
        description = _("A prompt with a button, such as booking an assessment. Leave blank to use the site's default.")
        help_text = _("Leave every field blank to show the default call to action from the site's settings.")
        preview_value = staticmethod(_call_to_action_preview_value)
        preview_template = PREVIEW_TEMPLATE

    api_schema = schemas.RunStrengthCallToActionValue | None

    def get_api_representation(self, value, context=None):
        """The resolved prompt; ``None`` when the block is blank and the site sets no default."""
        context = context if context is not None else {}
        page = context.get("page")
        cta = resolve_call_to_action(value, context, site=site_of(page, context.get("request")))
        if cta is None:
            return None
        url = rep.urls_in(context).page(cta["page"]) if cta.get("page") is not None else cta["href"]
        return {**{name: cta[name] or "" for name in ("heading", "text", "button_label")}, "url": url}

    @staticmethod
    def is_blank(value) -> bool:
        return not any(value.get(name) for name in ("heading", "text", "button_label", "page", "url"))

    def clean(self, value):
        value = super().clean(value)
        if self.is_blank(value):
            return value
        errors = {}
        if not value.get("button_label"):
            errors["button_label"] = ValidationError(_("A call to action needs a button label."))
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or enter an address, but not both.")
            errors["page"] = ValidationError(message)
            errors["url"] = ValidationError(message)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["cta"] = resolve_call_to_action(value, parent_context)
        return context


def site_of(page, request=None):
    """The site ``page`` belongs to: the request's, already loaded, when the page is in it, else looked up.

    An API detail only shows pages of the request's site, so this spares
    ``Page.get_site()``'s query on every read.
    """
    if page is None:
        return None
    if request is not None:
        from wagtail.models import Site

        from ..site_roots import belongs_to

        site = Site.find_for_request(request)
        # Any language's tree of the site counts (each is a sibling of the root page).
        if site is not None and belongs_to(page, site, request):
            return site
    return page.get_site()


def resolve_call_to_action(value, parent_context=None, site=None) -> dict | None:
    """The heading, text, label and link to show; falls back to the site's settings when the block is blank.

    The site comes from ``site`` or else from the request in ``parent_context``;
    with neither, a blank block has nothing to show. The fallback is in the
    language of the page in ``parent_context`` (or, with no page, the active
    language): a French page shows the site's French call to action when it
    has one (``LocalizedCallToAction``), else the site's default. HTML and API
    both read this, so a link readers cannot follow is left out of both (see
    ``_with_openable_link``); ``None`` when nothing is left to show.
    """
    if not CallToActionBlock.is_blank(value):
        context = parent_context or {}
        chosen = value.get("page")
        cta = {
            "heading": value.get("heading"),
            "text": value.get("text"),
            "button_label": value.get("button_label"),
            "href": value.get("url") or None,
        }
        if chosen is None:
            return _with_openable_link({**cta, "page": None})
        # The translation and the check that readers may open it: one query in every language.
        page = _openable_in_language_of(context.get("page"), chosen)
        if page is None:
            return _with_openable_link({**cta, "href": None, "page": None})
        return _with_openable_link({**cta, "page": page}, checked=True)
    from ..models import RunStrengthSettings

    parent_context = parent_context or {}
    request = parent_context.get("request")
    if site is not None:
        site_settings = RunStrengthSettings.for_site(site)
    elif request is not None:
        site_settings = RunStrengthSettings.for_request(request)
    else:
        return None
    page = parent_context.get("page")
    default = site_settings.default_call_to_action(locale=getattr(page, "locale_id", None))
    if default is None:
        return None
    default = _with_openable_link(default)
    # The site's default is only ever a prompt with a working button.
    return default if default is not None and default["href"] else None


def _openable_in_language_of(holder, chosen):
    """``chosen`` in ``holder``'s language if readers may open that, else ``chosen`` if they may, else ``None``.

    A translated page keeps the source's page choices (wagtail-localize
    synchronises them), so a French article's button would lead to the
    English page. One query whatever the languages: the live rows of
    ``chosen``'s translation group in both locales, with a sub-query for a
    view restriction on the row or any page above it (Wagtail's
    ``get_view_restrictions()``), so a French article's button costs what an
    English one does.
    """
    from django.db.models import Exists, F, OuterRef
    from django.db.models.functions import Substr
    from wagtail.models import Page, PageViewRestriction

    wanted = getattr(holder, "locale_id", None) or chosen.locale_id
    restricted = PageViewRestriction.objects.annotate(
        above=Substr(OuterRef("path"), 1, F("page__depth") * Page.steplen)
    ).filter(page__path=F("above"))
    rows = (
        Page.objects.live()
        .filter(translation_key=chosen.translation_key, locale_id__in={wanted, chosen.locale_id})
        .annotate(restricted=Exists(restricted))
        .filter(restricted=False)
        .defer_streamfields()
    )
    by_locale = {row.locale_id: row for row in rows}
    return by_locale.get(wanted) or by_locale.get(chosen.locale_id)


def readers_can_open(page) -> bool:
    """True when ``page`` is live and outside every private section (password, login or group)."""
    return page.live and not page.get_view_restrictions().exists()


def _with_openable_link(cta: dict, checked: bool = False) -> dict | None:
    """``cta`` with its page's URL, or with no button when the page is gone, a draft or private.

    Linking a reader to a page they cannot open would also publish where an
    unpublished page will live. Without a link the button goes, the heading
    and text stay; with none of the three, there is nothing to show.
    ``checked``: the page is known to be one readers may open.
    """
    page = cta.get("page")
    if page is not None:
        if checked or readers_can_open(page):
            cta = {**cta, "href": page.url}
        else:
            cta = {**cta, "href": None, "page": None}
    if not cta["href"]:
        cta = {**cta, "button_label": ""}
    if not (cta["heading"] or cta["text"] or cta["href"]):
        return None
    return cta
