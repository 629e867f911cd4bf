"""An article's API detail, resolved once per generation and served from the fragment cache on every v2 read path.

Headless frontends read an article through Wagtail's ``/api/v2/pages/<id>/``
and ``find/?html_path=`` (answered in place for an article, where Wagtail
redirects to the detail) as often as through the package's ``/api/v2/articles/<id>/``. Both endpoints
build the same serializer for an article, so ``CachedArticleDetailMixin``
keys the representation on what the serializer writes (its fields for this
``?fields=``), not on the endpoint or the path: the two share one entry.

What a request costs when the entry is warm: one primary-key query that also
reads the fragment generation, one visibility check against the endpoint's
own base queryset (live, public, this site), and one cache ``get``. Only live,
public pages of the request's site reach the cache: a draft, a private page or
another site's page fails the visibility check first and is answered by
Wagtail's own code (a 404), and previews never use the cache. The key holds
the page's live revision, the language, the site, scheme and host, so one
site's (or language's) answer is never handed to another.

The same generation makes these entries stale as the page's fragments
(``invalidation.py``): publishing, unpublishing, or editing anything an article
shows (an exercise, an image, a category...) starts a new one.

API v3's detail is cached by ``v3_cache.py`` under the same rules.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter
from wagtail.models import Site

from .. import fragment_cache, recent_reads
from ..images import SHARE_SPEC, prefetch_renditions_for
from . import found_paths, page_paths
from .representation import HERO_IMAGE_SIZES

# Columns the light lookup reads: what the cache key and the article check need.
KEY_COLUMNS = ("pk", "content_type_id", "live_revision_id", "last_published_at", "locale_id")


def is_article_model(model) -> bool:
    from ..models import ArticlePageMixin

    return model is not None and issubclass(model, ArticlePageMixin)


def keyed_article(manager, pk):
    """The page ``pk`` with what its cache key needs and the current generation (``rs_generation``), in one query.

    ``None`` when no page has this id or it is not an article: only articles'
    representations are cached, since only what they show is watched by
    ``invalidation.py``.
    """
    page = manager.filter(pk=pk).only(*KEY_COLUMNS).annotate(rs_generation=fragment_cache.generation_subquery()).first()
    if page is None or not is_article_model(page.specific_class):
        return None
    return page


# What the detail serializer (and v3's schema) reads besides the body and the tags, joined onto the page.
ARTICLE_RELATIONS = ("author", "reviewer", "hero_image", "category", "locale")


def article_queryset(model):
    """``model``'s pages with everything the detail serializer reads besides the body, for one lookup by id.

    The hero image is joined rather than prefetched (a query less); ``load_article``
    then fetches the renditions the detail shows.
    """
    return model._default_manager.all().select_related(*ARTICLE_RELATIONS).prefetch_related("tags")


def complete_article(article) -> None:
    """Fetch the tags (unless they are) and the hero's renditions of an article loaded with ``ARTICLE_RELATIONS``.

    The renditions include the sharing one that v2's ``meta.json_ld`` names, in the same query.
    """
    article.prefetch_tags()
    if article.hero_image is not None:
        prefetch_renditions_for([article.hero_image], *HERO_IMAGE_SIZES.values(), SHARE_SPEC)


def load_article(model, pk):
    """The article ``pk`` for its API detail, with its hero's renditions: three queries, or ``None``."""
    article = article_queryset(model).filter(pk=pk).first()
    if article is not None:
        complete_article(article)
    return article


# Shapes worked out so far, by viewset class, API router, page model and ``?fields=`` text. Bounded: ``fields``
# comes from the client, and a shape is only kept for a value Wagtail accepted.
_SHAPES: dict[tuple, tuple] = {}
MAX_SHAPES = 256


def serializer_shape(serializer) -> tuple:
    """What a serializer class built by Wagtail's API writes: its fields, and its nested serializers' shapes."""
    children = sorted((name, serializer_shape(child)) for name, child in serializer.child_serializer_classes.items())
    return (tuple(serializer.Meta.fields), tuple(children))


def public_pages(request):
    """The pages of Wagtail's ``get_public_pages_queryset(request)``: live, readable by the request, on its site.

    The same pages, built from reads the package already keeps per request:
    the view restrictions come from ``view_restrictions``, so the related cards
    of an article's detail (``private_sections_q``) reuse that read instead of
    making their own, and the site's trees (its root page and, with i18n on,
    the root's translations, as Wagtail lists them) from ``in_site_q``, kept in
    Django's cache where Wagtail reads the root's translations on every request.
    """
    import swapper
    from wagtail.api.validators import SiteFilterValidator

    from ..models.querysets import view_restrictions
    from ..site_roots import in_site_q

    queryset = swapper.load_model("wagtailcore", "Page")._default_manager.all().live()
    for restriction in view_restrictions(request._request):
        if not restriction.accept_request(request):
            queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    if not site:
        return queryset.none()
    return queryset.filter(in_site_q(site, request._request))


class CachedArticleDetailMixin:
    """The detail of an article, from the fragment cache; any other page is served by the viewset as before.

    Put it after ``GuardedQueryMixin`` and before Wagtail's viewset in the bases.
    """

    representation_name = "api-v2-page-detail"

    def get_base_queryset(self):
        """Wagtail's visible pages, built once per request from the request's one read of the view restrictions."""
        if getattr(self, "_base_queryset", None) is None:
            try:
                self._base_queryset = public_pages(self.request)
            except ValueError as error:  # an unknown ``?site=``, as Wagtail answers it
                raise BadRequestError(str(error)) from error
        return self._base_queryset

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Found once on Django's request, where Wagtail's code reading it through DRF's wrapper also finds it.
        Site.find_for_request(request._request)

    def detail_view(self, request, pk):
        resolve = super().detail_view
        django_request = request._request
        if not fragment_cache.is_cacheable(django_request):
            return resolve(request, pk)
        page = self._routed_article(pk) or keyed_article(self.model._default_manager, pk)
        if page is None:
            return resolve(request, pk)
        # Two primary-key lookups: as ``pk__in=<visible pages>``, SQLite listed every visible page first.
        if str(pk) != getattr(self, "_visible_checked", None) and not self.get_base_queryset().filter(pk=pk).exists():
            raise Http404("not found")
        fragment_cache.remember_generation(django_request, page.rs_generation)
        self._visible_article = (str(pk), page.specific_class)  # a cache miss's get_object need not ask again
        # Keyed on the fields the response will hold, not on the query string: other parameters
        # (``?_=``, ``?limit=``) change nothing here, and ``fields`` can be spelled many ways.
        parts = [
            *fragment_cache.page_key_parts(page, django_request, with_path=False),
            request.GET.get("rich_text_format", ""),
            self.detail_shape(page.specific_class),
        ]

        def represent():
            data = resolve(request, pk).data
            recent_reads.note(django_request)  # a miss: a worker asks for it again after the next change
            return data

        return Response(fragment_cache.cached_value(self.representation_name, parts, represent, django_request))

    def _routed_article(self, pk, *, with_generation=True):
        """The article ``find/`` found, when it is ``pk`` (and, by default, was read with the generation).

        ``with_generation=False`` asks for the article as loaded with the
        relations the detail reads: only routing loads it so. An article
        recalled by id (``found_paths.py``) holds only its key columns.
        """
        found = getattr(self, "_routed", None)
        if found is None or str(found.pk) != str(pk):
            return None
        if with_generation:
            return found if hasattr(found, "rs_generation") else None
        return None if getattr(self, "_recalled", False) else found

    def find_object(self, queryset, request):
        django_request = request._request
        site = Site.find_for_request(django_request)
        html_path = request.GET.get("html_path")
        # Remembered only when the address alone names the page (no ``?id=``), and never for a preview.
        if html_path is None or site is None or "id" in request.GET or not fragment_cache.is_cacheable(django_request):
            return self._found_as(self._routed_or_by_id(queryset, request, site, html_path))
        recalled = found_paths.recall(django_request, site, html_path)
        page = keyed_article(self.model._default_manager, recalled[1]) if recalled is not None else None
        if page is not None and (page.rs_generation or "") == recalled[0]:
            # Nothing that changes routing happened since: the article's visibility is all left to check.
            self._recalled = True
            return self._found_as(page if queryset.filter(id=page.pk).exists() else None)
        # The generation an answer is stored under is read before routing, as ``cached_value`` reads it.
        if page_paths.applies():
            if page is not None:
                fragment_cache.remember_generation(django_request, page.rs_generation)
            generation = fragment_cache.current_generation(django_request)  # read by ``localized_root`` anyway
            routed = page_paths.find_page(django_request, site, html_path)
        else:
            generation, routed = found_paths.route_from_root(django_request, site, html_path)
        found = routed if routed is not None and queryset.filter(id=routed.id).exists() else None
        if found is not None and is_article_model(type(found)):
            found_paths.remember(django_request, site, html_path, generation, found)
        return self._found_as(found)

    def _routed_or_by_id(self, queryset, request, site, html_path):
        if html_path is not None and page_paths.applies():
            # Language-prefixed addresses of a translated site (page_paths.py); Wagtail's lookup misses them.
            page = page_paths.find_page(request._request, site, html_path)
            found = page if page is not None and queryset.filter(id=page.id).exists() else None
            if found is None and "id" in request.GET:
                found = super().find_object(queryset, request)
            return found
        return super().find_object(queryset, request)

    def _found_as(self, found):
        self._found = found
        return found

    def find_view(self, request):
        """``find/?html_path=`` answers an article's detail in place instead of redirecting to it.

        Wagtail redirects a lookup to the detail URL, a second round trip for
        every headless page view; the body is the same cached representation
        the detail serves. Other pages are still redirected. The article an
        address routes to is remembered until the next generation
        (``found_paths.py``), so a warm lookup costs what the detail does.
        """
        response = super().find_view(request)
        found = getattr(self, "_found", None)
        if response.status_code not in (301, 302) or found is None or not is_article_model(found.specific_class):
            return response
        self.kwargs["pk"] = found.pk
        # Found through the visible pages, and loaded by routing with the relations the detail reads;
        # its tags and hero renditions are fetched only if the cache misses (``get_object``).
        self._visible_checked = str(found.pk)
        self._routed = found
        return self.detail_view(request, found.pk)

    def get_object(self):
        """The article, loaded with its cards' relations in one lookup by id; other pages as Wagtail loads them.

        Wagtail asks twice (to choose the serializer, then to serialize), and
        its own lookup loads the page twice (base, then specific) before each
        relation the serializer reads costs a query of its own.
        """
        cached = getattr(self, "_article", None)
        if cached is not None:
            return cached
        pk = self.kwargs["pk"]
        routed = self._routed_article(pk, with_generation=False)
        if routed is not None:
            complete_article(routed)  # the serializer and related posts read its tags and hero renditions
            self._article = routed
            return routed
        visible = getattr(self, "_visible_article", None)
        if visible is not None and visible[0] == str(pk):
            model = visible[1]  # checked by detail_view
        else:
            page = keyed_article(self.model._default_manager, pk)
            if page is None:
                return super().get_object()
            # As ``pk__in=<visible pages>``, SQLite listed every visible page first: two lookups by id instead.
            if not self.get_base_queryset().filter(pk=pk).exists():
                raise Http404("not found")
            model = page.specific_class
        article = load_article(model, pk)
        if article is None:
            raise Http404("not found")
        self._article = article
        return article

    def detail_shape(self, model) -> tuple:
        """The fields (and nested fields) the detail of a ``model`` page holds for this request's ``?fields=``.

        Raises ``BadRequestError`` (a 400) for fields that don't exist, before anything is cached.
        """
        fields = self.request.GET.get("fields")
        # Wagtail builds a new serializer class for every request; its shape depends only on
        # these, so it is worked out once per process.
        router = self.request.wagtailapi_router
        key = (type(self), router, model, fields)
        known = _SHAPES.get(key)
        if known is not None:
            return known
        try:
            config = parse_fields_parameter(fields) if fields is not None else []
        except ValueError as error:
            raise BadRequestError(_("fields error: %(error)s") % {"error": error}) from error
        serializer = self._get_serializer_class(router, model, config, show_details=True)
        shape = serializer_shape(serializer)
        if len(_SHAPES) < MAX_SHAPES:
            _SHAPES[key] = shape
        return shape
