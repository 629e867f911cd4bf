"""RSS and Atom feeds of an article index, built on ``django.contrib.syndication``.

The index serves them from its routes (``feed/rss/``, ``feed/atom/`` and the
same under ``tag/<slug>/``). Items are the index's live, public articles of
the same site and language, newest first; links point at the site's
``frontend_base_url`` when it has one.
"""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from . import seo
from .public_urls import join, public_url
from .text import plain_text

FEED_LENGTH = 20


class ArticleFeed(Feed):
    """The newest articles of one index (optionally with one tag), as RSS 2.0."""

    feed_type = Rss201rev2Feed

    def __init__(self, index, tag=None):
        super().__init__()
        self.index = index
        self.tag = tag
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        # Django reads ``language`` as an attribute, not through a method like the others.
        self.language = self.index.locale.language_code
        return self.index

    # The channel

    def title(self, index) -> str:
        settings = seo.site_settings(self.request)
        clinic = settings.clinic_name if settings is not None else ""
        title = index.title
        if self.tag is not None:
            title = _("%(title)s: articles tagged “%(tag)s”") % {"title": title, "tag": self.tag.name}
        return f"{title} | {clinic}" if clinic else title

    def link(self, index) -> str:
        url = public_url(index, self.request)
        return f"{url}?tag={self.tag.slug}" if self.tag is not None else url

    def description(self, index) -> str:
        return plain_text(index.intro) or self.title(index)

    def subtitle(self, index) -> str:
        return self.description(index)

    def feed_url(self, index) -> str:
        return self.request.build_absolute_uri(self.request.path)

    # The items

    def items(self, index):
        articles = index.get_articles(self.request).select_related("author")
        if self.tag is not None:
            articles = articles.with_tag(self.tag.slug)
        return articles[:FEED_LENGTH]

    def item_title(self, article) -> str:
        return article.title

    def item_description(self, article) -> str:
        return article.card_excerpt

    def item_link(self, article) -> str:
        return public_url(article, self.request)

    def item_pubdate(self, article) -> datetime.datetime | None:
        return _as_datetime(seo.published_at(article))

    def item_updateddate(self, article) -> datetime.datetime | None:
        return seo.modified_at(article)

    def item_author_name(self, article) -> str | None:
        return article.author.display_name if article.author else None

    def item_categories(self, article) -> list[str]:
        names = [article.category.name] if article.category else []
        # Sorted: the prefetched tags come in no fixed order on PostgreSQL, and a feed should not reshuffle.
        return names + sorted(tag.name for tag in article.tags.all())


class ArticleAtomFeed(ArticleFeed):
    """The same articles as an Atom 1.0 feed."""

    feed_type = Atom1Feed


def _as_datetime(value) -> datetime.datetime | None:
    """Feeds need a moment, not a day: a date becomes midnight in the site's time zone."""
    if value is None or isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time()))


def feed_links(index, request=None, tag=None) -> list[dict[str, str]]:
    """``<link rel="alternate">`` values for an index's feeds; empty when the index is not routable.

    ``index`` may be a plain ``Page`` (an article's parent): the routes are read
    from its specific class, so no query is needed for the specific page.
    """
    if index is None:
        return []
    resolver = getattr(index.specific_class, "get_resolver", None)
    base = index.get_url(request)
    if resolver is None or not base:
        return []
    links = []
    for name, mime, label in (
        ("feed_rss", "application/rss+xml", "RSS"),
        ("feed_atom", "application/atom+xml", "Atom"),
    ):
        kwargs = {}
        if tag is not None:
            name, kwargs = f"tag_{name}", {"tag": tag}
        links.append(
            {
                "type": mime,
                "href": join(base, resolver().reverse(name, **kwargs)),
                "title": _("%(title)s (%(format)s)") % {"title": index.title, "format": label},
            }
        )
    return links
