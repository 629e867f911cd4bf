"""Headless preview: an editor's unsaved preview, readable by the frontend through a signed, expiring token.

When an editor picks the "Headless frontend" preview mode, the page as it
stands in the editor (saved or not) is serialised into Django's cache under a
random key, and the key is signed with a timestamp. The editor's browser goes
to the frontend's ``/preview/?content_type=<app_label.model>&token=…`` (the
query wagtail-headless-preview uses, so frontends written for it work), and
the frontend fetches ``/api/v2/articles/preview/?content_type=…&token=…``,
which checks the signature and age before rebuilding the page from the cache.
The redirect also carries the older ``type=<app_label.ModelName>``; it is
deprecated and will be dropped in a future release. Nothing is
written to the database, a draft is never reachable without a token, and a
token stops working after ``PREVIEW_TOKEN_MAX_AGE`` seconds. With several app
processes the cache must be shared (Redis), as it must be for Wagtail anyway.

Every preview response, in any mode and from any caller, is marked
``Cache-Control: private, no-store`` (``never_stored``): a CDN or proxy that kept
one would show an editor's unpublished work to readers.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.core import signing
from django.core.cache import cache
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .conf import get_setting
from .public_urls import join

SALT = "wagtail_runstrength.preview"
CACHE_PREFIX = "wagtail_runstrength:preview:"


def never_stored(response):
    """``response`` marked so that no browser, proxy or CDN keeps a copy (``private, no-store``).

    Wagtail's admin URLs already say so, but ``serve_preview`` can be called from
    elsewhere (a host's own preview view, a headless preview app), and the
    headless preview API lives outside the admin.
    """
    # Public directives and validators a page or API response may already carry (http_caching.py)
    # would outlive add_never_cache_headers, which only adds to Cache-Control.
    for header in ("Cache-Control", "ETag", "Last-Modified", "Surrogate-Key", "Cache-Tag"):
        if header in response:
            del response[header]
    add_never_cache_headers(response)
    return response


class PreviewTokenError(Exception):
    """The token is malformed, forged, expired or its preview is gone."""


def create_preview_token(page) -> str:
    """Store the page as it stands and return a signed token for it."""
    key = uuid.uuid4().hex
    cache.set(
        CACHE_PREFIX + key,
        {"model": page._meta.label_lower, "content": page.to_json()},
        timeout=get_setting("PREVIEW_TOKEN_MAX_AGE"),
    )
    return signing.dumps({"key": key}, salt=SALT, compress=True)


def content_type_of(page) -> str:
    """``app_label.model`` in lower case, as wagtail-headless-preview names a page type."""
    return page._meta.label_lower


def check_content_type(page, content_type: str) -> None:
    """``PreviewTokenError`` unless ``content_type`` names ``page``'s model (any letter case)."""
    if content_type.strip().lower() != content_type_of(page):
        raise PreviewTokenError(
            _("content_type %(given)s does not match the previewed page, which is a %(expected)s")
            % {"given": content_type, "expected": content_type_of(page)}
        )


def load_preview(token: str):
    """The page stored for ``token``, rebuilt in memory; raises ``PreviewTokenError``."""
    from django.apps import apps

    try:
        data = signing.loads(token, salt=SALT, max_age=get_setting("PREVIEW_TOKEN_MAX_AGE"))
    except signing.SignatureExpired as error:
        raise PreviewTokenError(_("preview token has expired; open the preview again in the admin")) from error
    except signing.BadSignature as error:
        raise PreviewTokenError(_("preview token is not valid")) from error
    stored = cache.get(CACHE_PREFIX + str(data.get("key", "")))
    if stored is None:
        raise PreviewTokenError(_("preview has expired; open the preview again in the admin"))
    model = apps.get_model(stored["model"])
    return model.from_json(stored["content"])


def frontend_preview_url(page, request, token: str) -> str | None:
    """Where the editor's browser goes: the frontend's ``/preview/`` with the token, if the site has a frontend.

    The site's own "Frontend base URL", else ``FRONTEND_BASE_URL``. ``type`` is
    the deprecated name of ``content_type``, kept for frontends that read it.
    """
    from .models import RunStrengthSettings
    from .public_urls import site_frontend_base

    base = site_frontend_base(RunStrengthSettings.for_request(request).frontend_base_url)
    if not base:
        return None
    query = urlencode({"content_type": content_type_of(page), "token": token, "type": page._meta.label})
    return f"{join(base, 'preview/')}?{query}"
