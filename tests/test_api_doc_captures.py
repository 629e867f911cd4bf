"""The captures in docs/api-examples/ still describe what the example site answers.

docs/api.md says each capture came from the example project with its demo
data. Here the demo is loaded into a throwaway database (``make demo``'s own
loader, through ``example_project/manage.py``), each documented request is made
again, and the capture is compared with the answer by its keys, not its
values: every key the capture shows must still be there, at every depth, and
at the top level and in ``meta`` the answer must have no key the capture lacks.
A field added to the API without its capture being redone fails here.

Captures taken from changed copies of the demo data, and the OpenAPI excerpt,
are not compared (docs/api.md names them).
"""

import json
import re
from pathlib import Path

import pytest

from tests.test_demo_command import (
    copy_of,
    templates,  # noqa: F401 - the migrated and loaded demo databases
)

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "api-examples"
TRIMMED = "… trimmed"

API_DOC = EXAMPLES.parent / "api.md"
# A row of docs/api.md's table of captures that names one plain request: | `file.json` | `GET /api/...` |
CAPTURE_ROW = re.compile(r"^\| `(?P<file>[\w.-]+\.json)` \| `GET (?P<url>/api/[^`\s]+)` \|$", re.MULTILINE)


def documented_captures() -> dict[str, str]:
    """Capture file -> the request docs/api.md's table says it came from (rows naming one plain request)."""
    return {row["file"]: row["url"] for row in CAPTURE_ROW.finditer(API_DOC.read_text())}


CAPTURES = documented_captures()

REQUESTS_SCRIPT = """
import json
from django.test import Client

client = Client(HTTP_HOST="localhost")
answers = {}
for name, url in %r.items():
    response = client.get(url)
    answers[name] = {"status": response.status_code, "body": response.json()}
print(json.dumps(answers))
"""


def keys(value):
    """The keys of ``value`` at every depth: a dict's by name, a list's merged over its items."""
    if isinstance(value, dict):
        return {name: keys(item) for name, item in value.items()}
    if isinstance(value, list):
        merged: dict = {}
        for item in value:
            if isinstance(item, str) and item.startswith(TRIMMED):
                continue  # a marker of docs/api.md, not an item
            found = keys(item)
            if isinstance(found, dict):
                merge(merged, found)
        return merged or None
    return None


def merge(into: dict, more: dict) -> None:
    for name, found in more.items():
        if isinstance(found, dict) and isinstance(into.get(name), dict):
            merge(into[name], found)
        elif into.get(name) is None:
            into[name] = found


def missing(documented, answered, path="") -> list[str]:
    """The keys the capture shows that the answer lacks, as paths."""
    if not isinstance(documented, dict):
        return []
    if not isinstance(answered, dict):
        return [path or "/"]
    gone = []
    for name, below in documented.items():
        if name not in answered:
            gone.append(f"{path}/{name}")
        else:
            gone += missing(below, answered[name], f"{path}/{name}")
    return gone


@pytest.fixture(scope="module")
def answers(templates, tmp_path_factory):  # noqa: F811
    manage = copy_of(templates, "loaded", tmp_path_factory.mktemp("captures"))
    return manage.shell_json(REQUESTS_SCRIPT % CAPTURES)


@pytest.mark.parametrize("name", sorted(CAPTURES))
def test_the_capture_has_the_keys_of_the_answer(answers, name):
    answer = answers[name]
    assert answer["status"] == 200, (name, answer)
    documented = keys(json.loads((EXAMPLES / name).read_text()))
    answered = keys(answer["body"])
    assert missing(documented, answered) == [], f"{name}: the capture shows keys the API no longer gives"
    assert set(answered) == set(documented), f"{name}: top-level keys differ; capture it again"
    if "meta" in documented:
        assert set(answered["meta"]) == set(documented["meta"]), f"{name}: meta keys differ; capture it again"


def test_every_capture_of_the_demo_is_compared():
    """A capture in docs/api-examples/ is compared here unless it was taken from changed data or several requests."""
    not_from_the_demo = {
        "v2-more-blocks.json",  # two requests, keyed by request
        "v2-null-and-embed-blocks.json",  # changed copy of the demo data
        "v2-article-preview.json",  # needs a preview token
        "headless-urls.json",  # changed copy of the demo data
        "openapi-excerpt.json",  # parts of the OpenAPI document (its snapshot test covers it)
    }
    assert len(CAPTURES) == 9, CAPTURES  # the table's rows with one plain request each
    assert {path.name for path in EXAMPLES.glob("*.json")} == set(CAPTURES) | not_from_the_demo
