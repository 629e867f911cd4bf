"""Domain verbs for article querysets, written once and used by templates, related posts and listings."""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from ..images import ARTICLE_CARD_IMAGE_SPECS, image_prefetch


class ArticlePageQuerySet(PageQuerySet):
    def visible_in(self, site, locale=None):
        """Pages any reader of ``site`` may open: live, outside private sections, on that site (and locale)."""
        qs = self.live().public()
        if site is not None:
            qs = qs.in_site(site)
        if locale is not None:
            qs = qs.filter(locale=locale)
        return qs

    def with_tag(self, slug: str):
        """Articles carrying the tag, as a sub-query so that no article is listed twice."""
        tagged = self.model.tags.through.objects.filter(tag__slug=slug).values("content_object_id")
        return self.filter(pk__in=tagged)

    def in_category(self, slug: str):
        return self.filter(category__slug=slug)

    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def for_cards(self):
        """Everything an article card shows (category, tags, thumbnail rendition) in a fixed number of queries."""
        return self.select_related("category", "locale").prefetch_related(
            "tags", image_prefetch("hero_image", *ARTICLE_CARD_IMAGE_SPECS)
        )

    def sharing_any(self, tag_ids, category_id, muscle_ids):
        """Articles sharing at least one tag, the category or a target muscle."""
        q = Q(pk__in=[])
        if tag_ids:
            q |= Q(tagged_items__tag_id__in=tag_ids)
        if category_id:
            q |= Q(category_id=category_id)
        if muscle_ids:
            q |= Q(exercises__target_muscles__in=muscle_ids)
        return self.filter(q)


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)
