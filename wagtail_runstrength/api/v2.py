"""API v2 endpoints: articles with reader-facing filters, and the public exercise library.

A host registers them in its own router, one line each::

    from wagtail_runstrength.api.v2 import ArticlesAPIViewSet, ExercisesAPIViewSet, PagesAPIViewSet

    api_router.register_endpoint("pages", PagesAPIViewSet)  # optional: frontend html_url
    api_router.register_endpoint("articles", ArticlesAPIViewSet)
    api_router.register_endpoint("exercises", ExercisesAPIViewSet)

Every endpoint here answers unusable query input with a 400 where Wagtail's
own would fail with a 500 (``v2_guards.py``); ``v2_media.py`` has Wagtail's
images and documents endpoints with the same guards.
"""

from __future__ import annotations

import copy

from django.db.models import Q
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from rest_framework.fields import Field
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response
from taggit.models import Tag
from wagtail.api import APIField
from wagtail.api.v2 import views as wagtail_views
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    OrderingFilter,
    SearchFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale, Site

from ..http_caching import HTTPCachingViewSetMixin
from ..models import ArticleCategory, ArticlePage, ExerciseSnippet, MuscleGroup
from ..preview import PreviewTokenError, check_content_type, load_preview, never_stored
from . import fields as api_fields
from . import locales
from .cached_detail import CachedArticleDetailMixin, serializer_shape  # noqa: F401 (serializer_shape: kept importable)
from .messages import unknown_choice_message
from .representation import urls_in
from .v2_guards import GuardedFieldsFilter, GuardedQueryMixin, guarded_filter_backends

ARTICLE_FILTERS = ("tag", "category", "muscle", "exercise")
EXERCISE_FILTERS = ("muscle", "difficulty", "equipment")


class PublicHtmlUrlField(Field):
    """``meta.html_url`` on the site's headless frontend when one is configured."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page) -> str | None:
        return urls_in(self.context).page(page)


class PublicPageSerializer(PageSerializer):
    """Wagtail's page serializer, with the public ``html_url`` and the page in the fields' context.

    The package's blocks placed in any StreamField of the page read the page
    from the context: related posts leave the page itself out and match its
    site and language, a call to action falls back to its site's default.
    """

    html_url = PublicHtmlUrlField(read_only=True)

    def to_representation(self, instance):
        self.context["page"] = instance
        return super().to_representation(instance)


def _one(request, name: str) -> str:
    value = request.GET.get(name, "").strip()
    if not value:
        raise BadRequestError(_("%(name)s needs a value") % {"name": name})
    return value


def _muscle(request) -> MuscleGroup:
    slug = _one(request, "muscle")
    muscle = MuscleGroup.for_slug(slug, Locale.get_active())
    if muscle is None:
        raise BadRequestError(_("unknown muscle '%(slug)s'; use the slug of a muscle group") % {"slug": slug})
    return muscle


def _listed_tags(view):
    """Tags carried by an article the endpoint may list: a tag used only on drafts, private
    pages or another site's articles is unknown here, as it is on the site's tag pages."""
    visible = view.get_base_queryset().values("pk")
    return Tag.objects.filter(
        pk__in=ArticlePage.tags.through.objects.filter(content_object_id__in=visible).values("tag_id")
    )


class ArticleFilter(BaseFilterBackend):
    """``?tag=``, ``?category=``, ``?muscle=`` (slugs) and ``?exercise=`` (slug or id); unknown values are a 400."""

    def filter_queryset(self, request, queryset, view):
        if "tag" in request.GET:
            wanted = [tag.strip() for tag in _one(request, "tag").split(",") if tag.strip()]
            if not wanted:
                raise BadRequestError(_("%(name)s needs a value") % {"name": "tag"})
            for wanted_tag in wanted:
                tag = _listed_tags(view).filter(Q(slug=wanted_tag) | Q(name__iexact=wanted_tag)).first()
                if tag is None:
                    raise BadRequestError(_("unknown tag '%(tag)s'; use a tag's slug or name") % {"tag": wanted_tag})
                queryset = queryset.filter(pk__in=ArticlePage.objects.filter(tags=tag).values("pk"))
        if "category" in request.GET:
            slug = _one(request, "category")
            category = ArticleCategory.for_slug(slug, Locale.get_active())
            if category is None:
                raise BadRequestError(_("unknown category '%(slug)s'") % {"slug": slug})
            # Any translation of the category: an article is filed under its own language's row.
            queryset = queryset.filter(category__translation_key=category.translation_key)
        if "muscle" in request.GET:
            muscle = _muscle(request)
            with_muscle = ArticlePage.objects.filter(exercises__in=ExerciseSnippet.objects.for_muscle(muscle))
            queryset = queryset.filter(pk__in=with_muscle.values("pk"))
        if "exercise" in request.GET:
            key = _one(request, "exercise")
            published = ExerciseSnippet.objects.live()
            if key.isdigit():
                exercise = published.filter(pk=int(key)).first()
            else:
                exercise = ExerciseSnippet.for_slug(key, Locale.get_active(), published)
            if exercise is None:
                raise BadRequestError(
                    _("unknown exercise '%(key)s'; use a published exercise's slug or id") % {"key": key}
                )
            with_exercise = ArticlePage.objects.filter(exercises__translation_key=exercise.translation_key)
            queryset = queryset.filter(pk__in=with_exercise.values("pk"))
        return queryset


def requested_language(request) -> str:
    """The listing's language code (``locales.requested_language``), a bad ``?locale=`` as a 400."""
    try:
        return locales.requested_language(request.GET.get(locales.PARAMETER))
    except locales.UnknownLocale as error:
        raise BadRequestError(str(error)) from error


class ContentLocaleFilter(BaseFilterBackend):
    """One language per listing and slug lookup: ``?locale=``, else the reader's language, else the default.

    Replaces Wagtail's ``LocaleFilter`` (which lists every language unless asked,
    and answers an unknown code with a 404). A listing of ``translation_of``
    without ``?locale=`` keeps every language: it asks for the other languages.
    """

    def filter_queryset(self, request, queryset, view):
        if "translation_of" in request.GET and locales.PARAMETER not in request.GET:
            return queryset
        child_of = getattr(queryset, "_filtered_by_child_of", None)
        queryset = locales.in_language(queryset, requested_language(request))
        if child_of:
            queryset._filtered_by_child_of = child_of
        return queryset


class ArticleFieldsFilter(GuardedFieldsFilter):
    """Wagtail's exact-match field filters, minus the names ``ArticleFilter`` reads as slugs."""

    def filter_queryset(self, request, queryset, view):
        original = request.GET
        request._request.GET = original.copy()
        for name in ARTICLE_FILTERS:
            request._request.GET.pop(name, None)
        try:
            return super().filter_queryset(request, queryset, view)
        finally:
            request._request.GET = original


class PagesAPIViewSet(
    HTTPCachingViewSetMixin, GuardedQueryMixin, CachedArticleDetailMixin, wagtail_views.PagesAPIViewSet
):
    """Wagtail's pages endpoint, with ``meta.html_url`` on the headless frontend when configured.

    An article's detail is the cached representation ``/api/v2/articles/<id>/``
    serves (``cached_detail.py``); other pages are Wagtail's.
    """

    base_serializer_class = PublicPageSerializer
    filter_backends = guarded_filter_backends(wagtail_views.PagesAPIViewSet.filter_backends)
    # An article's meta.json_ld (api/json_ld.py) is built for one page at a time.
    detail_only_fields = [*wagtail_views.PagesAPIViewSet.detail_only_fields, "json_ld"]


class ArticlesAPIViewSet(
    HTTPCachingViewSetMixin, GuardedQueryMixin, CachedArticleDetailMixin, wagtail_views.PagesAPIViewSet
):
    """Live, public articles of the request's site, newest first, with reader-facing filters.

    Listings carry card fields; ``body`` comes with the detail view only, so a
    listing costs the same number of queries whatever its length. The detail
    is the cached representation of ``cached_detail.py``, shared with the
    pages endpoint.
    """

    name = "articles"
    model = ArticlePage
    base_serializer_class = PublicPageSerializer
    filter_backends = [
        ArticleFilter,
        ArticleFieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        ContentLocaleFilter,
        SearchFilter,
    ]
    # The package's fields are always public HTML, so Wagtail's rich_text_format would be silently ignored.
    known_query_parameters = (
        wagtail_views.PagesAPIViewSet.known_query_parameters - {"type", "rich_text_format"}
    ).union(ARTICLE_FILTERS)
    listing_default_fields = wagtail_views.PagesAPIViewSet.listing_default_fields + [
        "date",
        "excerpt",
        "category",
        "tags",
        "hero_image",
        "read_time_minutes",
    ]
    detail_only_fields = ["parent", "body", "translations", "json_ld"]

    def get_queryset(self):
        visible = self.get_base_queryset().values("pk")
        queryset = ArticlePage.objects.filter(pk__in=visible).for_cards().select_related("author", "reviewer")
        if "order" not in self.request.GET:
            queryset = queryset.newest_first()
        return queryset

    def preview_view(self, request):
        """An editor's preview, for the frontend: ``?token=`` from the "Headless frontend" preview mode.

        ``?content_type=`` (``app_label.model``, as the redirect gives it) is
        optional; when present it must name the previewed page's model. ``type``
        is its deprecated name.
        """
        token = request.GET.get("token", "")
        if not token:
            raise BadRequestError(_("token is required; it comes from the admin's Headless frontend preview"))
        named = {key: request.GET[key] for key in ("content_type", "type") if key in request.GET}
        if len({value.strip().lower() for value in named.values()}) > 1:
            raise BadRequestError(_("content_type and type disagree; send content_type only"))
        try:
            page = load_preview(token)
            for value in named.values():
                check_content_type(page, value)
        except PreviewTokenError as error:
            raise BadRequestError(str(error)) from error
        return Response(serialize_preview(page, self.get_serializer_context()))

    def finalize_response(self, request, response, *args, **kwargs):
        """The preview's answers, errors included, are an editor's draft: no cache may keep them."""
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.action == "preview_view":
            never_stored(response)
        return response

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("preview/", cls.as_view({"get": "preview_view"}), name="preview"),
            *super().get_urlpatterns(),
        ]


def serialize_preview(page, context: dict) -> dict:
    """The page's ``api_fields`` as the detail view shows them, for a page that may exist only in memory."""
    data = {
        "id": page.pk,
        "title": page.title,
        "meta": {"type": page._meta.label, "slug": page.slug, "preview": True},
    }
    for api_field in page.api_fields:
        if api_field.serializer is None:
            value = getattr(page, api_field.name)
            data[api_field.name] = value.isoformat() if hasattr(value, "isoformat") else value
            continue
        serializer = copy.deepcopy(api_field.serializer)
        serializer.bind(field_name=api_field.name, parent=None)
        serializer._context = context
        value = serializer.get_attribute(page)
        data[api_field.name] = None if value is None else serializer.to_representation(value)
    return data


class ExerciseFilter(BaseFilterBackend):
    """``?muscle=`` (slug), ``?difficulty=`` and ``?equipment=`` (choice values); unknown values are a 400."""

    def filter_queryset(self, request, queryset, view):
        if "muscle" in request.GET:
            queryset = queryset.for_muscle(_muscle(request))
        for name, choices, verb in (
            ("difficulty", ExerciseSnippet.Difficulty.values, "for_difficulty"),
            ("equipment", ExerciseSnippet.Equipment.values, "with_equipment"),
        ):
            if name in request.GET:
                value = _one(request, name)
                if value not in choices:
                    raise BadRequestError(unknown_choice_message(name, value, choices))
                queryset = getattr(queryset, verb)(value)
        return queryset


class ExercisesAPIViewSet(HTTPCachingViewSetMixin, GuardedQueryMixin, wagtail_views.BaseAPIViewSet):
    """The published exercise library, public like the pages it appears on.

    Unlike Wagtail's snippet endpoints, it needs no login: it only ever shows
    published exercises, and for each one only the live, public articles of
    the request's site that use it.
    """

    name = "exercises"
    model = ExerciseSnippet
    filter_backends = [ExerciseFilter, GuardedFieldsFilter, ContentLocaleFilter, OrderingFilter, SearchFilter]
    known_query_parameters = wagtail_views.BaseAPIViewSet.known_query_parameters.union(
        [*EXERCISE_FILTERS, locales.PARAMETER]
    )
    find_query_parameters = wagtail_views.BaseAPIViewSet.find_query_parameters.union(["slug", locales.PARAMETER])
    body_fields = wagtail_views.BaseAPIViewSet.body_fields + [
        APIField("translations", serializer=api_fields.ExerciseTranslationsField())
    ]
    detail_only_fields = ["translations"]
    listing_default_fields = wagtail_views.BaseAPIViewSet.listing_default_fields + [
        "name",
        "slug",
        "summary",
        "target_muscles",
        "difficulty",
        "equipment",
        "prescription",
        "image",
    ]
    nested_default_fields = wagtail_views.BaseAPIViewSet.nested_default_fields + ["name", "slug"]

    def get_queryset(self):
        return ExerciseSnippet.objects.for_public_api(Site.find_for_request(self.request))

    def find_object(self, queryset, request):
        # Wagtail's find view does not run the filter backends: the language is chosen here.
        if "slug" in request.GET:
            in_language = locales.in_language(queryset, requested_language(request))
            return in_language.filter(slug=request.GET["slug"]).first()
        return super().find_object(queryset, request)

    def get_object(self):
        if "slug" in self.kwargs:
            # The slug in the requested language only, as the listing and find/?slug= read it.
            exercise = (
                locales.in_language(self.get_queryset(), requested_language(self.request))
                .filter(slug=self.kwargs["slug"])
                .first()
            )
        else:
            exercise = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if exercise is None:
            raise Http404("not found")
        return exercise

    def detail_by_slug_view(self, request, slug):
        return self.detail_view(request, pk=None)

    @classmethod
    def get_urlpatterns(cls):
        return [
            *super().get_urlpatterns(),
            path("<slug:slug>/", cls.as_view({"get": "detail_by_slug_view"}), name="detail_by_slug"),
        ]
