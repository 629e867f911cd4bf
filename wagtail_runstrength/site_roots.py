"""A site's pages in every language: below its root page or below one of that root's translations.

Wagtail keeps each translated tree beside the default one: translating a
site's home page into French creates a sibling of it, with the French pages
below. "Below the site's root page" (``PageQuerySet.in_site``) therefore
misses every translated page. Wagtail's own routing decides which site a page
belongs to from ``Site.get_site_root_paths()``: the URL paths of each site's
root page and, with ``WAGTAIL_I18N_ENABLED``, of its translations. This
module reads the same list, so "on the site" means what Wagtail means by it
when it builds the page's URL.

That list lives in Django's cache (Wagtail clears it when a site, a site's
root page or one of its translations is saved) and is kept on the request
here. A single-language site needs nothing more; a translated one has its
roots' tree paths read once and cached too (``root_tree_paths``), so scoping a
query by site costs no query of its own once the caches are warm, in every
language alike.
"""

from __future__ import annotations

import functools
import hashlib
import operator

from django.core.cache import cache
from django.db.models import Q

CACHE_PREFIX = "wagtail_runstrength:site_roots:"
# As long as Wagtail keeps its own list of site root paths.
CACHE_TIMEOUT = 3600


def _holder(request):
    return getattr(request, "_request", request)  # a DRF request wraps Django's


def site_root_paths(request=None) -> list:
    """Wagtail's ``SiteRootPath`` list, read once per ``request`` when one is given."""
    from wagtail.models import Site

    holder = _holder(request)
    if holder is None:
        return Site.get_site_root_paths()
    paths = getattr(holder, "_runstrength_site_root_paths", None)
    if paths is None:
        paths = holder._runstrength_site_root_paths = Site.get_site_root_paths()
    return paths


def root_url_paths(site, request=None) -> list[str]:
    """The URL paths of ``site``'s root page and of its translations (Wagtail lists them with i18n on)."""
    from django.conf import settings

    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        # Wagtail lists no translations then, and serves none under the site.
        return [site.root_page.url_path]
    paths = [root.root_path for root in site_root_paths(request) if root.site_id == site.pk]
    return paths or [site.root_page.url_path]


def root_tree_paths(site, request=None) -> list[tuple[str, int]]:
    """The tree ``path`` and ``depth`` of ``site``'s root page and of its translations.

    Wagtail's list gives URL paths, which search backends cannot filter on;
    the tree paths are read once (one query) and kept in Django's cache under
    a key made of those URL paths, so a new, moved or deleted translation
    (which changes Wagtail's list) is read afresh. Kept on the request as well.
    """
    url_paths = root_url_paths(site, request)
    if len(url_paths) == 1:
        root = site.root_page
        return [(root.path, root.depth)]
    holder = _holder(request)
    remembered = getattr(holder, "_runstrength_root_tree_paths", None) if holder is not None else None
    if remembered is not None and site.pk in remembered:
        return remembered[site.pk]
    digest = hashlib.sha256("\x1f".join(sorted(url_paths)).encode()).hexdigest()[:32]
    key = f"{CACHE_PREFIX}{site.pk}:{digest}"
    paths = cache.get(key)
    if paths is None:
        from wagtail.models import Page

        paths = sorted(Page.objects.filter(url_path__in=url_paths).values_list("path", "depth"))
        cache.set(key, paths, CACHE_TIMEOUT)
    if holder is not None:
        if remembered is None:
            remembered = holder._runstrength_root_tree_paths = {}
        remembered[site.pk] = paths
    return paths


def in_site_q(site, request=None) -> Q:
    """Pages of ``site`` in any language: below its root page or below a translation of it.

    Written on the tree path, as Wagtail's own ``in_site`` is, so that search
    backends can filter on it and the path index serves it.
    """
    conditions = [Q(path__startswith=path, depth__gte=depth) for path, depth in root_tree_paths(site, request)]
    return functools.reduce(operator.or_, conditions, Q(pk__in=[])) if len(conditions) != 1 else conditions[0]


def belongs_to(page, site, request=None) -> bool:
    """Whether ``page`` is ``site``'s root page, a translation of it or below one of them."""
    url_path = page.url_path or ""
    return any(url_path.startswith(path) for path in root_url_paths(site, request))


def localized_root(site, request):
    """The page Wagtail routes ``request`` from: ``site.root_page.localized``, specific, at one query.

    Wagtail finds it on every request (``Page.route_for_request``): it reads
    the active ``Locale`` (a query) and, for any language but the root's own,
    the root's live translation (another). The answer only changes when a page,
    a site or a locale does, so it is kept in the fragment cache, per site and
    language, and goes stale with every fragment (``invalidation.py``): what is
    left is loading the page itself, as Wagtail's ``.specific`` does, in every
    language alike. Finding it on a cache miss is one query in every language
    too. ``None`` when the fragment cache is off.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.utils import translation

    from . import fragment_cache

    if not fragment_cache.is_enabled():
        return None

    def find():
        return _localized_root_row(site.root_page)

    parts = [site.pk, site.root_page_id, translation.get_language() or ""]
    pk, content_type_id = fragment_cache.cached_value("localized_root", parts, find, request)
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:  # a page type removed from the code base: let Wagtail decide
        return None
    return model._default_manager.filter(pk=pk).first()


def _localized_root_row(root) -> tuple[int, int]:
    """``root.localized``'s ``(pk, content_type_id)``, in one query whatever the language.

    Wagtail's rule: the translation in the active language's locale (the
    default locale when the active language has none) if it is live, else
    ``root`` itself.
    """
    from django.db.models import Exists
    from django.utils import translation
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    from .translated import default_language_code

    default = default_language_code()
    try:
        active = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        active = default
    rows = list(
        Page.objects.filter(translation_key=root.translation_key, locale__language_code__in={active, default})
        .annotate(active_exists=Exists(Locale.objects.filter(language_code=active)))
        .values_list("pk", "content_type_id", "live", "locale__language_code", "active_exists")
    )
    by_language = {language: (pk, content_type_id, live) for pk, content_type_id, live, language, _ in rows}
    active_exists = next((row[4] for row in rows), None)
    if active_exists is False:
        active = default  # as ``Locale.get_active()`` falls back
    found = by_language.get(active)
    if found is None or not found[2]:
        return root.pk, root.content_type_id
    return found[0], found[1]
