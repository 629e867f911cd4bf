"""Where ``CI`` is set, the example frontend's browser tests may not be skipped: this fails naming what is missing.

``tests/browser/test_frontend.py`` skips itself without npm (and the browser
conftest skips every browser test without Chromium or Playwright). That is right
on a laptop and wrong in CI, where a skip would hide that the frontend was never
tested. This module is not marked ``browser``, so no browser skip reaches it.
"""

import os
import shutil

import pytest

from tests.browser.conftest import CHROMIUM
from tests.browser.test_frontend import missing_tools


@pytest.mark.skipif(not os.environ.get("CI"), reason="checks CI machines only (CI is not set)")
def test_ci_has_everything_the_frontend_tests_need():
    assert missing_tools() is None, f"CI is set, so the frontend tests may not be skipped, but {missing_tools()}"
    assert os.path.exists(CHROMIUM) or shutil.which(CHROMIUM), f"Chromium is missing at {CHROMIUM}"
