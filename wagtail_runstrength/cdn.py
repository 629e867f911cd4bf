"""Purging a CDN by surrogate key, through ``wagtail.contrib.frontend_cache``'s own settings.

Wagtail 8.0.1's frontend-cache backends purge URLs only. A backend that
also has a ``purge_keys(keys)`` method is asked, after each change, to purge
the keys ``affected.py`` names (the webhooks' ``tags``): the same names the
responses carry in ``Surrogate-Key`` and ``Cache-Tag`` (``http_caching.py``),
so one purge reaches every copy of every address that drew the changed
page, exercise, image, category or clinician, the API's included. Two such
backends ship here; configure them in ``WAGTAILFRONTENDCACHE`` as any other::

    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail_runstrength.cdn.CloudflareKeyBackend",
            "ZONEID": "...",
            "BEARER_TOKEN": "...",
        },
        "varnish": {
            "BACKEND": "wagtail_runstrength.cdn.HTTPKeyBackend",
            "LOCATION": "http://varnish:6081",
            "KEY_HEADER": "xkey-purge",  # default "Surrogate-Key"
        },
    }

Both still purge URLs as Wagtail asks them to (their parents' behaviour).
The purge runs in the change's background task (``tasks.process_changes``),
after the pages are warmed, before the webhooks are sent. A failed purge is
logged and never raises.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import import_string
from wagtail.contrib.frontend_cache.backends.cloudflare import CloudflareBackend
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend

from . import __version__

logger = logging.getLogger(__name__)


class HTTPKeyBackend(HTTPBackend):
    """Wagtail's HTTP (Varnish, Squid) backend, plus a purge by key.

    ``purge_keys`` sends one ``PURGE`` (``KEY_METHOD``) request to
    ``LOCATION`` with the keys, space separated, in ``KEY_HEADER``
    (``Surrogate-Key``; Varnish's xkey module reads ``xkey-purge``), at most
    ``KEYS_PER_REQUEST`` keys at a time.
    """

    KEYS_PER_REQUEST = 256

    def __init__(self, params):
        self.key_header = params.pop("KEY_HEADER", "Surrogate-Key")
        self.key_method = params.pop("KEY_METHOD", "PURGE")
        location = params["LOCATION"]
        super().__init__(params)
        parts = urlsplit(location)
        self.key_url = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))

    def purge_keys(self, keys: list[str]) -> None:
        for start in range(0, len(keys), self.KEYS_PER_REQUEST):
            chunk = keys[start : start + self.KEYS_PER_REQUEST]
            request = urllib.request.Request(  # noqa: S310 - the configured LOCATION
                self.key_url,
                method=self.key_method,
                headers={self.key_header: " ".join(chunk), "User-Agent": f"wagtail-runstrength/{__version__}"},
            )
            try:
                with urllib.request.urlopen(request, timeout=30):  # noqa: S310 - the configured LOCATION
                    pass
            except (urllib.error.URLError, OSError) as error:
                logger.error("Couldn't purge keys %s from the HTTP cache: %s", " ".join(chunk), error)


class CloudflareKeyBackend(CloudflareBackend):
    """Wagtail's Cloudflare backend, plus a purge by cache tag (``{"tags": [...]}`` to the zone's purge endpoint).

    Cloudflare takes at most 30 tags a request on most plans
    (``TAGS_PER_REQUEST``). ``PURGE_URL`` overrides the endpoint of the tag
    purges (a proxy, a test); URL purges are Wagtail's, to Cloudflare's API.
    """

    TAGS_PER_REQUEST = 30

    def __init__(self, params):
        purge_url = params.pop("PURGE_URL", None)
        super().__init__(params)
        if purge_url:
            self.cloudflare_purge_endpoint_url = purge_url

    def purge_keys(self, keys: list[str]) -> None:
        import requests

        headers = {"Content-Type": "application/json"}
        if self.cloudflare_token:
            headers["Authorization"] = f"Bearer {self.cloudflare_token}"
        else:
            headers["X-Auth-Email"] = self.cloudflare_email
            headers["X-Auth-Key"] = self.cloudflare_api_key
        for start in range(0, len(keys), self.TAGS_PER_REQUEST):
            chunk = keys[start : start + self.TAGS_PER_REQUEST]
            try:
                response = requests.post(
                    self.cloudflare_purge_endpoint_url, json={"tags": chunk}, headers=headers, timeout=30
                )
                answer = response.json()
            except (requests.RequestException, ValueError) as error:
                logger.error("Couldn't purge tags %s from Cloudflare: %s", ",".join(chunk), error)
                continue
            if not answer.get("success"):
                messages = ", ".join(str(err.get("message")) for err in answer.get("errors", []))
                logger.error("Couldn't purge tags %s from Cloudflare: %s", ",".join(chunk), messages)


def _backend_settings() -> dict:
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return {}
    return getattr(settings, "WAGTAILFRONTENDCACHE", None) or {}


def key_backend_names() -> list[str]:
    """The configured frontend-cache backends that can purge by key, read from settings without building them."""
    names = []
    for name, config in _backend_settings().items():
        try:
            backend_class = import_string(config["BACKEND"])
        except (ImportError, KeyError):
            continue  # Wagtail reports a bad backend itself when it builds it
        if callable(getattr(backend_class, "purge_keys", None)):
            names.append(name)
    return names


def purge_keys(keys: Iterable[str]) -> int:
    """Ask every key-capable backend to purge ``keys``; returns how many backends were asked."""
    from wagtail.contrib.frontend_cache.utils import get_backends

    keys = sorted(set(keys))
    names = key_backend_names()
    if not keys or not names:
        return 0
    asked = 0
    for name, backend in get_backends(backends=names).items():
        try:
            backend.purge_keys(keys)
            asked += 1
        except Exception:  # a CDN's outage must not stop the webhooks that follow
            logger.exception("Purging keys through frontend-cache backend %s failed", name)
    return asked
