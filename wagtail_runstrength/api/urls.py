"""Public page URLs for API output, on the site's headless frontend when it has one."""

from __future__ import annotations

from django.core.cache import cache

CACHE_KEY = "wagtail_runstrength:frontend_base:{site_id}"


def frontend_cache_key(site_id: int) -> str:
    return CACHE_KEY.format(site_id=site_id)


def _read_frontend_base(site_id: int) -> str:
    from ..models import RunStrengthSettings

    base = RunStrengthSettings.objects.filter(site_id=site_id).values_list("frontend_base_url", flat=True).first()
    return (base or "").rstrip("/")


def forget_frontend_base(sender, instance, **kwargs) -> None:
    """``post_save``/``post_delete`` receiver for ``RunStrengthSettings``: the cached base URL is stale."""
    cache.delete(frontend_cache_key(instance.site_id))


class PublicUrls:
    """Builds absolute page URLs for one response, reading each site's frontend base URL once.

    With ``RunStrengthSettings.frontend_base_url`` set for a site, its pages'
    URLs point at the frontend (``https://www.clinic.example/blog/post/``)
    rather than at the CMS host; otherwise they are the site's own full URLs.
    Each site's base URL is kept in Django's cache (shared by every process
    when that is Redis) and dropped whenever the site's settings are saved.
    """

    def __init__(self, request=None):
        self.request = request
        self._frontend_bases: dict[int, str] = {}

    def frontend_base(self, site_id: int) -> str:
        if site_id not in self._frontend_bases:
            self._frontend_bases[site_id] = cache.get_or_set(
                frontend_cache_key(site_id), lambda: _read_frontend_base(site_id), timeout=None
            )
        return self._frontend_bases[site_id]

    def page(self, page) -> str | None:
        parts = page.get_url_parts(request=self.request)
        if parts is None:
            return None
        site_id, root_url, page_path = parts
        base = self.frontend_base(site_id) or (root_url or "").rstrip("/")
        return f"{base}{page_path}"
