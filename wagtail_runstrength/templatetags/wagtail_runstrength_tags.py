"""Template tags for the reader-facing pages: meta and sharing tags, JSON-LD and video embeds.

``{% load wagtail_runstrength_tags %}`` then:

- ``{% runstrength_head %}``: the one tag a host's base template puts in its ``<head>`` (meta,
  JSON-LD, stylesheet, script), and ``{% runstrength_main %}`` around each page template's content
  (the ``<main>`` landmark where the host has none; see ``layout.py``).
- ``{% rs_meta %}``: description, canonical link, OpenGraph and Twitter card tags and feed links
  for the page in the context (an article, an exercise of the library, or any page).
- ``{% rs_json_ld %}``: the schema.org JSON-LD for an article or an exercise, safely escaped.
- ``{% rs_public_url page %}`` and the ``rs_alt`` filter (alt text of an ``ImageBlock`` value, empty when
  decorative).
- ``{% rs_video url_or_embed_value title %}``: a video behind a click-to-load button, so the
  provider's player (and its cookies) load only when the reader asks.
- ``{% rs_picture image specs… attrs… %}``: Wagtail's ``{% picture %}`` with its filter specs parsed
  once per process instead of on every render (the same markup).
- ``{% rs_cache "name" [vary_on ...] %}…{% endrs_cache %}``: the enclosed markup for the context's
  ``page``, kept in Django's cache until anything it could show changes (see ``fragment_cache.py``).
"""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.template.base import Token
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject, empty
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.templatetags import wagtailimages_tags

from .. import fragment_cache, layout, recent_reads, seo
from ..feeds import feed_links
from ..http_caching import note_objects
from ..images import CARD_SHARE_SPEC, SHARE_SPEC, parsed_filters
from ..public_urls import join, public_url
from ..text import plain_text

register = template.Library()

DESCRIPTION_WORDS = 40
IFRAME_RE = re.compile(r"<iframe\b([^>]*)>", re.IGNORECASE)
# Providers with a privacy-enhanced player that sets no cookies until the video plays.
PRIVACY_HOSTS = (("://www.youtube.com/embed/", "://www.youtube-nocookie.com/embed/"),)


def _is_article(page) -> bool:
    from ..models import ArticlePageMixin

    return isinstance(page, ArticlePageMixin)


def _is_index(page) -> bool:
    from ..models import ArticleIndexPageMixin

    return isinstance(page, ArticleIndexPageMixin)


def _unwrap(value):
    """The object behind a ``SimpleLazyObject`` from a page's context (``None`` stays ``None``)."""
    if isinstance(value, SimpleLazyObject):
        if value._wrapped is empty:
            value._setup()
        return value._wrapped
    return value


def _plain(text: str) -> str:
    return Truncator(plain_text(text)).words(DESCRIPTION_WORDS)


def page_meta(context) -> dict[str, Any]:
    """What ``{% rs_meta %}`` prints for the page, the exercise or the article in ``context``."""
    request = context.get("request")
    page = context.get("page")
    if page is None or not hasattr(page, "get_url_parts"):
        return {}
    exercise = context.get("exercise")
    settings = seo.site_settings(request) if request is not None else None
    site_name = settings.clinic_name if settings is not None else ""

    if exercise is not None:
        meta = seo.share_meta(
            title=exercise.name,
            description=exercise.summary,
            url=context.get("canonical_url") or public_url(page, request),
            image=seo.rendition_or_none(exercise.image, CARD_SHARE_SPEC),
            image_alt=exercise.alt_text,
            request=request,
        )
    elif _is_article(page):
        page.prefetch_for_document(request)
        meta = seo.share_meta(
            title=seo.page_title(page),
            description=seo.page_description(page),
            url=public_url(page, request),
            og_type="article",
            image=seo.rendition_or_none(page.hero_image, SHARE_SPEC),
            image_alt=page.hero_alt_text,
            request=request,
        )
        meta["article"] = {
            "published_time": seo.iso(seo.published_at(page)),
            "modified_time": seo.iso(seo.modified_at(page)),
            "section": page.category.name if page.category else "",
            "tags": [tag.name for tag in page.tags.all()] if hasattr(page, "tags") else [],
        }
    else:
        meta = seo.share_meta(
            title=seo.page_title(page),
            description=seo.page_description(page) or _plain(getattr(page, "intro", "")),
            url=public_url(page, request),
            request=request,
        )
    meta["site_name"] = site_name
    if exercise is None:
        meta["alternates"] = seo.translation_alternates(page, request)
    if _is_index(page):
        meta["feeds"] = feed_links(page, request)
    elif _is_article(page):
        meta["feeds"] = feed_links(_unwrap(context.get("index_page")), request)
    return meta


@register.inclusion_tag("wagtail_runstrength/includes/meta.html", takes_context=True)
def rs_meta(context):
    """Description, canonical, OpenGraph, Twitter card and feed ``<link>`` tags for the page."""
    return {"meta": page_meta(context)}


@register.simple_tag(takes_context=True)
def rs_json_ld(context):
    """schema.org JSON-LD: ``MedicalWebPage`` + ``BlogPosting`` for an article, ``ExercisePlan`` for an exercise."""
    request = context.get("request")
    page = context.get("page")
    exercise = context.get("exercise")
    if page is None:
        return ""
    if exercise is not None and hasattr(page, "exercise_url"):
        data = seo.exercise_json_ld(page, exercise, request, url=context.get("canonical_url") or "")
    elif _is_article(page):
        page.prefetch_for_document(request)
        library = _unwrap(context.get("exercise_library"))
        exercise_url = (lambda item: library.exercise_url(item, request)) if library is not None else None
        data = seo.article_json_ld(page, request, exercise_url=exercise_url)
    else:
        return ""
    return seo.json_ld_script(data)


@register.filter
def rs_subpath(base, slug) -> str:
    """``{{ library_url|rs_subpath:exercise.slug }}``: the address of ``slug/`` under ``base``, one slash between.

    For the routes a routable page gives each item (an exercise's page in the
    library); the slug is IRI-encoded as Django's ``iriencode`` does.
    """
    from django.utils.encoding import iri_to_uri

    return join(str(base or ""), f"{iri_to_uri(str(slug))}/")


@register.simple_tag(takes_context=True)
def rs_public_url(context, page) -> str:
    """The absolute address readers use for ``page`` (the headless frontend's, when the site has one)."""
    return public_url(page, context.get("request"))


# Host layouts


def _is_package_page(context) -> bool:
    """An article, a blog index or an exercise library (its index or one exercise's page)."""
    from ..models import ExerciseLibraryPageMixin

    page = context.get("page")
    return _is_article(page) or _is_index(page) or isinstance(page, ExerciseLibraryPageMixin)


def _host_prints_description(description, page) -> bool:
    if description == "fallback":
        return bool(getattr(page, "search_description", ""))
    if description in (True, False):
        return not description
    raise template.TemplateSyntaxError(
        f'runstrength_head: description must be True, False or "fallback", not {description!r}'
    )


@register.simple_tag(takes_context=True)
def runstrength_head(context, description=True, has_main=False, stylesheet=True):
    """Everything the package puts in a host's ``<head>``: one tag for any base template.

    On the package's pages: the meta description, canonical link, OpenGraph,
    Twitter card and feed links, the JSON-LD, the stylesheet and the deferred
    script. On the host's own page types (which may show the package's blocks):
    only the stylesheet and the script. ``description=False`` leaves out the
    ``<meta name="description">`` for a base template that prints its own, and
    ``description="fallback"`` prints it only for a page without a search
    description (for base templates that print ``page.search_description``, as
    ``wagtail start``'s does); ``has_main=True`` says the base template already wraps the content block in
    a ``<main>``, so the package does not add a second one; ``stylesheet=False``
    leaves out the package's stylesheet for a site that styles the ``rs-`` classes itself.
    """
    request = context.get("request")
    layout.note_head(request, has_main=bool(has_main))
    parts = []
    if _is_package_page(context):
        meta = page_meta(context)
        parts.append(
            render_to_string(
                "wagtail_runstrength/includes/meta.html",
                {"meta": meta, "skip_description": _host_prints_description(description, context.get("page"))},
            )
        )
        parts.append(rs_json_ld(context))
    if stylesheet:
        parts.append(
            format_html('<link rel="stylesheet" href="{}">', static("wagtail_runstrength/css/runstrength.css"))
        )
    parts.append(format_html('<script src="{}" defer></script>', static("wagtail_runstrength/js/runstrength.js")))
    # Every part is already safe markup (templates, format_html, the escaped JSON-LD).
    return format_html_join("\n", "{}", ((part,) for part in parts if part))


@register.simple_tag(takes_context=True)
def rs_description(context) -> str:
    """The page's description as plain text, for a base template that prints its own description tag.

    ``<meta name="description" content="{% block search_description %}…">`` in the
    host's layout, filled by ``{% rs_description %}`` in its override of
    ``wagtail_runstrength/base.html``: one tag, with the package's text (the search
    description, else the excerpt or the start of the introduction).
    """
    if not _is_package_page(context):
        return ""
    return page_meta(context).get("description", "")


class MainLandmarkNode(template.Node):
    def __init__(self, nodelist, cached: template.Node | None):
        self.nodelist = nodelist
        self.cached = cached

    def render(self, context):
        if context.get(layout.SHELL_CONTEXT_VARIABLE):
            # The package's shell has the <main>, and caches the whole document itself.
            return self.nodelist.render(context)
        content = (self.cached or self.nodelist).render(context)
        request = context.get("request")
        host = layout.host_layout(request)
        notice = ""
        if host is None:
            notice = layout.missing_head_notice(request, getattr(context.template, "name", "") or "")
        locale = getattr(context.get("page"), "locale", None)
        language = getattr(locale, "language_code", "")
        lang = format_html(' lang="{}"', language) if language else ""
        if host is not None and host.has_main:
            # Inside the host's own <main>: a plain wrapper still gives the content
            # its language and the space below the host's header.
            return format_html('<div class="rs-main"{}>{}</div>', lang, content)
        return format_html('{}<main id="main" class="rs-main"{}>{}</main>', notice, lang, content)


@register.tag("runstrength_main")
def runstrength_main(parser, token):
    """``{% runstrength_main ["name" vary_on...] %}…{% endrunstrength_main %}`` around a page's content.

    Adds the ``<main>`` landmark (with the page's language) in a host's layout
    that has none, adds nothing in the package's own shell, and reports a base
    template without ``{% runstrength_head %}`` (see ``layout.py``). With a name,
    the content is kept in the fragment cache in a host's layout, as
    ``{% rs_cache %}`` would (the package's shell caches its whole document instead).
    """
    bits = token.split_contents()
    nodelist = parser.parse(("endrunstrength_main",))
    parser.delete_first_token()
    cached = None
    if len(bits) > 1:
        cached = CachedFragmentNode(
            nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
        )
    return MainLandmarkNode(nodelist, cached)


@register.filter
def rs_alt(image) -> str:
    """The alt text of an image chosen in an ``ImageBlock``: empty when the editor marked it decorative."""
    if image is None or getattr(image, "decorative", False):
        return ""
    return getattr(image, "contextual_alt_text", "") or ""


# Video


def player_html(html: str, title: str) -> str:
    """The provider's player with a ``title`` for screen readers and its privacy-enhanced address."""
    for plain, private in PRIVACY_HOSTS:
        html = html.replace(plain, private)

    def add_title(match: re.Match) -> str:
        attributes = match.group(1)
        if re.search(r"\stitle\s*=", attributes, re.IGNORECASE):
            return match.group(0)
        # conditional_escape: a title from a template ({% blocktrans asvar %}) is already escaped.
        return f'<iframe title="{conditional_escape(title)}"{attributes}>'

    return IFRAME_RE.sub(add_title, html)


def video_context(value, title: str = "") -> dict[str, Any]:
    url = getattr(value, "url", value) or ""
    try:
        embed = get_embed(url) if url else None
    except EmbedException:
        embed = None
    title = title or (embed.title if embed else "")
    html = embed.html if embed else ""
    return {
        "url": url,
        "title": title,
        "provider": embed.provider_name if embed else "",
        "player": mark_safe(player_html(html, title)) if html else "",  # noqa: S308 - the embed provider's markup, as Wagtail renders it
    }


@register.inclusion_tag("wagtail_runstrength/includes/video.html")
def rs_video(value, title: str = "", caption: str = ""):
    """A video that loads its player only on request; a plain link when the address has no player."""
    return {**video_context(value, title), "caption": caption}


# Fragment caching


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        page = context.get("page")
        if page is None or not getattr(page, "pk", None) or not fragment_cache.is_cacheable(request):
            return self.nodelist.render(context)
        vary = [var.resolve(context) for var in self.vary_on]
        if any(value is fragment_cache.DO_NOT_CACHE for value in vary):
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        parts = [*fragment_cache.page_key_parts(page, request), *vary]

        def render_for_a_reader():
            # A miss: a worker renders this address again after the next change (recent_reads.py).
            recent_reads.note(request)
            return self.nodelist.render(context)

        return fragment_cache.cached_render(name, parts, render_for_a_reader, request)


@register.tag("rs_cache")
def rs_cache(parser, token):
    """Cache the enclosed markup for the context's page: ``{% rs_cache "body" page_number %}…{% endrs_cache %}``.

    Unlike Django's ``{% cache %}``, nothing needs a timeout to become fresh:
    publishing, unpublishing, moving or deleting a page and editing an exercise,
    category, image or the site's settings make every fragment stale at once.
    The key varies with the live page, the site and host it is read on, the path
    and the language, plus any ``vary_on`` values (a page number, a filter).
    Build those from values you have checked (a page number that exists, a
    filter that names a real tag), never from the raw query string: each
    distinct value is one more entry in the cache, for anyone who sends it.
    A ``vary_on`` value of ``fragment_cache.DO_NOT_CACHE`` renders without
    the cache. Previews are never cached.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name.")
    nodelist = parser.parse(("endrs_cache",))
    parser.delete_first_token()
    return CachedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )


class PictureNode(wagtailimages_tags.PictureNode):
    """Wagtail's ``{% picture %}`` node, with its filters parsed once per process (see ``images.parsed_filter``)."""

    def get_filters(self):
        return parsed_filters(self.filter_specs)

    def render(self, context):
        note_objects(self.image_expr.resolve(context))  # the response's surrogate keys name the image
        return super().render(context)


@register.tag("rs_picture")
def rs_picture(parser, token):
    """``{% rs_picture image format-{avif,webp,jpeg} width-{480,800} alt=… %}``: ``{% picture %}``, faster.

    Same arguments and output as Wagtail's tag; parsed by Wagtail's own parser.
    """
    tag_name, _, rest = token.contents.partition(" ")
    node = wagtailimages_tags.image(parser, Token(token.token_type, f"picture {rest}", token.position, token.lineno))
    if type(node) is not wagtailimages_tags.PictureNode:
        raise template.TemplateSyntaxError(f"{tag_name} could not be parsed as a picture tag")
    return PictureNode(node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs)


@register.simple_tag
def rs_draws(*objects) -> str:
    """``{% rs_draws article %}``: the response shows these pages, exercises or images (its surrogate keys name them).

    Outputs nothing. The package's card templates use it; a host template that
    draws an object without ``{% rs_picture %}`` or a package card can too.
    """
    note_objects(*objects)
    return ""
