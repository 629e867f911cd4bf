"""docs/security.md names the tests that hold each guarantee: every one it names exists.

A guarantee whose test was renamed or removed would otherwise still be
claimed. The check reads the page's ``tests/...`` paths, ``file::test`` pairs
and bare ``test_…`` names and finds each in the suite.
"""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "security.md"


def suite_test_names() -> set[str]:
    names = set()
    for path in (REPO / "tests").rglob("*.py"):
        names.update(re.findall(r"^def (test_\w+)", path.read_text(), re.MULTILINE))
    return names


def test_every_test_file_the_security_page_names_exists():
    paths = set(re.findall(r"`(tests/[\w/]+\.py)`", DOC.read_text()))
    assert paths, "the page names its tests"
    assert sorted(path for path in paths if not (REPO / path).is_file()) == []


def test_every_test_function_the_security_page_names_exists():
    text = DOC.read_text()
    named = set(re.findall(r"`(?:[\w/]+\.py::)?(test_\w+)`", text))
    assert len(named) >= 3
    assert sorted(named - suite_test_names()) == []


def test_every_file_test_pair_names_a_test_in_that_file():
    for file, name in re.findall(r"`([\w/]+\.py)::(test_\w+)`", DOC.read_text()):
        path = REPO / "tests" / Path(file).name if not file.startswith("tests/") else REPO / file
        assert re.search(rf"^def {name}\b", path.read_text(), re.MULTILINE), f"{file}::{name}"


def test_the_readme_links_the_security_page():
    assert "(docs/security.md)" in (REPO / "README.md").read_text()
