"""A Content-Security-Policy header for the example site, chosen by path.

Django 5.2 has no CSP middleware (Django 6.0 adds one), so this small one sets
the header from ``CONTENT_SECURITY_POLICIES``: a list of ``(path prefix,
policy)`` pairs, the first matching prefix wins, and a policy is a dict of
directive → list of sources, the shape Django 6.0's ``SECURE_CSP`` also uses.
A response that already carries a policy (a view that set its own) keeps it.

The reader pages get a strict policy: every script and stylesheet comes from
the site itself, nothing inline. The package's templates are written for that
(no ``style=`` attributes, no inline scripts; the JSON-LD block is data, which
CSP does not block), so the policy needs no nonces. The Wagtail admin relies
on inline scripts and styles, so its paths get a looser policy of their own,
and the APIs' HTML views allow inline styles. ``production.py`` builds the three
from ``reader_policy``, ``admin_policy`` and ``api_policy``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

SELF = "'self'"
NONE = "'none'"
UNSAFE_INLINE = "'unsafe-inline'"

# Where the package's click-to-load video players come from: the privacy-enhanced
# YouTube player and Vimeo's (the example's embed finder builds these addresses).
VIDEO_PLAYERS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]

Policy = dict[str, list[str]]


def origin(url: str) -> str | None:
    """``https://cdn.example`` for an absolute URL such as ``MEDIA_URL`` on a CDN; ``None`` for a path."""
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    if url.startswith("//") and parts.netloc:
        return f"https://{parts.netloc}"
    return None


def _sources(*extra: str | None) -> list[str]:
    return [SELF, *dict.fromkeys(source for source in extra if source)]


def reader_policy(static_url: str = "/static/", media_url: str = "/media/") -> Policy:
    """The public pages' policy: no inline script or style, video players only from the two providers."""
    static, media = origin(static_url), origin(media_url)
    return {
        "default-src": [SELF],
        "script-src": _sources(static),
        "style-src": _sources(static),
        "img-src": _sources(static, media),
        "font-src": _sources(static),
        "media-src": _sources(media),
        "connect-src": [SELF],
        "frame-src": list(VIDEO_PLAYERS),
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # The site itself may frame its pages: the admin's preview panel shows them in an iframe.
        "frame-ancestors": [SELF],
    }


def api_policy(static_url: str = "/static/", media_url: str = "/media/") -> Policy:
    """The APIs' policy: the reader policy, plus the inline ``<style>`` of Django REST framework's HTML view.

    JSON answers ignore the header; it matters for the browsable API v2 pages
    and the v3 Swagger page (served from this site with ``ninja`` installed).
    Scripts stay as strict as on the reader pages.
    """
    policy = reader_policy(static_url, media_url)
    return {**policy, "style-src": [*policy["style-src"], UNSAFE_INLINE]}


def admin_policy(static_url: str = "/static/", media_url: str = "/media/") -> Policy:
    """The Wagtail admin's policy: its own inline scripts and styles allowed, everything else from the site.

    The admin shows previews of the reader pages in a frame of its own (so
    ``frame-ancestors 'self'``), embeds' players in the editor, and editors'
    avatars from Gravatar unless ``WAGTAIL_GRAVATAR_PROVIDER_URL`` is ``None``.
    """
    static, media = origin(static_url), origin(media_url)
    return {
        "default-src": [SELF],
        "script-src": [*_sources(static), UNSAFE_INLINE],
        "style-src": [*_sources(static), UNSAFE_INLINE],
        "img-src": [*_sources(static, media), "data:", "blob:", "https://www.gravatar.com"],
        "font-src": _sources(static),
        "media-src": _sources(media),
        "connect-src": [SELF, "https://releases.wagtail.org"],  # the dashboard's new-version notice
        "frame-src": [SELF, *VIDEO_PLAYERS],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }


def header_value(policy: Policy) -> str:
    """``{"default-src": ["'self'"], "object-src": ["'none'"]}`` → ``default-src 'self'; object-src 'none'``."""
    return "; ".join(" ".join([directive, *sources]) for directive, sources in policy.items())


def policy_for(path: str, policies: Iterable[tuple[str, Policy]]) -> Policy | None:
    return next((policy for prefix, policy in policies if path.startswith(prefix)), None)


class ContentSecurityPolicyMiddleware:
    """Adds ``Content-Security-Policy`` from ``CONTENT_SECURITY_POLICIES`` (no setting, no header)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = policy_for(request.path, getattr(settings, "CONTENT_SECURITY_POLICIES", ()))
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = header_value(policy)
        return response
