"""Real headless Chromium for tests marked ``browser``.

Debian's ``chromium`` package is driven through Playwright with the flags this
machine needs (no sandbox as root, no background networking). When Chromium
or Playwright is missing, every browser test is skipped with one clear reason;
``.ci/run`` installs Chromium first so CI never skips them.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("RUNSTRENGTH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _skip_reason() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"browser tests skipped: Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser tests skipped: Playwright for Python is not installed (pip install -e '.[testing]')"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _skip_reason()
    if reason is None:
        return
    marker = pytest.mark.skip(reason=reason)
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(marker)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django refuses ORM calls from
    # inside one unless told the test code is deliberately synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # With that loop running, Django's connection handler stores connections per
    # async context, so later tests would get fresh wrappers that lack the test
    # database's serialized contents (serialized_rollback then restores nothing).
    # Keep using the wrappers the suite already has.
    from django.db import connections

    wrappers = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, wrapper in wrappers.items():
            connections[alias] = wrapper
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def frontend_build(tmp_path_factory) -> Path:
    """The Next.js frontend, installed and built once per session (test_frontend.py's ``build_frontend``)."""
    from tests.browser.test_frontend import build_frontend

    return build_frontend(tmp_path_factory)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Screenshots and other artefacts of browser tests, kept for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
