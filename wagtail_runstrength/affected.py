"""What a change affects: the pages, their public paths, their API URLs and their cache tags.

One answer to "a reader or a frontend may now see something new where?", used
by the warming task (``warming.py``), the revalidation webhooks
(``webhooks.py``) and anything else that must find every copy of a page
(CDN purges, ``Surrogate-Key`` headers): build an ``Affected`` with
``affected_by(obj)`` and read its ``paths``, ``api_urls`` and ``tags``.

The rules, for the object that changed:

- **An article** (published, unpublished, moved or deleted): the article
  itself; its index page, with the index's feeds (``feed/rss/``,
  ``feed/atom/``) and tag list (``tags/``), the listing of each of the
  article's tags (``?tag=<slug>``) with that tag's feeds
  (``tag/<slug>/feed/rss/``, ``tag/<slug>/feed/atom/``) and the listing of its
  category (``?category=<slug>``); every live page whose related-posts cards
  show it (``related_holders``); and the page of each of its exercises in
  every live exercise library of its site and language, which lists the
  articles using the exercise.
- **Any other page**: the page itself.
- **A page moved, unpublished or deleted**: also every page below it, whose
  address changed or which readers lost with it (each by the rule for its kind).
- **An exercise**: every live page that shows it (Wagtail's reference index;
  article cards do not show exercises, so not their listings); its page and
  the listing of every live exercise library in its language; and the pages
  of the published exercises that link to it as a progression or regression.
- **A category**: every live article in it, as for an article (cards show the category).
- **A clinician**: the live articles they wrote or reviewed (bylines are on the article only).
- **An image**: every live page that shows it (reference index), an article
  whose hero it is as for an article (cards show the hero); every published
  exercise and every clinician showing it, as for them.

Only live pages are listed, except the page that changed itself: an
unpublished or deleted page's address is listed so that frontends drop it.
Tags and categories are read as they are after the change (before it, for a
delete or a move), so the listing of a tag just taken off an article is not
listed.

**Related posts** are chosen, not stored, so the pages showing an article on
a card are found by choosing again (``related_holders``): the candidates are
the live pages that pick the article or filter by its category (reference
index) and the ``HOLDER_SCAN`` newest live articles of its site and language
sharing a tag, category or target muscle with it; each candidate with a
related-posts block in one of its StreamFields is kept when its cards, chosen
as if the article were visible, include it. "As if visible" finds the places
an article leaves when it is unpublished or deleted. Not found: a host page
whose related-posts block has no picks and no categories (it shows the newest
articles, or filters by tag names only) and blocks nested inside other blocks.

The reference index is kept by Wagtail's own background tasks; with a
worker (``docs/deployment.md``, "Background tasks") it is read a moment after
they ran.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse

from .public_urls import join

# How many articles sharing something with a changed article are checked for related cards showing it.
HOLDER_SCAN = 100

# URL namespaces the API v2 router may be mounted under (the README names it "wagtailapi";
# Wagtail's own frontend-cache code assumes "wagtailapi_v2").
API_V2_NAMESPACES = ("wagtailapi", "wagtailapi_v2")
API_V3_NAMESPACE = "wagtailapi_v3"


def page_tag(pk: int) -> str:
    """The cache tag (surrogate key) of one page: every response showing that page's own content carries it."""
    return f"rs-page-{pk}"


def object_tag(obj) -> str:
    """The cache tag of a library item or image, e.g. ``rs-exercisesnippet-4``."""
    return f"rs-{obj._meta.model_name}-{obj.pk}"


def list_tag(model) -> str:
    """The cache tag of every API listing of ``model``'s objects (``rs-list-articlepage``; ``rs-list-page`` for
    Wagtail's pages endpoint): an item that appears, changes or goes changes the listing."""
    name = "page" if model is _page_model() else model._meta.model_name
    return f"rs-list-{name}"


@dataclass
class Affected:
    """Pages and addresses a change touched, mergeable and JSON-ready (``as_json``/``from_json``).

    ``entries`` are ``(site id, site-relative path)`` pairs; ``page_ids`` are
    the live pages to warm; ``api_urls`` are paths on the CMS host.
    """

    page_ids: set[int] = field(default_factory=set)
    entries: set[tuple[int, str]] = field(default_factory=set)
    api_urls: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.entries or self.api_urls)

    def merge(self, other: Affected) -> Affected:
        self.page_ids |= other.page_ids
        self.entries |= other.entries
        self.api_urls |= other.api_urls
        self.tags |= other.tags
        return self

    @property
    def paths(self) -> list[str]:
        """Every affected site-relative path, sorted (all sites together)."""
        return sorted({path for _site_id, path in self.entries})

    def paths_by_site(self) -> dict[int, list[str]]:
        by_site: dict[int, list[str]] = {}
        for site_id, path in sorted(self.entries):
            by_site.setdefault(site_id, []).append(path)
        return by_site

    def as_json(self) -> dict[str, Any]:
        return {
            "page_ids": sorted(self.page_ids),
            "entries": [list(entry) for entry in sorted(self.entries)],
            "api_urls": sorted(self.api_urls),
            "tags": sorted(self.tags),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Affected:
        return cls(
            page_ids=set(data.get("page_ids", [])),
            entries={(site_id, path) for site_id, path in data.get("entries", [])},
            api_urls=set(data.get("api_urls", [])),
            tags=set(data.get("tags", [])),
        )


# Entry point


def affected_by(obj, *, include_descendants: bool = False) -> Affected:
    """What a change to ``obj`` (a page, exercise, category, clinician or image) affects, by the module's rules."""
    from wagtail.images import get_image_model

    from .models import ArticleCategory, Clinician, ExerciseSnippet

    page_model = _page_model()
    if isinstance(obj, page_model):
        page = obj.specific_deferred if type(obj) is page_model else obj
        affected = _page(page, changed=True)
        if include_descendants:
            for child in page_model.objects.descendant_of(page).live().specific():
                affected.merge(_page(child))
        return affected
    if isinstance(obj, ExerciseSnippet):
        return _exercise(obj)
    if isinstance(obj, ArticleCategory):
        return _articles_everywhere(_live_articles(category=obj)).merge(Affected(tags={object_tag(obj)}))
    if isinstance(obj, Clinician):
        return _clinician(obj)
    if isinstance(obj, get_image_model()):
        return _image(obj)
    return Affected()


# Rules


def _page(page, changed: bool = False) -> Affected:
    """A page by its kind: the article rule for articles, the page alone otherwise."""
    if _is_article(page):
        return _articles_everywhere([page], changed_pk=page.pk if changed else None)
    return _page_alone(page, include_if_not_live=changed)


def _page_alone(page, include_if_not_live: bool = False) -> Affected:
    """One page's own address and API URLs; nothing for a page readers cannot open (unless it is the change)."""
    affected = Affected()
    if not page.live and not include_if_not_live:
        return affected
    parts = page.get_url_parts()
    affected.tags.add(page_tag(page.pk))
    if page.live:
        affected.page_ids.add(page.pk)
    if parts is not None:
        site_id, _root, path = parts
        affected.entries.add((site_id, path))
        affected.api_urls |= _page_api_urls(page, path)
    else:
        affected.api_urls |= _page_api_urls(page, None)
    return affected


def _articles_everywhere(articles: Iterable, changed_pk: int | None = None) -> Affected:
    """The article rule for each of ``articles``: the article, its listings and feeds, related cards, exercise pages."""
    articles = list(articles)
    affected = Affected()
    if not articles:
        return affected
    for article in articles:
        affected.merge(_page_alone(article, include_if_not_live=article.pk == changed_pk))
        affected.merge(_index_listings(article))
        affected.merge(_library_pages_listing(article))
    for holder in related_holders(articles):
        affected.merge(_page_alone(holder))
    affected.tags |= {list_tag(_page_model()), *(list_tag(type(article)) for article in articles)}
    listing = _api_v2("articles", "listing")
    if listing:
        # The listing answers in one language: bare (the default's) and with ``?locale=`` for the article's.
        affected.api_urls.add(listing)
        for code in _language_codes({article.locale_id for article in articles}):
            affected.api_urls.add(_with_query(listing, locale=code))
    return affected


def _index_listings(article) -> Affected:
    """The article's index page: its listing, feeds and tag list, and the listings of the article's tags and category."""
    from .models import ArticleIndexPageMixin

    affected = Affected()
    parent = article.get_parent()
    if parent is None or not parent.live:
        return affected
    index = parent.specific
    if not isinstance(index, ArticleIndexPageMixin):
        return affected
    affected.merge(_page_alone(index))
    parts = index.get_url_parts()
    if parts is None:
        return affected
    site_id, _root, path = parts
    routes = [index.reverse_subpage(name) for name in ("feed_rss", "feed_atom", "tags")]
    for tag in article.tags.all():
        routes += [index.reverse_subpage(name, kwargs={"tag": tag.slug}) for name in ("tag_feed_rss", "tag_feed_atom")]
        affected.entries.add((site_id, f"{path}?{urlencode({'tag': tag.slug})}"))
    if article.category_id and article.category is not None:
        affected.entries.add((site_id, f"{path}?{urlencode({'category': article.category.slug})}"))
    affected.entries |= {(site_id, join(path, route)) for route in routes}
    return affected


def _library_pages_listing(article) -> Affected:
    """The page of each of the article's exercises in every live library of its site and language."""
    from .models.articles import exercise_libraries_for

    exercises = list(article.exercises.all()) if article.pk else []
    if not exercises:
        return Affected()
    affected = Affected()
    for library in exercise_libraries_for(article, model_name=article.exercise_library_model_name):
        affected.merge(_library_exercise_pages(library, exercises))
    return affected


def _library_exercise_pages(library, exercises, with_listing: bool = False) -> Affected:
    affected = Affected()
    parts = library.get_url_parts()
    if parts is None:
        return affected
    site_id, _root, path = parts
    affected.page_ids.add(library.pk)
    affected.tags.add(page_tag(library.pk))
    if with_listing:
        affected.merge(_page_alone(library))
    for exercise in exercises:
        affected.entries.add((site_id, join(path, library.reverse_subpage("exercise", kwargs={"slug": exercise.slug}))))
    return affected


def _exercise(exercise) -> Affected:
    from .models import ExerciseSnippet

    affected = Affected(tags={object_tag(exercise), list_tag(type(exercise))})
    for page in _live_pages_referring_to(exercise):
        affected.merge(_page_alone(page))
    linking = list(
        ExerciseSnippet.objects.live()
        .filter(locale_id=exercise.locale_id)
        .filter(pk__in=_linking_exercise_ids(exercise))
        .only("pk", "slug")
    )
    for library in _live_libraries(exercise.locale_id):
        affected.merge(_library_exercise_pages(library, [exercise, *linking], with_listing=True))
    affected.api_urls |= _exercise_api_urls(exercise)
    return affected


def _linking_exercise_ids(exercise) -> set[int]:
    """Exercises that list ``exercise`` as a progression or regression: their pages link to it by name."""
    from .models import ExerciseSnippet

    ids = set()
    for relation in (ExerciseSnippet.progressions, ExerciseSnippet.regressions):
        through = relation.through
        ids |= set(
            through.objects.filter(to_exercisesnippet_id=exercise.pk).values_list("from_exercisesnippet_id", flat=True)
        )
    ids.discard(exercise.pk)
    return ids


def _clinician(clinician) -> Affected:
    from django.db.models import Q

    affected = Affected(tags={object_tag(clinician)})
    for article in _live_articles(Q(author=clinician) | Q(reviewer=clinician)):
        affected.merge(_page_alone(article))
    return affected


def _image(image) -> Affected:
    from .models import Clinician, ExerciseSnippet

    # The image's own key, and the images endpoint's listings (``api/v2_media.py``), which show its title.
    affected = Affected(tags={object_tag(image), list_tag(type(image))})
    users = _live_pages_referring_to(image)
    heroes = [page for page in users if _is_article(page) and page.hero_image_id == image.pk]
    affected.merge(_articles_everywhere(heroes))
    for page in users:
        if page not in heroes:
            affected.merge(_page_alone(page))
    for exercise in ExerciseSnippet.objects.live().filter(image=image):
        affected.merge(_exercise(exercise))
    for clinician in Clinician.objects.filter(photo=image):
        affected.merge(_clinician(clinician))
    return affected


# Related posts


def related_holders(articles: Iterable) -> list:
    """Live pages whose related-posts cards show any of ``articles`` (chosen as if they were all visible).

    See the module docstring for which pages are candidates.
    """
    groups: dict[tuple, list] = {}
    for article in articles:
        site = article.get_site()
        if site is not None:
            groups.setdefault((site.pk, article.locale_id, type(article)), []).append(article)
    holders: dict[int, Any] = {}
    for (_site_id, _locale_id, model), group in groups.items():
        site = group[0].get_site()
        targets = {article.pk for article in group}
        for candidate in _holder_candidates(group, model, site):
            if candidate.pk in targets or candidate.pk in holders:
                continue
            if _shows_any(candidate, site, targets):
                holders[candidate.pk] = candidate
    return list(holders.values())


def _holder_candidates(group: list, model, site) -> list:
    """Pages that pick or filter for an article of ``group``, then the articles sharing something with it."""
    from .models import MuscleGroup

    referring: dict[int, Any] = {}
    for article in group:
        for page in _live_pages_referring_to(article):
            referring[page.pk] = page
        if article.category_id:
            for page in _live_pages_referring_to(article.category):
                referring[page.pk] = page
    tag_ids = {tag.pk for article in group for tag in article.tags.all()}
    category_ids = {article.category_id for article in group if article.category_id}
    used_in = f"exercises__used_in_{model._meta.model_name}s__in"
    muscle_ids = set(MuscleGroup.objects.filter(**{used_in: [a.pk for a in group]}).values_list("pk", flat=True))
    visible = model.objects.visible_in(site, group[0].locale_id)
    sharing = visible.filter(pk__in=visible.sharing_any(tag_ids, category_ids, muscle_ids).values("pk"))
    articles = list(sharing.exclude(pk__in=[a.pk for a in group]).newest_first()[:HOLDER_SCAN])
    return [*referring.values(), *articles]


def _shows_any(page, site, targets: set[int]) -> bool:
    """Whether a related-posts block of ``page`` chooses any of ``targets``, counting them as visible."""
    from django.db.models import Q

    from .blocks.related import RelatedPostsBlock
    from .conf import get_setting
    from .related import Criteria, _choose, article_model_for

    for value in _related_block_values(page, RelatedPostsBlock):
        article_model = article_model_for(page)
        readable = article_model.objects.visible_in(site, page.locale_id).values("pk")
        visible = article_model.objects.filter(Q(pk__in=readable) | Q(pk__in=targets))
        picks = [post.pk for post in value.get("posts") or [] if post and post.pk != page.pk]
        limit = value.get("limit") or get_setting("RELATED_POSTS_LIMIT")
        criteria = Criteria.for_page(page, list(value.tag_ids()), value.category_ids)
        if targets & {card.pk for card in _choose(page, picks[:limit], limit, visible, criteria)}:
            return True
    return False


def _related_block_values(page, block_class) -> list:
    """The values of top-level ``block_class`` blocks in any StreamField of ``page``."""
    from wagtail.fields import StreamField

    values = []
    for model_field in page._meta.concrete_fields:
        if isinstance(model_field, StreamField):
            values += [child.value for child in getattr(page, model_field.name) if isinstance(child.block, block_class)]
    return values


# Lookups


def _page_model():
    import swapper

    return swapper.load_model("wagtailcore", "Page")


def _is_article(page) -> bool:
    from .models import ArticlePageMixin

    return isinstance(page, ArticlePageMixin)


def _live_articles(*conditions, **filters) -> list:
    from .invalidation import article_models

    found = []
    for model in article_models():
        found += list(model.objects.live().filter(*conditions, **filters).select_related("category"))
    return found


def _live_libraries(locale_id: int) -> list:
    from .invalidation import library_models

    return [library for model in library_models() for library in model.objects.live().filter(locale_id=locale_id)]


def _live_pages_referring_to(obj) -> list:
    """Live pages (specific) whose content refers to ``obj``, according to Wagtail's reference index."""
    from wagtail.models import ReferenceIndex

    model = type(obj)
    parents = model._meta.get_parent_list()
    target_type = ContentType.objects.get_for_model(parents[-1] if parents else model)
    page_type = ContentType.objects.get_for_model(_page_model())
    source_ids = ReferenceIndex.objects.filter(
        to_content_type=target_type, to_object_id=str(obj.pk), base_content_type=page_type
    ).values_list("object_id", flat=True)
    ids = {int(pk) for pk in source_ids}
    if not ids:
        return []
    return list(_page_model().objects.filter(pk__in=ids).live().specific())


# API addresses


def _api_v2(endpoint: str, name: str, **kwargs) -> str | None:
    for namespace in API_V2_NAMESPACES:
        try:
            return reverse(f"{namespace}:{endpoint}:{name}", kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    return None


def _api_v3(name: str, **kwargs) -> str | None:
    if not apps.is_installed("wagtail.api.v3"):
        return None
    try:
        return reverse(f"{API_V3_NAMESPACE}:{name}", kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def _with_query(url: str | None, **params) -> str | None:
    return f"{url}?{urlencode(params)}" if url else None


def _page_api_urls(page, path: str | None) -> set[str]:
    """The page's detail (v2 pages and, for articles, v2 articles; v3 pages) and its ``find/?html_path=`` lookups."""
    urls = {_api_v2("pages", "detail", pk=page.pk), _api_v3("detail_page", page_id=page.pk)}
    if path is not None:
        urls |= {
            _with_query(_api_v2("pages", "find"), html_path=path),
            _with_query(_api_v3("find_page"), html_path=path),
        }
    if _is_article(page):
        urls.add(_api_v2("articles", "detail", pk=page.pk))
        if path is not None:
            urls.add(_with_query(_api_v2("articles", "find"), html_path=path))
    return {url for url in urls if url}


def _exercise_api_urls(exercise) -> set[str]:
    """Its details, and the listings and slug lookups as they read bare and with ``?locale=`` for its language."""
    by_language = [
        _api_v2("exercises", "listing"),
        _api_v2("exercises", "detail_by_slug", slug=exercise.slug),
        _with_query(_api_v2("exercises", "find"), slug=exercise.slug),
        _api_v3("runstrength_exercises_list"),
        _api_v3("runstrength_exercises_by_slug", slug=exercise.slug),
    ]
    urls = {
        _api_v2("exercises", "detail", pk=exercise.pk),
        _api_v3("runstrength_exercises_detail", exercise_id=exercise.pk),
        *by_language,
    }
    for code in _language_codes({exercise.locale_id}):
        urls |= {_add_query(url, locale=code) for url in by_language if url}
    return {url for url in urls if url}


def _add_query(url: str, **params) -> str:
    return f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"


def _language_codes(locale_ids: set) -> list[str]:
    from wagtail.models import Locale

    ids = {pk for pk in locale_ids if pk}
    return sorted(Locale.objects.filter(pk__in=ids).values_list("language_code", flat=True)) if ids else []
