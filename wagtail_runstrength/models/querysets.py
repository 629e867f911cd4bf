"""Domain verbs for article querysets, written once and used by templates, related posts and listings."""

from __future__ import annotations

from django.db import connections
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Left, Length
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from ..images import ARTICLE_CARD_IMAGE_SPECS, image_prefetch
from ..site_roots import in_site_q
from .base import can_match


def view_restrictions(request) -> list:
    """Every page view restriction, with its page, read once per ``request``.

    Wagtail's API and the package's querysets both need the list; kept on the
    request, an API detail reads it once for its visible pages and its related cards.
    """
    from wagtail.models import PageViewRestriction

    restrictions = getattr(request, "_runstrength_view_restrictions", None)
    if restrictions is None:
        restrictions = request._runstrength_view_restrictions = list(PageViewRestriction.objects.select_related("page"))
    return restrictions


def private_sections_q(queryset: PageQuerySet, request=None) -> Q:
    """Wagtail's ``private_q()`` (pages under a view restriction), read once per request when one is given.

    Wagtail reads every view restriction each time a queryset is made
    ``public()``; an article page asks three times while it renders (serving,
    the exercise library, related posts), so the answer is kept on the request.
    """
    if request is None:
        return queryset.private_q()
    private = getattr(request, "_runstrength_private_q", None)
    if private is None:
        private = Q()
        for restriction in view_restrictions(request):
            private |= queryset.descendant_of_q(restriction.page, inclusive=True)
        # As Wagtail's: no private section matches no page.
        private = request._runstrength_private_q = private if private else Q(pk__in=[])
    return private


def outside_private_sections(queryset: QuerySet) -> QuerySet:
    """``queryset`` without its pages in a private section, decided inside the query itself.

    The same pages as excluding ``private_sections_q``, without reading the
    view restrictions first: a page is private when a restriction sits on it or
    on one of its ancestors, whose tree path its own path starts with. Meant for
    a lookup among a few pages (the exercise libraries) that would otherwise be
    the only reason a request reads the restrictions (an API detail).
    """
    from wagtail.models import PageViewRestriction

    restricted = PageViewRestriction.objects.filter(page__path=Left(OuterRef("path"), Length("page__path")))
    return queryset.exclude(Exists(restricted))


class ArticlePageQuerySet(PageQuerySet):
    def visible_in(self, site, locale=None, request=None):
        """Pages any reader of ``site`` may open: live, outside private sections, on that site (and locale).

        "On that site" counts every language's tree (``in_site_any_locale``).
        Give the ``request`` being served to read the view restrictions and the
        site's root pages once for all its querysets.
        """
        qs = self.live().exclude(private_sections_q(self, request))
        if site is not None:
            qs = qs.in_site_any_locale(site, request)
        if locale is not None:
            qs = qs.in_locale(locale)
        return qs

    def in_site_any_locale(self, site, request=None):
        """Pages below ``site``'s root page or below one of its translations (Wagtail's own ``in_site`` takes the root only).

        Each translated tree is a sibling of the default root, so a French
        blog would otherwise have no articles; see ``site_roots.py``.
        """
        return self.filter(in_site_q(site, request))

    def in_locale(self, locale):
        """Pages in ``locale``, filtered so that SQLite walks the date index rather than the locale one.

        Without ``ANALYZE`` statistics (Django never gathers them) SQLite takes
        an equality on ``locale_id`` for a selective one, reads every article of
        the locale through its index and sorts them all to return the newest,
        where walking ``rs_articlepage_date`` stops at the limit (the figures are
        in docs/performance.md). Most sites
        have one locale, so the locale index selects nothing anyway. Adding zero
        keeps the comparison and hides the column from SQLite's index choice;
        other databases get the plain filter, their planners keep statistics.
        """
        locale_id = getattr(locale, "pk", locale)
        if connections[self.db].vendor == "sqlite":
            return self.alias(_rs_locale_id=F("locale_id") + 0).filter(_rs_locale_id=locale_id)
        return self.filter(locale_id=locale_id)

    def with_tag(self, slug: str):
        """Articles carrying the tag, as a sub-query so that no article is listed twice."""
        if not can_match(slug):
            return self.none()
        tagged = self.model.tags.through.objects.filter(tag__slug=slug).values("content_object_id")
        return self.filter(pk__in=tagged)

    def in_category(self, slug: str):
        if not can_match(slug):
            return self.none()
        return self.filter(category__slug=slug)

    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def for_cards(self):
        """Everything an article card shows (category, tags, thumbnail rendition) in a fixed number of queries."""
        return self.select_related("category", "locale").prefetch_related(
            "tags", image_prefetch("hero_image", *ARTICLE_CARD_IMAGE_SPECS)
        )

    def sharing_any(self, tag_ids, category_ids, muscle_ids):
        """Articles sharing at least one tag, category or target muscle."""
        q = Q(pk__in=[])
        if tag_ids:
            q |= Q(tagged_items__tag_id__in=tag_ids)
        if category_ids:
            q |= Q(category_id__in=category_ids)
        # A list, or a sub-query (never evaluated here: that would cost the query it saves).
        if isinstance(muscle_ids, QuerySet) or muscle_ids:
            q |= Q(exercises__target_muscles__in=muscle_ids)
        return self.filter(q)


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)
