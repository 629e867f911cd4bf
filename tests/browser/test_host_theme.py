"""The package's pages inside a host's own layout and theme, in real Chromium.

The host is ``tests/hosts/layouts/themed``: its own header, footer, serif
font and colours, light or dark by ``data-theme`` on ``<html>`` (here from
``?theme=``), its own ``<main>``, integrated with ``{% runstrength_head %}``.
Each page is checked with axe in both themes at phone and desktop widths, the
package's headings must take the host's text colour, and the host's page
background must stay the host's. The article screenshots are the ones in
docs/host-sites.md; ``UPDATE_DOCS_SCREENSHOTS=1`` writes them there.
"""

import copy
import os
from pathlib import Path

import pytest

from tests.browser import test_accessibility as accessibility
from tests.browser.test_accessibility import WIDTHS, axe_violations, load_lazy_images

# The accessibility tests' fixtures: the same clinic site, browser and axe.
axe_script = accessibility.axe_script
open_page = accessibility.open_page
reader_site = accessibility.reader_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.urls("tests.browser.test_accessibility"),
]

LAYOUT = Path(__file__).resolve().parents[1] / "hosts" / "layouts" / "themed" / "templates"
DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
HOST_BACKGROUNDS = {"light": "rgb(251, 248, 243)", "dark": "rgb(23, 25, 29)"}
HOST_TEXT = {"light": "rgb(35, 32, 28)", "dark": "rgb(232, 230, 227)"}


@pytest.fixture
def themed_host(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [str(LAYOUT)]
    settings.TEMPLATES = templates


def style(page, selector: str, prop: str) -> str:
    return page.eval_on_selector(selector, f"element => getComputedStyle(element).getPropertyValue('{prop}')")


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("name", ["article", "index", "library", "exercise"])
def test_pages_in_a_hosts_theme_keep_its_colours_and_pass_axe(
    themed_host, open_page, reader_site, axe_script, artifacts_dir, theme, width, name
):
    page = open_page(f"{reader_site[name]}?theme={theme}", width, color_scheme=theme)
    load_lazy_images(page)
    assert page.locator("main").count() == 1
    assert page.locator("nav.host-bar").count() == 1
    assert page.locator(".rs-layout-warning").count() == 0
    assert style(page, "body", "background-color") == HOST_BACKGROUNDS[theme]
    assert style(page, "h1", "color") == HOST_TEXT[theme]
    page.screenshot(path=str(artifacts_dir / f"host-{theme}-{name}-{width}.png"), full_page=True)
    assert axe_violations(page, axe_script) == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_docs_screenshots_of_the_article_in_a_host_theme(themed_host, open_page, reader_site, artifacts_dir, theme):
    page = open_page(f"{reader_site['article']}?theme={theme}", WIDTHS["phone"], color_scheme=theme)
    load_lazy_images(page)
    target = artifacts_dir / f"host-article-{theme}.png"
    page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": WIDTHS["phone"], "height": 1400})
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS"):
        DOCS_IMAGES.joinpath(target.name).write_bytes(target.read_bytes())
    assert (DOCS_IMAGES / target.name).exists(), "docs/host-sites.md shows this screenshot"
