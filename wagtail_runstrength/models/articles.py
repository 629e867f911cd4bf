"""Article pages and their index.

Fields and behaviour live in the abstract ``ArticlePageMixin`` and
``ArticleIndexPageMixin``. The concrete pages combine them with the site's
base page model, loaded through swapper, so they work on hosts that keep
Wagtail's ``Page`` and on hosts that set ``WAGTAIL_PAGE_MODEL``.
"""

from __future__ import annotations

import swapper
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, prefetch_related_objects
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page, Site  # noqa: F401  (Page sets swapper's "WAGTAIL_" prefix before load_model)
from wagtail.search import index

from .. import fragment_cache, listing, public_urls, seo
from ..api.model_fields import article_api_fields, article_api_meta_fields, article_index_api_fields
from ..blocks import ArticleBodyBlock
from ..blocks.exercise import exercise_items
from ..blocks.related import reject_self_pick
from ..conf import get_setting
from ..feeds import ArticleAtomFeed, ArticleFeed
from ..http_caching import HTTPCachingPageMixin
from ..images import HERO_IMAGE_SPECS, alt_text, prefetch_renditions_for
from ..preview import never_stored
from ..readtime import count_words, read_time_minutes
from ..review import review_notice
from ..site_roots import in_site_q
from ..text import plain_text
from .base import can_match
from .querysets import ArticlePageManager, outside_private_sections
from .review import ReviewedContentMixin

BasePage = swapper.load_model("wagtailcore", "Page", require_ready=False)

INTRO_FEATURES = ["bold", "italic", "link"]
EXCERPT_WORDS = 40


def exercise_libraries_for(page, request=None, model_name: str = "wagtail_runstrength.ExerciseLibraryPage"):
    """Live, public exercise libraries on ``page``'s site and in its language (any page type).

    The site counts every language's tree, so a French article finds the
    French library beside the English one (``site_roots.py``).
    """
    site = Site.find_for_request(request) if request is not None else page.get_site()
    library_model = apps.get_model(model_name)
    # Restricted to the library table's own (few) rows first: joined the other way, SQLite
    # walks every page of the locale through its index (figures in docs/performance.md).
    libraries = library_model.objects.filter(pk__in=library_model.objects.values("pk"))
    libraries = outside_private_sections(libraries.live())
    if site is None:
        return libraries.none()
    return libraries.filter(in_site_q(site, request)).filter(locale_id=page.locale_id)


class ArticlePageMixin(HTTPCachingPageMixin, ReviewedContentMixin, models.Model):
    """An article built from blocks and the exercise library, with a computed read time.

    A host composing its own concrete page from this mixin also declares
    ``tags`` (a ``ClusterTaggableManager`` through its own tag model).
    """

    # API v2's meta.json_ld (api/json_ld.py): the structured data the HTML page prints.
    api_meta_fields = article_api_meta_fields()

    intro = RichTextField(
        _("introduction"),
        features=INTRO_FEATURES,
        blank=True,
        help_text=_("The opening paragraphs, shown above the body."),
    )
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The large photo at the top. Its description is the alt text unless you write one below."),
    )
    hero_alt = models.CharField(
        _("hero alt text override"),
        max_length=255,
        blank=True,
        help_text=_("Describe the photo for readers who cannot see it. Leave blank to use the image's description."),
    )
    hero_caption = models.CharField(_("hero caption"), max_length=255, blank=True)
    category = models.ForeignKey(
        "wagtail_runstrength.ArticleCategory",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(
        "wagtail_runstrength.Clinician",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    date = models.DateField(
        _("article date"),
        null=True,
        blank=True,
        help_text=_("Shown on the article. Leave blank to use the date it is first published."),
    )
    excerpt = models.TextField(
        _("excerpt"),
        max_length=300,
        blank=True,
        help_text=_(
            "One or two plain sentences for cards and search results. Leave blank to use the start of the introduction."
        ),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    read_time_minutes = models.PositiveSmallIntegerField(
        _("read time (minutes)"),
        default=1,
        editable=False,
        help_text=_("Computed from the article's text on every save."),
    )
    exercises = models.ManyToManyField(
        "wagtail_runstrength.ExerciseSnippet",
        verbose_name=_("exercises used"),
        related_name="used_in_%(class)ss",
        blank=True,
        editable=False,
        help_text=_("Kept in step with the body on every save; used for filters and related posts."),
    )

    article_content_panels = [
        "intro",
        MultiFieldPanel(
            [FieldPanel("hero_image"), "hero_alt", "hero_caption"],
            heading=_("Hero image"),
        ),
        "body",
    ]
    article_meta_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(["date", "category"]),
                "excerpt",
                FieldPanel("author"),
            ],
            heading=_("Article details"),
        ),
        *ReviewedContentMixin.review_panels,
    ]
    article_search_fields = [
        index.SearchField("intro"),
        index.SearchField("excerpt"),
        index.SearchField("body"),
        # The names and target muscles of the exercises the body shows (see ``exercise_search_text``).
        index.SearchField("exercise_search_text"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.FilterField("category"),
        index.FilterField("date"),
    ]

    class Meta:
        abstract = True

    # Saving

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        body_changed = update_fields is None or "body" in update_fields
        if body_changed:
            self.read_time_minutes = self.compute_read_time()
            if update_fields is not None and "read_time_minutes" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "read_time_minutes"]
        if self.date is None and self.live and (update_fields is None or "live" in update_fields):
            self.date = timezone.localdate(self.first_published_at or timezone.now())
        result = super().save(*args, **kwargs)
        if body_changed:
            self.exercises.set(self.used_exercise_ids())
        return result

    def clean(self):
        super().clean()
        for position, block in enumerate(self.body):
            if block.block_type == "related_posts":
                try:
                    reject_self_pick(block.value, self)
                except ValidationError as error:
                    raise ValidationError(
                        {"body": StreamBlockValidationError(block_errors={position: error})}
                    ) from error
        # Computed here as well as in save(): a draft revision is serialised
        # before the page row is saved, and must carry the fresh value.
        self.read_time_minutes = self.compute_read_time()

    # Derived values

    @property
    def hero_alt_text(self) -> str:
        return alt_text(self.hero_image, self.hero_alt)

    @property
    def display_date(self):
        if self.date:
            return self.date
        published = self.first_published_at or self.last_published_at
        return timezone.localdate(published) if published else None

    @property
    def card_excerpt(self) -> str:
        """Plain text for cards and meta descriptions: the excerpt, or the start of the introduction."""
        if self.excerpt:
            return self.excerpt
        return Truncator(plain_text(self.intro)).words(EXCERPT_WORDS)

    def visible_text_parts(self) -> list[str]:
        """Every piece of text a reader sees on the article, for the read time."""
        parts = [self.title, self.intro, self.hero_caption]
        parts.extend(self.body.stream_block.get_searchable_content(self.body))
        return parts

    @cached_property
    def word_count(self) -> int:
        return count_words(self.visible_text_parts())

    def compute_read_time(self) -> int:
        self.__dict__.pop("word_count", None)
        return read_time_minutes(self.word_count)

    def exercise_search_text(self) -> str:
        """The names and target muscles of the exercises on the article's cards, for the search index.

        Read from the body, like the ``body`` search field, so the index always
        matches the body it is built from: the ``exercises`` relation is only
        rewritten after the page row is saved, when the index has already been
        updated. The body loads its exercises with their muscles in bulk
        (``ExerciseChooserBlock.bulk_to_python``), so this costs no query.
        Unpublished or deleted exercises, whose cards readers do not see, are
        left out. ``search_index.py`` re-indexes the articles when one of their
        exercises or muscle groups changes.
        """
        words = []
        for item in exercise_items(self.body):
            if not item.is_visible:
                continue
            exercise = item["exercise"]
            words.append(exercise.name)
            words.extend(muscle.name for muscle in exercise.target_muscles.all())
        return " ".join(dict.fromkeys(words))

    def used_exercise_ids(self) -> list[int]:
        ids = [item["exercise"].pk for item in exercise_items(self.body) if item.get("exercise") is not None]
        return list(dict.fromkeys(ids))

    # Previews

    HEADLESS_PREVIEW_MODE = "headless"

    @property
    def preview_modes(self):
        return [*super().preview_modes, (self.HEADLESS_PREVIEW_MODE, _("Headless frontend"))]

    def serve_preview(self, request, mode_name):
        """The "Headless frontend" mode hands the frontend a signed, expiring token (see ``preview.py``).

        No mode's response may be stored by a cache (``never_stored``).
        """
        if mode_name != self.HEADLESS_PREVIEW_MODE:
            return never_stored(super().serve_preview(request, mode_name))
        from django.shortcuts import redirect

        from ..preview import create_preview_token, frontend_preview_url

        token = create_preview_token(self)
        target = frontend_preview_url(self, request, token)
        if target:
            return never_stored(redirect(target))
        context = {"page": self, "token": token, "request": request}
        return never_stored(TemplateResponse(request, "wagtail_runstrength/headless_preview.html", context))

    # Rendering

    # The exercise library whose pages the article's exercise cards link to, when the site has one.
    exercise_library_model_name = "wagtail_runstrength.ExerciseLibraryPage"

    def table_of_contents(self) -> list[dict]:
        """The article's sections, in order: its section headings and the exercise groups with a heading."""
        entries = []
        for block in self.body:
            if block.block_type == "heading" and block.value["level"] == "h2":
                entries.append({"anchor_id": block.value.anchor_id, "text": block.value["text"]})
            elif block.block_type == "exercise_group" and block.value["heading"]:
                entries.append({"anchor_id": f"exercises-{block.id}", "text": block.value["heading"]})
        return entries

    def get_exercise_library(self, request=None):
        """The live, public exercise library of this article's site and language, if there is one."""
        return self.exercise_libraries(request).first()

    def exercise_libraries(self, request=None):
        """Live, public exercise libraries on this article's site and in its language."""
        return exercise_libraries_for(self, request, self.exercise_library_model_name)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template reads these inside cached fragments, so a cache hit never computes them.
        library = SimpleLazyObject(lambda: self.get_exercise_library(request))
        parent = SimpleLazyObject(self.get_parent)
        context.update(
            headings=SimpleLazyObject(self.table_of_contents),
            has_exercise_sheet=SimpleLazyObject(lambda: bool(seo.article_exercises(self))),
            exercise_library=library,
            exercise_library_url=SimpleLazyObject(lambda: library.get_url(request) if library else ""),
            index_page=parent,
            index_url=SimpleLazyObject(lambda: parent.get_url(request) if parent else ""),
            review=SimpleLazyObject(lambda: self.review_status_for_request(request)),
            overdue_notice=SimpleLazyObject(lambda: review_notice(request)),
            # The review line's state changes with the date, not with a publish: cached per day.
            review_day=timezone.localdate().isoformat(),
        )
        return context

    def get_view_restrictions(self):
        """The view restrictions on this page and its ancestors, in one query (Wagtail's takes two).

        Read by Wagtail's ``before_serve_page`` check on every view. As in
        Wagtail, an alias has its source page's restrictions, never its own:
        a restriction counts when it sits on one of these pages or on the page
        one of them is an alias of.
        """
        from wagtail.models import PageViewRestriction

        steplen = type(self).steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        return PageViewRestriction.objects.filter(
            pk__in=PageViewRestriction.objects.filter(
                models.Q(page__path__in=paths, page__alias_of__isnull=True) | models.Q(page__aliases__path__in=paths)
            ).values("pk")
        )

    def prefetch_tags(self, request=None) -> None:
        """Fetch the tags once for the meta tags, JSON-LD and tag list, which all read them.

        Called by the template tags rather than ``get_context``, so a page served
        from the fragment cache does not fetch them at all. A preview keeps the
        editor's unsaved tags in memory instead.
        """
        if getattr(request, "is_preview", False) or "tags" in getattr(self, "_prefetched_objects_cache", {}):
            return
        if self.pk:
            prefetch_related_objects([self], "tags")

    def prefetch_for_document(self, request=None) -> None:
        """Fetch together what the page's head and body read besides the blocks.

        The tags (see ``prefetch_tags``), the author and reviewer in one query
        instead of two, and every rendition of the hero image in one query
        instead of one for the sharing image and another for the picture.
        Called from the template tags inside the cached document, so a cache
        hit fetches none of it.
        """
        if getattr(self, "_runstrength_document_prefetched", False):
            return
        self._runstrength_document_prefetched = True
        self.prefetch_tags(request)
        fields = (type(self).author.field, type(self).reviewer.field)
        missing = [field for field in fields if getattr(self, field.attname) and not field.is_cached(self)]
        if missing:
            found = missing[0].related_model.objects.in_bulk({getattr(self, field.attname) for field in missing})
            for field in missing:
                field.set_cached_value(self, found.get(getattr(self, field.attname)))
        if self.hero_image_id:
            prefetch_renditions_for([self.hero_image], *HERO_IMAGE_SPECS)
        self.localize_relations()

    # Snippets the article links to, read in its language (see ``translated.py``).
    translated_relations = ("category", "author", "reviewer")

    def localize_relations(self) -> None:
        """Read the category, author and reviewer in the article's language, once per instance.

        A translation whose category or clinicians were translated after it
        still links to the source's; this shows their translation (or the
        default locale's version) instead, with one query per model only when
        a link is in another language.
        """
        if getattr(self, "_runstrength_relations_localized", False):
            return
        self._runstrength_relations_localized = True
        from ..translated import localize_foreign_keys

        localize_foreign_keys(self, self.translated_relations)

    def get_sitemap_urls(self, request=None):
        return [seo.sitemap_entry(self, request)]


class ArticleIndexPageMixin(HTTPCachingPageMixin, RoutablePageMixin, models.Model):
    """Lists its live, public articles, newest first, paginated and filterable by tag and category.

    Routes under the index: ``feed/rss/`` and ``feed/atom/`` (and the same
    under ``tag/<slug>/``) for feed readers, and ``tags/`` listing the tags.
    """

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)

    # The article model listed here; a host with its own concrete article page points this at it.
    article_model_name = "wagtail_runstrength.ArticlePage"

    index_content_panels = ["intro"]
    index_search_fields = [index.SearchField("intro")]
    tags_template = "wagtail_runstrength/article_index_tags.html"

    class Meta:
        abstract = True

    def serve_preview(self, request, mode_name):
        return never_stored(super().serve_preview(request, mode_name))

    def get_articles(self, request=None):
        """Live, public child articles in this page's locale, newest first."""
        article_model = apps.get_model(self.article_model_name)
        site = self.get_site()
        return article_model.objects.child_of(self).visible_in(site, self.locale).newest_first().for_cards()

    def filtered_articles(self, request):
        """The articles matching ``?tag=`` and ``?category=`` (slugs), and the filters applied.

        A tag or category that does not exist is a 404, as the tag's feed is:
        every such address would otherwise be a listing of its own, cached apart.
        So is a tag no article listed here carries (only drafts or private
        articles: its name would tell what they are about), and a value with a
        NUL character, which no slug holds and PostgreSQL refuses in a query.
        """
        from .taxonomy import ArticleCategory

        articles = self.get_articles(request)
        filters = {}
        tag = request.GET.get("tag", "").strip()
        if tag:
            if not can_match(tag) or not self.listed_tags(request).filter(slug=tag).exists():
                raise Http404(_("No such tag."))
            articles = articles.with_tag(tag)
            filters["tag"] = tag
        category = request.GET.get("category", "").strip()
        if category:
            if not can_match(category) or not ArticleCategory.objects.filter(slug=category).exists():
                raise Http404(_("No such category."))
            articles = articles.in_category(category)
            filters["category"] = category
        # Neither filter can repeat a row (``with_tag`` is a sub-query), so no DISTINCT:
        # on PostgreSQL it sorted every article's whole row, body included.
        return articles.defer("body"), filters

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles, filters = self.filtered_articles(request)
        paginator = Paginator(articles, get_setting("INDEX_PAGE_SIZE"))
        filter_query = urlencode(filters)
        number = listing.page_number(request, paginator, [self.pk, filter_query])
        from .taxonomy import ArticleCategory

        # Lazy: the template reads these inside its cached document, so a cache hit runs no listing query.
        context.update(
            articles=SimpleLazyObject(lambda: paginator.page(number)),
            paginator=paginator,
            filters=filters,
            active_tag=filters.get("tag"),
            active_category=SimpleLazyObject(
                lambda: ArticleCategory.for_slug(filters["category"], self.locale_id) if "category" in filters else None
            ),
            filter_query=filter_query,
            # Checked values only: a page that exists, a tag and a category that do.
            listing_key=f"{number}|{filter_query}",
            tags_url=self.route_url(request, "tags"),
        )
        return context

    def get_sitemap_urls(self, request=None):
        return [seo.sitemap_entry(self, request)]

    # Routes

    # What an article's page and API detail read besides the body, joined onto the routing query.
    routed_article_relations = ("hero_image", "category", "locale", "author", "reviewer")

    def route(self, request, path_components):
        """An article below this index is found in one query, with the relations its page reads.

        Wagtail's routing finds the child as a plain page, then loads it again as
        its specific type, and each relation the article's page reads (hero
        image, category, locale, author and reviewer) costs one more query on a
        cold render. The index's own routes (feeds, tags) and children of other
        types are routed as before.
        """
        if path_components and not (self.live and self._is_own_route(path_components)):
            article = self._child_article(path_components[0])
            if article is not None:
                article._cached_parent_obj = self  # as Wagtail's routing does: get_parent() needs no query
                # Read in the same query: the article's fragments need no query of their own for it.
                if request is not None:
                    fragment_cache.remember_generation(request, article.rs_generation)
                return article.route(request, path_components[1:])
        return super().route(request, path_components)

    def _is_own_route(self, path_components) -> bool:
        try:
            self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            return False
        return True

    def _child_article(self, slug: str):
        article_model = apps.get_model(self.article_model_name)
        return (
            article_model.objects.child_of(self)
            .filter(slug=slug)
            .select_related(*self.routed_article_relations)
            .annotate(rs_generation=fragment_cache.generation_subquery())
            .first()
        )

    def route_url(self, request, name: str, **kwargs) -> str:
        """The site-relative address of one of this index's routes."""
        return public_urls.route_url(self, request, name, **kwargs)

    def tag_counts(self, request=None):
        """Tags of the live, public articles listed here, with how many articles carry each, most used first."""
        article_model = apps.get_model(self.article_model_name)
        articles = self.get_articles(request).order_by().values("pk")
        return (
            article_model.tags.through.objects.filter(content_object__in=articles)
            .values("tag__name", "tag__slug")
            .annotate(count=Count("content_object", distinct=True))
            .order_by("-count", "tag__name")
        )

    def listed_tags(self, request=None):
        """Tags carried by at least one article listed here: a tag found only on drafts, private
        articles or other indexes' articles has no feed here, as it has no line on the tags page."""
        through = apps.get_model(self.article_model_name).tags.through
        listed = self.get_articles(request).order_by().values("pk")
        return through.tag_model().objects.filter(
            pk__in=through.objects.filter(content_object__in=listed).values("tag_id")
        )

    def _feed(self, request, feed_class, tag=None):
        if tag is not None:
            tag = self.listed_tags(request).filter(slug=tag).first()
            if tag is None:
                raise Http404(_("No such tag."))
        return feed_class(self, tag=tag)(request)

    @path("feed/rss/", name="feed_rss")
    def rss_feed(self, request):
        return self._feed(request, ArticleFeed)

    @path("feed/atom/", name="feed_atom")
    def atom_feed(self, request):
        return self._feed(request, ArticleAtomFeed)

    @path("tag/<str:tag>/feed/rss/", name="tag_feed_rss")
    def tag_rss_feed(self, request, tag):
        return self._feed(request, ArticleFeed, tag)

    @path("tag/<str:tag>/feed/atom/", name="tag_feed_atom")
    def tag_atom_feed(self, request, tag):
        return self._feed(request, ArticleAtomFeed, tag)

    @path("tags/", name="tags")
    def tags_view(self, request):
        context = super().get_context(request)  # the page's own context, not the listing
        context["tag_counts"] = self.tag_counts(request)
        return TemplateResponse(request, self.tags_template, context)


class ArticleIndexPage(ArticleIndexPageMixin, BasePage):  # noqa: DJ008 (Page defines __str__)
    """The blog section that holds articles."""

    content_panels = BasePage.content_panels + ArticleIndexPageMixin.index_content_panels
    search_fields = BasePage.search_fields + ArticleIndexPageMixin.index_search_fields

    subpage_types = ["wagtail_runstrength.ArticlePage"]
    template = "wagtail_runstrength/article_index_page.html"

    api_fields = article_index_api_fields()

    class Meta:
        verbose_name = _("article index page")
        verbose_name_plural = _("article index pages")


class ArticlePage(ArticlePageMixin, BasePage):  # noqa: DJ008 (Page defines __str__)
    """A strength-training article: intro, hero, blocks, exercise cards and related posts."""

    tags = ClusterTaggableManager(
        through="wagtail_runstrength.ArticlePageTag",
        verbose_name=_("tags"),
        blank=True,
        help_text=_("Topics such as Running or Knee. Shared tags bring articles together in related posts."),
    )

    objects = ArticlePageManager()

    content_panels = [
        *BasePage.content_panels,
        *ArticlePageMixin.article_meta_panels,
        FieldPanel("tags"),
        *ArticlePageMixin.article_content_panels,
    ]
    search_fields = (
        BasePage.search_fields
        + ArticlePageMixin.article_search_fields
        + [
            index.RelatedFields("tags", [index.SearchField("name")]),
        ]
    )

    parent_page_types = ["wagtail_runstrength.ArticleIndexPage"]
    subpage_types = []
    template = "wagtail_runstrength/article_page.html"

    api_fields = article_api_fields()

    class Meta:
        verbose_name = _("article page")
        verbose_name_plural = _("article pages")
        # Listings, feeds and the related-posts window read the newest articles first.
        indexes = [models.Index(fields=["-date"], name="rs_articlepage_date")]


class ArticlePageTag(TaggedItemBase):
    """Links a tag to an article."""

    content_object = ParentalKey(
        "wagtail_runstrength.ArticlePage",
        related_name="tagged_items",
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")
