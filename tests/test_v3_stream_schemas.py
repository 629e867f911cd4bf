"""The v3 page schemas hand StreamField blocks their page, whatever the order of the apps (``api/v3_streams.py``)."""

import json
import os
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from wagtail.api.v3.registry import registry

from wagtail_runstrength.api import v3_streams

LANDING = "runstrength_testapp.LandingPage"
REPO = Path(__file__).resolve().parents[1]

# Prints, for every page schema the package patched, whether Wagtail's pages router resolves its body with the
# package's resolver.
ROUTER_REPORT = """
import json
import django
django.setup()
from wagtail.api.v3.api import api  # what a host's URLconf imports
from wagtail.api.v3.routers import pages
from wagtail_runstrength.api import v3_streams
from tests.test_v3_stream_schemas import router_members, uses_page_resolver
members = router_members(pages._page_schemas.detail)
print(json.dumps({label: uses_page_resolver(members[label]) for label in v3_streams.patched}))
"""


def router_members(union) -> dict[str, type]:
    """The schemas of a detail union built by Wagtail's ``build_discriminated_union``, by content type label."""
    members = {}
    for member in typing.get_args(typing.get_args(union)[0]):
        schema, *extras = typing.get_args(member)
        members.update({extra.tag: schema for extra in extras if hasattr(extra, "tag")})
    return members


def uses_page_resolver(schema) -> bool:
    """Whether ``schema`` resolves its ``body`` with the package's ``page_resolver``."""
    resolver = schema._ninja_resolvers.get("body")
    return resolver is not None and getattr(resolver._func, "runstrength_page_resolver", False)


def test_the_pages_router_resolves_the_host_page_body_with_the_page():
    from wagtail.api.v3.routers import pages

    assert registry.get(LANDING).read_schema is v3_streams.patched[LANDING]
    assert uses_page_resolver(router_members(pages._page_schemas.detail)[LANDING])


def test_article_pages_keep_their_own_body_serializer():
    """The article body has its own serializer (``ArticleBodyField``), which never goes through the StreamField
    schema, so the article schema is not patched."""
    assert "wagtail_runstrength.ArticlePage" not in v3_streams.patched


def test_the_body_keeps_wagtails_schema_type(client):
    body = client.get("/api/v3/openapi.json").json()["components"]["schemas"]["LandingPageSchema"]["properties"]["body"]
    assert body == {"default": [], "items": {}, "title": "Body", "type": "array"}


@pytest.mark.parametrize("settings_module", ["tests.settings", "tests.settings_package_last"])
def test_the_router_resolves_with_the_page_whatever_the_order_of_the_apps(settings_module):
    """With the package last (the README's order), Wagtail's routers exist before its ``ready()``: still patched."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", ROUTER_REPORT], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {LANDING: True}
