"""The one place public addresses are built: pages, their routes, and the headless frontend's base.

With ``RunStrengthSettings.frontend_base_url`` set for a site (or, when that
is blank, the project-wide ``WAGTAIL_RUNSTRENGTH["FRONTEND_BASE_URL"]``), its pages'
public URLs point at the frontend (``https://www.clinic.example/blog/post/``)
rather than at the CMS host; otherwise they are the site's own full URLs.
Templates, feeds, sitemaps, JSON-LD, the APIs, previews and cache
invalidation all build their addresses here, so a site served on another host
or without trailing slashes gets the same address everywhere.

Each site's base URL is read from Django's cache (shared by every process
when that is Redis), which is dropped whenever the site's settings are saved.
Pages rendered as HTML read the request's own settings instead
(``RunStrengthSettings.for_request``): their templates load them anyway, so
that costs nothing, and a page never depends on the cache being warm.
"""

from __future__ import annotations

from django.core.cache import cache

CACHE_KEY = "wagtail_runstrength:frontend_base:{site_id}"
# An hour, as Wagtail keeps its site root paths: a settings save whose delete was lost
# (the cache was unreachable at that moment) shows within the hour, not never.
CACHE_TIMEOUT = 3600


def join(base: str | None, path: str) -> str:
    """``base`` and the relative ``path`` with exactly one slash between them.

    ``join("/blog", "tags/")`` and ``join("/blog/", "/tags/")`` are both
    ``"/blog/tags/"``; an empty base gives a root-relative ``"/tags/"``.
    """
    return f"{(base or '').rstrip('/')}/{path.lstrip('/')}"


def site_frontend_base(stored: str | None) -> str:
    """A site's frontend address: its own setting (``stored``), else the project's ``FRONTEND_BASE_URL``."""
    from .conf import get_setting

    return (stored or get_setting("FRONTEND_BASE_URL") or "").rstrip("/")


def frontend_cache_key(site_id: int) -> str:
    return CACHE_KEY.format(site_id=site_id)


def _read_frontend_base(site_id: int) -> str:
    """The site's own stored base (what the cache keeps: the project-wide fallback is applied after reading)."""
    from .models import RunStrengthSettings

    base = RunStrengthSettings.objects.filter(site_id=site_id).values_list("frontend_base_url", flat=True).first()
    return (base or "").rstrip("/")


def forget_frontend_base(sender, instance, **kwargs) -> None:
    """``post_save``/``post_delete`` receiver for ``RunStrengthSettings``: the cached base URL is stale."""
    cache.delete(frontend_cache_key(instance.site_id))


def _request_settings(request, site_id: int):
    """The request's ``RunStrengthSettings`` (loaded once per request) when its site is ``site_id``."""
    from wagtail.models import Site

    from .models import RunStrengthSettings

    site = Site.find_for_request(request)
    return RunStrengthSettings.for_request(request) if site is not None and site.pk == site_id else None


def _existing_request_settings(request, site_id: int):
    """The request's ``RunStrengthSettings`` for ``site_id`` when it has been, or can be, read without creating it."""
    from .models import RunStrengthSettings

    site = request._wagtail_site
    if site is None or site.pk != site_id:
        return None
    attr_name = RunStrengthSettings.get_cache_attr_name()
    if hasattr(request, attr_name):
        return getattr(request, attr_name)
    loaded = RunStrengthSettings.objects.filter(site_id=site_id).first()
    if loaded is not None:
        loaded._request = request  # as Wagtail's for_request() keeps it, for page URLs
        setattr(request, attr_name, loaded)
    return loaded


class PublicUrls:
    """Builds absolute page URLs for one response, reading each site's frontend base URL once.

    ``use_request_settings`` reads the base of the request's own site from the
    request's settings rather than from the cache (see the module docstring).
    """

    def __init__(self, request=None, use_request_settings: bool = False):
        self.request = request
        self.use_request_settings = use_request_settings and request is not None
        self._frontend_bases: dict[int, str] = {}

    def frontend_base(self, site_id: int) -> str:
        """The frontend's address for the site, without a trailing slash; empty when it has none."""
        if site_id not in self._frontend_bases:
            loaded = _request_settings(self.request, site_id) if self.use_request_settings else None
            if loaded is not None:
                base = site_frontend_base(loaded.frontend_base_url)
            else:
                stored = cache.get_or_set(
                    frontend_cache_key(site_id), lambda: self._read_base(site_id), timeout=CACHE_TIMEOUT
                )
                base = site_frontend_base(stored)
            self._frontend_bases[site_id] = base
        return self._frontend_bases[site_id]

    def _read_base(self, site_id: int) -> str:
        """The base from the database: the request's own settings row when it is that site's.

        That row is the one the rest of the response reads (the call to action,
        the review policy), loaded once per request, so a cache miss here costs
        no query of its own. Only when the request's site is already known
        (finding it would cost the queries this saves) and its row exists:
        reading addresses never creates settings.
        """
        loaded = None
        if self.request is not None and hasattr(self.request, "_wagtail_site"):
            loaded = _existing_request_settings(self.request, site_id)
        if loaded is None:
            return _read_frontend_base(site_id)
        return (loaded.frontend_base_url or "").rstrip("/")

    def site_root(self, site) -> str:
        """The public address of a site's root, with a trailing slash; empty for no site."""
        if site is None:
            return ""
        return join(self.frontend_base(site.pk) or site.root_url, "")

    def page(self, page, suffix: str = "") -> str | None:
        """``page``'s public address, plus a route ``suffix`` such as ``"feed/rss/"``; ``None`` outside every site."""
        parts = page.get_url_parts(request=self.request)
        if parts is None:
            return None
        site_id, root_url, page_path = parts
        base = self.frontend_base(site_id) or (root_url or "").rstrip("/")
        url = f"{base}{page_path}"
        return join(url, suffix) if suffix else url


def public_url(page, request=None, suffix: str = "") -> str:
    """``page``'s public address (plus a route ``suffix``), or ``""`` for a page outside every site."""
    return PublicUrls(request, use_request_settings=True).page(page, suffix) or ""


def route_url(page, request, name: str, **kwargs) -> str:
    """The site-relative address of a route of a routable ``page`` (``RoutablePageMixin``)."""
    return join(page.get_url(request), page.reverse_subpage(name, kwargs=kwargs))
