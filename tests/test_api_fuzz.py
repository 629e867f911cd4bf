"""Property-based fuzzing of the example project's APIs: no 5xx, and every answer as documented.

The example site runs under gunicorn (127.0.0.1, ``DEBUG`` off) on a database
of its own with the demo content, as a clinic would serve it. Then:

- **v3**: schemathesis reads ``/api/v3/openapi.json`` and calls every ``GET``
  operation with generated input, anonymously and with an editor's bearer
  token. Checks: no server error, every status code and content type is one
  the document lists, every body matches its schema.
- **v2** has no OpenAPI document: Hypothesis draws the parameters docs/api.md
  documents for each endpoint (demo values, arbitrary text with NUL and
  quotes, integers far beyond 64 bits, unknown names) and requires a status
  docs/api.md lists (200, 302 for ``find/``, 400, 404), JSON bodies, the
  listing envelope, and article bodies that validate against their schema.

These run only when ``FUZZ_MAX_EXAMPLES`` is set (examples per operation):
``.ci/run`` runs a bounded pass once per CI, after the SQLite suite, and
``make fuzz`` a longer one. ``FUZZ_SEED`` repeats a run; ``FUZZ_DATABASE=postgres``
serves the example from a fresh PostgreSQL database instead of SQLite
(``FUZZ_POSTGRES_SERVER``, default ``postgres://postgres@127.0.0.1:5432``).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from wagtail_runstrength.blocks import ArticleBodyBlock

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES") or 0)
SEED = os.environ.get("FUZZ_SEED") or None

pytestmark = [
    pytest.mark.fuzz,
    pytest.mark.skipif(
        not MAX_EXAMPLES, reason="fuzzing runs with FUZZ_MAX_EXAMPLES set: `make fuzz`, or .ci/run's bounded pass"
    ),
]

REPO = Path(__file__).resolve().parent.parent
MANAGE = REPO / "example_project" / "manage.py"
ARTIFACTS = REPO / "test-artifacts" / "fuzz"
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
BODY = TypeAdapter(ArticleBodyBlock.api_schema)

# The demo without warming each page after each publish (WARM_AFTER_PUBLISH renders them inline when no
# task worker runs): the fuzzer needs the content, not warm caches, and warming made the set-up minutes long.
LOAD_DEMO_SCRIPT = """
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
with override_settings(WAGTAIL_RUNSTRENGTH={**settings.WAGTAIL_RUNSTRENGTH, "WARM_AFTER_PUBLISH": False}):
    call_command("load_runstrength_demo", verbosity=0)
"""
EDITOR_SCRIPT = """
from django.contrib.auth.models import Group, User
from wagtail.models import APIToken
editor = User.objects.create_user("fuzz-editor", password=None)
editor.groups.add(Group.objects.get(name="Editors"))
print(APIToken.create_token(user=editor, name="fuzz")[1])
"""


@dataclass
class ExampleSite:
    url: str
    token: str
    workdir: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_status(url: str) -> int | None:
    import requests

    try:
        return requests.get(url, timeout=10).status_code
    except requests.RequestException:
        return None


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    """The example site with demo content and an editor's token, served by gunicorn until the module ends."""
    workdir = tmp_path_factory.mktemp("fuzz")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic_site.settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'example.sqlite3'}",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECRET_KEY": "fuzz-tests-only",
        "RUNSTRENGTH_MEDIA_ROOT": str(workdir / "media"),
    }
    for name in ("REDIS_URL", "RUNSTRENGTH_ADMIN"):
        env.pop(name, None)
    drop_database = None
    if os.environ.get("FUZZ_DATABASE") == "postgres":
        import psycopg

        pg_server = os.environ.get("FUZZ_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")
        name = f"runstrength_fuzz_{os.getpid()}"

        def admin_sql(statement: str) -> None:
            with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as connection:
                connection.execute(statement)

        admin_sql(f'CREATE DATABASE "{name}"')
        drop_database = lambda: admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # noqa: E731
        env["DATABASE_URL"] = f"{pg_server}/{name}"

    def manage(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, str(MANAGE), *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(workdir / "gunicorn.log", "wb")  # closed in the finally below, once the server has stopped
    server = None
    try:
        manage("migrate", "--no-input", "-v", "0")
        manage("shell", "--no-imports", "-c", LOAD_DEMO_SCRIPT)
        token = manage("shell", "--no-imports", "-c", EDITOR_SCRIPT).strip().splitlines()[-1]
        command = [sys.executable, "-m", "gunicorn", "clinic_site.wsgi:application", "--chdir", "example_project"]
        # No request-line limit: gunicorn's own 414 for a long query would hide what the application does with it.
        command += ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--limit-request-line", "0"]
        server = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        for _ in range(300):  # start-up only: up to a minute
            if server.poll() is not None:
                pytest.fail(f"gunicorn exited with {server.returncode}:\n{(workdir / 'gunicorn.log').read_text()}")
            if _get_status(f"{url}/api/v3/openapi.json") == 200:
                break
            time.sleep(0.2)
        else:
            pytest.fail("the example site did not answer within a minute")
        yield ExampleSite(url=url, token=token, workdir=workdir)
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        log.close()
        if drop_database is not None:
            drop_database()


# v3: schemathesis against the published OpenAPI document


@pytest.mark.parametrize("caller", ["anonymous", "editor"])
def test_v3_get_operations_answer_as_the_openapi_document_says(example_site, caller):
    report = ARTIFACTS / f"schemathesis-{caller}.txt"  # kept for people to read after a failure
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"{example_site.url}/api/v3/openapi.json",
        "--include-method",
        "GET",
        "--checks",
        CHECKS,
        "--max-examples",
        str(MAX_EXAMPLES),
        "--continue-on-failure",
        "--workers",
        "2",
        "--no-color",
    ]
    if SEED:
        command += ["--seed", SEED]
    if caller == "editor":
        command += ["--header", f"Authorization: Bearer {example_site.token}"]
    with open(report, "w") as output:
        result = subprocess.run(command, cwd=example_site.workdir, stdout=output, stderr=subprocess.STDOUT)
    text = report.read_text()
    tested = re.search(r"Tested: (\d+)", text)
    # The example publishes 21 GET operations (pages, images, documents, snippets, sites, schema, exercises...).
    assert tested is not None and int(tested.group(1)) >= 20, text[-3000:]
    assert result.returncode == 0, f"schemathesis found failures ({caller}):\n{text[-12000:]}"


# v2: Hypothesis over the parameters docs/api.md documents

NUMBERS = st.one_of(st.integers(-3, 40), st.integers(-(2**70), 2**70)).map(str)
TEXT = st.text(max_size=24)  # any code point but surrogates: NUL, quotes, spaces, non-Latin scripts


def values(*known: str):
    """A demo value that matches something, or anything a caller could send."""
    return st.one_of(st.sampled_from(known), TEXT, NUMBERS) if known else st.one_of(TEXT, NUMBERS)


PAGING = {
    "limit": values("1", "20", "21"),
    "offset": values("0", "3"),
    "order": values("title", "-title", "random", "id", "-date"),
    "fields": values("*", "_,title", "-title", "body", "tags,excerpt"),
    "search": values("running", "knee pain", '"knee"'),
    "search_operator": values("and", "or"),
}
TREE = {
    "child_of": values("root", "3", "4"),
    "descendant_of": values("3", "4"),
    "ancestor_of": values("5", "8"),
    "translation_of": values("5"),
    "locale": values("en", "en-gb"),
    "site": values("localhost", "127.0.0.1"),
}
ARTICLE_FILTERS = {
    "tag": values("running", "knee", "running,knee", "Running"),
    "category": values("gear", "athletic-performance"),
    "muscle": values("calves", "glute-max"),
    "exercise": values("glute-bridge", "6"),
    "slug": values("back-pain-and-golf"),
    "date": values("2025-05-06", "abc"),
    "read_time_minutes": values("2", "3"),
    "hero_image": values("1", "11"),
}
EXERCISE_FILTERS = {
    "muscle": values("calves", "glute-max"),
    "difficulty": values("beginner", "advanced"),
    "equipment": values("bodyweight", "dumbbells"),
    "slug": values("glute-bridge"),
    "name": values("Glute bridge"),
    "locale": values("en", "en-gb"),
}
UNKNOWN = {"colour": values("red"), "type": values("wagtail_runstrength.ArticlePage", "nope.Nope")}


def query(parameters: dict):
    return st.fixed_dictionaries({}, optional=parameters)


ENDPOINTS = {
    "/api/v2/articles/": query({**PAGING, **TREE, **ARTICLE_FILTERS, **UNKNOWN}),
    "/api/v2/pages/": query(
        {
            **PAGING,
            **TREE,
            **UNKNOWN,
            "slug": values("blog"),
            "html_path": values("/blog/"),
            "show_in_menus": values("true"),
        }
    ),
    "/api/v2/exercises/": query({**PAGING, **EXERCISE_FILTERS, **UNKNOWN}),
    "/api/v2/images/": query({**PAGING, **UNKNOWN, "title": values("Runner mid-stride"), "collection": NUMBERS}),
    "/api/v2/documents/": query({**PAGING, **UNKNOWN, "title": values("Leaflet")}),
}
DETAILS = ["/api/v2/articles/", "/api/v2/pages/", "/api/v2/exercises/", "/api/v2/images/", "/api/v2/documents/"]
LISTING_STATUSES = {200, 400, 404}


def _check_json(response, url) -> dict:
    assert response.status_code < 500, f"{response.status_code} for {url}"
    assert response.headers["Content-Type"].startswith("application/json"), (
        f"{response.headers['Content-Type']} for {url}"
    )
    return response.json()


def _fuzz(test):
    """Bounded, optionally seeded Hypothesis settings for the v2 fuzz tests."""
    test = settings(
        max_examples=MAX_EXAMPLES * 8,  # a v2 request is cheaper than a schemathesis case
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )(test)
    return seed(int(SEED))(test) if SEED else test


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_v2_listings_answer_any_documented_parameter_as_documented(example_site, endpoint):
    import requests

    session = requests.Session()

    @_fuzz
    @given(params=ENDPOINTS[endpoint])
    def check(params):
        response = session.get(example_site.url + endpoint, params=params, timeout=60)
        url = response.request.url
        assert response.status_code in LISTING_STATUSES, f"{response.status_code} for {url}: {response.text[:500]}"
        data = _check_json(response, url)
        if response.status_code == 200:
            assert isinstance(data["meta"]["total_count"], int) and isinstance(data["items"], list), url
        else:
            assert isinstance(data["message"], str) and data["message"], url

    check()


@pytest.mark.parametrize("endpoint", DETAILS)
def test_v2_details_and_find_answer_any_id_as_documented(example_site, endpoint):
    import requests

    session = requests.Session()
    ids = st.one_of(st.integers(0, 40), st.integers(0, 2**70)).map(str)
    finds = query(
        {
            "id": values("1", "5"),
            "html_path": values("/blog/", "/blog/back-pain-and-golf/"),
            "slug": values("glute-bridge"),
        }
    )

    @_fuzz
    @given(
        key=st.one_of(ids, values("glute-bridge", "calf-raise")),
        params=query({"fields": PAGING["fields"], **UNKNOWN}),
        find=finds,
    )
    def check(key, params, find):
        response = session.get(f"{example_site.url}{endpoint}{quote(key, safe='')}/", params=params, timeout=60)
        url = response.request.url
        assert response.status_code in {200, 400, 404}, f"{response.status_code} for {url}"
        # A key no URL pattern of the endpoint takes (an id must be digits; only exercises also take
        # slugs) reaches no API view: the site's own 404 page answers, in HTML.
        routed = re.fullmatch(r"[-\w]+" if endpoint == "/api/v2/exercises/" else r"[0-9]+", key, re.ASCII)
        if response.status_code != 404 or routed:
            data = _check_json(response, url)
            if (
                response.status_code == 200 and endpoint == "/api/v2/articles/" and "body" in data
            ):  # ?fields= may drop it
                BODY.validate_python(data["body"])
        found = session.get(f"{example_site.url}{endpoint}find/", params=find, timeout=60, allow_redirects=False)
        # An article is answered in place (200, api/cached_detail.py); other pages are redirected.
        assert found.status_code in {200, 302, 400, 404}, f"{found.status_code} for {found.request.url}"
        if found.status_code == 200:
            _check_json(found, found.request.url)
        if found.status_code != 302:
            _check_json(found, found.request.url)

    check()
