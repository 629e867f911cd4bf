"""Related posts: the editor's picks first, topped up with the closest articles on the same site.

Everything is resolved in a fixed number of queries whatever the number of
articles or cards: the target muscles and the window of candidates, then
one query that scores them and loads the winning cards (another checks and
loads the editor's picks, when there are any), then the cards' tags and
thumbnail renditions.

The automatic cards are scored among the newest ``RELATED_POSTS_WINDOW``
visible articles only. Scoring reads each candidate's tags and muscles, so
scoring the whole archive costs time in proportion to its size (measured in
docs/performance.md); the window is found through the index on
the article date and keeps the cost flat. Readers see recent matches, which
is what a related-posts strip is for; ``None`` restores exhaustive scoring.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, router
from django.db.models import IntegerField, Q, prefetch_related_objects
from django.db.models.expressions import RawSQL

from . import fragment_cache
from .conf import get_setting
from .images import ARTICLE_CARD_IMAGE_SPECS, prefetch_renditions_for
from .site_roots import belongs_to

TAG_WEIGHT = 3
CATEGORY_WEIGHT = 2
MUSCLE_WEIGHT = 1


def _site_for(page, request=None):
    """The site ``page`` is read on: the request's (already found, root page loaded) or the page's own.

    Without a page (a host's StreamField serialised where the page is not
    known), the request's site. A page in a translated tree belongs to the
    request's site too (``site_roots.belongs_to``).
    """
    if request is not None:
        from wagtail.models import Site

        site = Site.find_for_request(request)
        if site is not None and (page is None or belongs_to(page, site, request)):
            return site
    return page.get_site() if page is not None else None


def article_model_for(page) -> type:
    """The article model whose pages are cards on ``page``.

    An article page relates to its own model, so a host's concrete article
    page built from ``ArticlePageMixin`` gets its own articles; any other page
    (a host's home or landing page reusing the block) gets the package's
    ``ArticlePage``.
    """
    from .models import ArticlePage, ArticlePageMixin

    return type(page) if isinstance(page, ArticlePageMixin) else ArticlePage


def _is_article(page) -> bool:
    from .models import ArticlePageMixin

    return isinstance(page, ArticlePageMixin)


@dataclass(frozen=True)
class Criteria:
    """The tags and categories automatic cards are matched on: the article's own plus the block's.

    A related-posts block can name tags and categories of its own; on a page
    that is not an article they are the only criteria there are. An article's
    target muscles count too, but they are read only when the cards are
    scored (``scored_candidates``), so a cached choice costs no query for them.
    """

    tag_ids: list[int] = field(default_factory=list)
    category_ids: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.tag_ids or self.category_ids)

    @classmethod
    def for_page(cls, page, tag_ids: Sequence[int] = (), category_ids: Sequence[int] = ()) -> Criteria:
        tags, categories = list(tag_ids), list(category_ids)
        if _is_article(page):
            # Read through .all() so a page rebuilt in memory (previews, revisions) works as well as a saved one.
            tags += [tag.pk for tag in page.tags.all() if tag.pk]
            if page.category_id:
                categories.append(page.category_id)
        return cls(sorted(set(tags)), sorted(set(categories)))


def _muscle_ids(page):
    """The muscle groups the article's exercises target, as a sub-query; ``None`` for a page that is not a saved article.

    A sub-query rather than a list: the scoring query reads it once (it does not
    depend on the candidate), which spares a query of its own on every cold render.
    """
    from .models import MuscleGroup

    if not _is_article(page) or not page.pk:
        return None
    used_in = f"exercises__used_in_{type(page)._meta.model_name}s"
    return MuscleGroup.objects.filter(**{used_in: page.pk}).values("pk")


# The scoring expressions, one per signal. Only quoted names from the models'
# metadata are put into them; every value goes in as a query parameter.
_TAG_MATCHES = (
    "(SELECT COUNT(DISTINCT rs_t.{tag}) FROM {through} rs_t"
    " WHERE rs_t.{article} = {candidate} AND rs_t.{tag} IN ({marks}))"
)
_CATEGORY_MATCHES = "(CASE WHEN {category} IN ({marks}) THEN 1 ELSE 0 END)"
# The candidate's target muscles that are also the page's (%s: the page's id).
_MUSCLE_MATCHES = (
    "(SELECT COUNT(DISTINCT rs_m.{muscle}) FROM {targets} rs_m"
    " INNER JOIN {uses} rs_u ON rs_u.{uses_exercise} = rs_m.{targeted_by}"
    " WHERE rs_u.{used_by} = {candidate} AND rs_m.{muscle} IN ("
    "SELECT rs_pm.{muscle} FROM {targets} rs_pm"
    " INNER JOIN {uses} rs_pu ON rs_pu.{uses_exercise} = rs_pm.{targeted_by}"
    " WHERE rs_pu.{used_by} = %s))"
)


def _quote(model, name: str) -> str:
    return connections[router.db_for_read(model)].ops.quote_name(name)


def _column(model, name: str) -> str:
    return _quote(model, model._meta.get_field(name).column)


def _table(model) -> str:
    return _quote(model, model._meta.db_table)


def _m2m_columns(model, name: str) -> tuple[str, str, str]:
    """The quoted through table of ``model.name`` and its columns for the owner and the target."""
    m2m = model._meta.get_field(name)
    through = m2m.remote_field.through
    return _table(through), _column(through, m2m.m2m_field_name()), _column(through, m2m.m2m_reverse_field_name())


def score_sql(page, article_model, criteria: Criteria) -> RawSQL:
    """The candidate's score as one SQL expression over its row in ``article_model``'s table.

    Written out rather than built from ``Subquery(...)`` and ``Case(...)``:
    Django compiled those three correlated sub-queries afresh on every cold
    render, and that took ten times longer than the database took to run
    them (docs/performance.md). Each signal reads only the link tables, never
    the tags, exercises or muscle groups themselves: the link rows hold every
    id the score compares. The expression names ``article_model``'s table, so
    it belongs in a query whose own table that is, not in a sub-query.
    """
    from .models import ExerciseSnippet

    candidate = f"{_table(article_model)}.{_quote(article_model, article_model._meta.pk.column)}"
    parts, params = [], []
    if criteria.tag_ids:
        through = article_model.tags.through
        parts.append(
            f"{TAG_WEIGHT} * "
            + _TAG_MATCHES.format(
                through=_table(through),
                tag=_column(through, "tag"),
                article=_column(through, "content_object"),
                candidate=candidate,
                marks=", ".join(["%s"] * len(criteria.tag_ids)),
            )
        )
        params += criteria.tag_ids
    if criteria.category_ids:
        parts.append(
            f"{CATEGORY_WEIGHT} * "
            + _CATEGORY_MATCHES.format(
                category=f"{_table(article_model)}.{_column(article_model, 'category')}",
                marks=", ".join(["%s"] * len(criteria.category_ids)),
            )
        )
        params += criteria.category_ids
    if _is_article(page) and page.pk:
        uses, used_by, uses_exercise = _m2m_columns(article_model, "exercises")
        targets, targeted_by, muscle = _m2m_columns(ExerciseSnippet, "target_muscles")
        parts.append(
            f"{MUSCLE_WEIGHT} * "
            + _MUSCLE_MATCHES.format(
                targets=targets,
                uses=uses,
                used_by=used_by,
                uses_exercise=uses_exercise,
                targeted_by=targeted_by,
                muscle=muscle,
                candidate=candidate,
            )
        )
        params.append(page.pk)
    return RawSQL(" + ".join(parts) or "0", params, output_field=IntegerField())  # noqa: S611 - see _TAG_MATCHES


def scored_candidates(page, exclude_ids: Sequence[int] = (), visible=None, criteria: Criteria | None = None):
    """Live, public articles of ``page``'s site and locale that share something with it, best first.

    ``visible`` is the queryset of articles a reader may open; it is built
    here when the caller has none. ``criteria`` defaults to the page's own.
    """
    article_model = article_model_for(page) if page is not None else visible.model
    criteria = criteria if criteria is not None else Criteria.for_page(page)
    base = visible if visible is not None else article_model.objects.visible_in(_site_for(page), page.locale)
    excluded = [pk for pk in (getattr(page, "pk", None), *exclude_ids) if pk]
    window = get_setting("RELATED_POSTS_WINDOW")
    score = score_sql(page, article_model, criteria)
    if window is None:
        sharing = base.sharing_any(criteria.tag_ids, criteria.category_ids, _muscle_ids(page)).values("pk")
        candidates = base.filter(pk__in=sharing).exclude(pk__in=excluded).annotate(score=score)
    else:
        # The window's ids are read first (one query down the date index) and passed as a
        # list: as a sub-query, PostgreSQL hashed it against every article and SQLite sorted
        # them all. Within the window, sharing nothing means scoring 0.
        candidates = article_model.objects.filter(pk__in=window_ids(base, excluded, window))
        candidates = candidates.annotate(score=score).filter(score__gt=0)
    return candidates.order_by("-score", "-date", "-first_published_at", "-pk")


def window_ids(visible, excluded: Sequence[int], window: int) -> list[int]:
    """The ids of the newest ``window`` articles in ``visible``, leaving out ``excluded``."""
    return list(visible.exclude(pk__in=excluded).newest_first().values_list("pk", flat=True)[:window])


def related_articles(
    page,
    picks: Sequence = (),
    limit: int | None = None,
    request=None,
    tag_ids: Sequence[int] = (),
    category_ids: Sequence[int] = (),
) -> list:
    """The cards for ``page``: manual ``picks`` (pages or ids) in order, then automatic ones up to ``limit``.

    A pick that is a draft, private, on another site or the page itself is
    silently dropped: nothing appears that a reader of ``page`` could not open.
    Automatic cards match the article's own tags, category and muscles and the
    block's ``tag_ids`` and ``category_ids``; a page that is not an article is
    matched on the block's criteria alone, and shows the newest articles when
    there are none. Cards are of ``page``'s own model, so a host's concrete
    article page built from ``ArticlePageMixin`` gets related posts among its
    own articles. Give the ``request`` serving ``page`` to reuse its site and
    view restrictions; with ``page`` unknown (``None``), the request's site and
    language decide.
    """
    from wagtail.models import Locale

    article_model = article_model_for(page)
    page_pk = getattr(page, "pk", None)
    limit = limit or get_setting("RELATED_POSTS_LIMIT")
    pick_ids, pick_keys = [], {}
    for pick in picks:
        pk = getattr(pick, "pk", pick)
        if pk and pk != page_pk and pk not in pick_ids:
            pick_ids.append(pk)
            if page is not None and getattr(pick, "locale_id", page.locale_id) != page.locale_id:
                # A translation keeps its source's picks: show their translation in the page's language.
                pick_keys[pk] = pick.translation_key

    site = _site_for(page, request)
    if site is None:
        # A page outside every site has no readers, and no site's articles belong on it.
        return []
    locale = page.locale if page is not None else Locale.get_active()
    visible = article_model.objects.visible_in(site, locale, request)
    criteria = Criteria.for_page(page, tag_ids, category_ids)
    loaded: dict[int, Any] = {}

    def choose_ids() -> list[int]:
        cards = _choose(page, pick_ids, limit, visible, criteria, pick_keys)
        loaded.update((card.pk, card) for card in cards)
        return [card.pk for card in cards]

    if fragment_cache.is_cacheable(request) and page_pk:
        # The choice depends on the page's own tags, category and picks and on every other
        # article, so it is kept under the fragment cache's generation (see fragment_cache.py).
        window = get_setting("RELATED_POSTS_WINDOW")
        parts = [page_pk, locale.pk, site.pk, criteria.tag_ids, criteria.category_ids, pick_ids, limit, window]
        ids = fragment_cache.cached_value("related-ids", parts, choose_ids, request)
    else:
        ids = choose_ids()

    if loaded:
        cards = [loaded[pk] for pk in ids]
    else:
        # Chosen earlier: load the cards, still only those a reader may open.
        found = _cards(visible.filter(pk__in=ids)).in_bulk() if ids else {}
        cards = [found[pk] for pk in ids if pk in found]
    if cards:
        prefetch_related_objects(cards, "tags")
        prefetch_renditions_for([card.hero_image for card in cards], *ARTICLE_CARD_IMAGE_SPECS)
    return cards


def _choose(page, pick_ids: list[int], limit: int, visible, criteria: Criteria, pick_keys: dict | None = None) -> list:
    """The picks a reader may open, in order, then the best automatic matches, as loaded cards.

    ``pick_keys`` maps a pick in another language to its ``translation_key``:
    its translation among ``visible`` (the page's language) stands in for it,
    found by the same query.
    """
    page_pk = getattr(page, "pk", None)
    chosen = []
    if pick_ids:
        # Checking the picks and loading their cards is one query.
        condition = Q(pk__in=pick_ids)
        if pick_keys:
            condition |= Q(translation_key__in=set(pick_keys.values()))
        rows = list(_cards(visible.filter(condition)))
        by_pk = {row.pk: row for row in rows}
        by_key = {row.translation_key: row for row in rows}
        for pk in pick_ids:
            card = by_pk.get(pk) or by_key.get((pick_keys or {}).get(pk))
            if card is not None and card.pk != page_pk and card not in chosen:
                chosen.append(card)
        # Cut to the limit after leaving out the picks readers cannot open, so a draft
        # among the first picks does not take the place of a readable one after it.
        chosen = chosen[:limit]
    auto = []
    if len(chosen) < limit:
        # So is scoring the candidates and loading the winners' cards. A page that is not an
        # article and a block without criteria: its site's newest articles follow the picks.
        chosen_ids = [card.pk for card in chosen]
        if criteria or _is_article(page):
            candidates = scored_candidates(page, chosen_ids, visible, criteria)
        else:
            excluded = [pk for pk in (page_pk, *chosen_ids) if pk]
            candidates = visible.exclude(pk__in=excluded).newest_first()
        auto = list(_cards(candidates)[: limit - len(chosen)])
    return chosen + auto


def _cards(queryset):
    """``queryset`` with what a card shows joined in; tags and renditions are prefetched for all cards at once."""
    return queryset.select_related("category", "locale", "hero_image").defer("body")
