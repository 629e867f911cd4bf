"""Public page URLs for API output, on the site's headless frontend when it has one."""

from __future__ import annotations


class PublicUrls:
    """Builds absolute page URLs for one response, reading each site's frontend base URL once.

    With ``RunStrengthSettings.frontend_base_url`` set for a site, its pages'
    URLs point at the frontend (``https://www.clinic.example/blog/post/``)
    rather than at the CMS host; otherwise they are the site's own full URLs.
    """

    def __init__(self, request=None):
        self.request = request
        self._frontend_bases: dict[int, str] = {}

    def frontend_base(self, site_id: int) -> str:
        if site_id not in self._frontend_bases:
            from ..models import RunStrengthSettings

            base = (
                RunStrengthSettings.objects.filter(site_id=site_id).values_list("frontend_base_url", flat=True).first()
            )
            self._frontend_bases[site_id] = (base or "").rstrip("/")
        return self._frontend_bases[site_id]

    def page(self, page) -> str | None:
        parts = page.get_url_parts(request=self.request)
        if parts is None:
            return None
        site_id, root_url, page_path = parts
        base = self.frontend_base(site_id) or (root_url or "").rstrip("/")
        return f"{base}{page_path}"
