"""The v3 page schemas hand StreamField blocks their page, whatever the order of the apps (``api/v3_streams.py``)."""

import json
import os
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from django.apps import apps
from wagtail.api.v3.registry import registry

from wagtail_runstrength.api import v3_streams

LANDING = "runstrength_testapp.LandingPage"
REPO = Path(__file__).resolve().parents[1]

# Prints, for every page schema rebuilt by the package, whether Wagtail's pages router serves that very class.
ROUTER_REPORT = """
import json, typing
import django
django.setup()
from wagtail.api.v3.api import api  # what a host's URLconf imports
from wagtail.api.v3.routers import pages
from wagtail_runstrength.api import v3_streams
from tests.test_v3_stream_schemas import router_members
members = router_members(pages._page_schemas.detail)
print(json.dumps({label: members.get(label) is schema for label, schema in v3_streams.rebuilt.items()}))
"""


def router_members(union) -> dict[str, type]:
    """The schemas of a detail union built by Wagtail's ``build_discriminated_union``, by content type label."""
    members = {}
    for member in typing.get_args(typing.get_args(union)[0]):
        schema, *extras = typing.get_args(member)
        members.update({extra.tag: schema for extra in extras if hasattr(extra, "tag")})
    return members


def test_the_pages_router_serves_the_rebuilt_host_page_schema():
    from wagtail.api.v3.routers import pages

    assert LANDING in v3_streams.rebuilt
    assert registry.get(LANDING).read_schema is v3_streams.rebuilt[LANDING]
    assert router_members(pages._page_schemas.detail)[LANDING] is v3_streams.rebuilt[LANDING]


def test_article_pages_keep_their_own_body_serializer():
    """The article body has its own serializer (``ArticleBodyField``), which never goes through the StreamField
    schema, so the article schema is not rebuilt."""
    assert "wagtail_runstrength.ArticlePage" not in v3_streams.rebuilt


def test_the_body_keeps_wagtails_schema_type(client):
    body = client.get("/api/v3/openapi.json").json()["components"]["schemas"]["LandingPageSchema"]["properties"]["body"]
    assert body == {"default": [], "items": {}, "title": "Body", "type": "array"}


@pytest.mark.parametrize("settings_module", ["tests.settings", "tests.settings_v3_first"])
def test_the_router_serves_the_rebuilt_schemas_whatever_the_order_of_the_apps(settings_module):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", ROUTER_REPORT], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {LANDING: True}


def test_a_check_reports_routers_imported_before_the_package(monkeypatch):
    """Here the routers are imported before ``install()`` runs again, as another app's ``ready()`` could do first."""
    import wagtail.api.v3.api  # noqa: F401

    monkeypatch.setattr(registry, "_registry", dict(registry._registry))
    monkeypatch.setattr(v3_streams, "rebuilt", {})
    monkeypatch.setattr(v3_streams, "_routers_built_first", False)
    assert v3_streams.check_page_schemas(apps.get_app_configs()) == []
    v3_streams.install()
    assert [error.id for error in v3_streams.check_page_schemas(apps.get_app_configs())] == ["wagtail_runstrength.E002"]
