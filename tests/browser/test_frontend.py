"""The Next.js frontend in ``example_project/frontend`` against the example site, in headless Chromium.

Once per session the app is copied to a temporary directory, installed with
``npm ci`` and built with ``npm run build``. The example site then runs under
gunicorn (one sync worker, ``DEBUG`` off, 127.0.0.1 only) on a temporary
SQLite database with the demo content, its static files and media served by
``frontend_wsgi.py``, and ``next start`` serves the built app pointed at it.
The two know each other through the variables docs/headless.md lists:
``RUNSTRENGTH_FRONTEND_URL`` and ``RUNSTRENGTH_REVALIDATE_SECRET`` for Django,
``RUNSTRENGTH_API_URL`` and the same secret for the frontend.

What is checked, each against the example site's own answer:

- an article on the frontend shows what Wagtail's page shows: title, heading
  outline, the exercises the API lists, image alt texts, links and JSON-LD;
- one article view costs the Django site exactly one API request, counted in
  gunicorn's access log (one sync worker answers requests in order, so a
  marker request after the view proves every earlier line is written);
- the admin's preview panel, in "Headless frontend" mode, shows an unsaved
  title through the frontend;
- a title published in the admin is on the frontend at the next request,
  after the signed webhook (whose delivery is read back from the database);
- a forged preview token gets the frontend's error page and no content;
- axe-core finds nothing on the frontend's article at 390 and 1280 px.

Without npm these tests are skipped with the reason, except where ``CI`` is
set: there a missing npm (or Chromium) is a failure, never a skip.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from tests.browser.conftest import _skip_reason
from tests.browser.test_accessibility import axe_script, axe_violations, load_lazy_images  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "example_project" / "frontend"
MANAGE = REPO / "example_project" / "manage.py"
DOCS_IMAGES = REPO / "docs" / "images"
SNAPSHOT = REPO / "tests" / "snapshots" / "openapi-runstrength.json"
TYPES = APP / "src" / "api" / "runstrength-api.ts"

ADMIN_USERNAME, ADMIN_PASSWORD = "admin", "frontend-browser-tests"
SECRET = "frontend-browser-tests-shared-secret"
GUIDE = "/blog/essential-guide-strength-training-runners/"
WARM_UP = "/blog/two-minute-dynamic-warm-up/"
GOLF = "/blog/back-pain-and-golf/"
TRAIL_SHOES = "/blog/choosing-trail-running-shoes/"
WIDTHS = {"phone": 390, "desktop": 1280}
# Shaped like a real token (payload:timestamp:signature) but signed with another key.
FORGED_TOKEN = (
    "eyJrZXkiOiIwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMCJ9:1xWBs4:1ZTdaROZ0jjwtG-7zVcaQcXFvpgg3aMCLXqfK0IeGqE"
)

# The demo without warming each page after each publish while it loads (as tests/test_api_fuzz.py does).
LOAD_DEMO_SCRIPT = """
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
with override_settings(WAGTAIL_RUNSTRENGTH={**settings.WAGTAIL_RUNSTRENGTH, "WARM_AFTER_PUBLISH": False}):
    call_command("load_runstrength_demo", verbosity=0)
"""


def missing_tools() -> str | None:
    """Why the frontend cannot be built and driven here, or ``None``."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        return "npm (Node.js) is missing: install Node.js 20.9 or newer to build example_project/frontend"
    if not (APP / "package.json").exists():
        return f"{APP} has no package.json"
    return _skip_reason()


def test_the_committed_types_are_what_the_openapi_snapshot_generates(frontend_build):
    """docs/headless.md, step 1: ``npm run generate-types`` turns the package's OpenAPI contract into TypeScript."""
    generated = frontend_build / TYPES.relative_to(APP)
    generated.unlink()
    result = subprocess.run(
        [shutil.which("npm"), "run", "generate-types"], cwd=frontend_build, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert generated.read_text() == TYPES.read_text(), "src/api/runstrength-api.ts is stale: npm run generate-types"


# The harness: free ports, processes, HTTP


def free_ports(count: int) -> list[int]:
    with ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


def http(url: str, *, method: str = "GET", body: bytes | None = None, headers=None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})  # noqa: S310 - 127.0.0.1
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - our own 127.0.0.1 servers
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def terminate(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_answering(name: str, url: str, process: subprocess.Popen, log: Path) -> None:
    """Start-up only (reads in the tests are never retried): up to two minutes."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{name} exited with {process.returncode}:\n{log.read_text(errors='replace')[-6000:]}")
        try:
            if http(url)[0] < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"{name} did not answer at {url} within two minutes:\n{log.read_text(errors='replace')[-6000:]}")


def run(command: list[str], cwd: Path, env: dict, log: Path, timeout: int = 900) -> None:
    with open(log, "ab") as output:
        result = subprocess.run(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT, timeout=timeout)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed ({result.returncode}):\n{log.read_text(errors='replace')[-8000:]}")


def build_frontend(tmp_path_factory) -> Path:
    """A built copy of example_project/frontend (``npm ci`` and ``npm run build``).

    The ``frontend_build`` fixture in conftest.py calls this once per session, for this module and
    test_frontend_french.py alike.
    """
    reason = missing_tools()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so the frontend tests may not be skipped, but {reason}")
        pytest.skip(f"frontend tests skipped: {reason}")
    workdir = tmp_path_factory.mktemp("frontend-build")
    # The repository's layout, so the app's scripts find the OpenAPI snapshot where they expect it.
    build = workdir / APP.relative_to(REPO)
    shutil.copytree(APP, build, ignore=shutil.ignore_patterns("node_modules", ".next", "*.tsbuildinfo"))
    snapshot = SNAPSHOT.relative_to(REPO)
    (workdir / snapshot).parent.mkdir(parents=True)
    shutil.copy(SNAPSHOT, workdir / snapshot)
    env = {**os.environ, "NEXT_TELEMETRY_DISABLED": "1"}
    log = workdir / "build.log"
    npm = shutil.which("npm")
    run([npm, "ci", "--no-audit", "--no-fund"], build, env, log)
    run([npm, "run", "build"], build, env, log)
    return build


@dataclass
class Servers:
    django: str
    frontend: str
    workdir: Path
    access_log: Path
    database: Path

    def api_article(self, path: str) -> dict:
        """The article at ``path`` as the Django site's API answers ``find/`` (the frontend's one request)."""
        status, body = http(f"{self.django}/api/v2/pages/find/?{urlencode({'html_path': path})}")
        assert status == 200, f"find/ answered {status} for {path}"
        return json.loads(body)

    def api_requests_during(self, action) -> list[str]:
        """The API requests the Django site answered while ``action()`` ran, from gunicorn's access log."""
        before, after = (f"/robots.txt?marker={uuid.uuid4().hex}" for _ in range(2))
        http(self.django + before)
        action()
        # One sync worker answers in order and logs each request before taking the next one, so once
        # this answer is back every request made during the action is in the log (the marker's own
        # line may not be yet: a request is logged after its answer is sent).
        http(self.django + after)
        lines = self.access_log.read_text().splitlines()
        start = next(n for n, line in enumerate(lines) if before in line)
        end = next((n for n, line in enumerate(lines) if after in line), len(lines))
        return [line for line in lines[start + 1 : end] if " /api/" in line]

    def query(self, sql: str, *params):
        with sqlite3.connect(self.database) as connection:
            return connection.execute(sql, params).fetchall()


@pytest.fixture(scope="session")
def servers(frontend_build, tmp_path_factory):
    """The example site (gunicorn, demo content) and ``next start`` on free ports, stopped at the end."""
    with serving(frontend_build, tmp_path_factory.mktemp("frontend-servers")) as started:
        yield started


@contextmanager
def serving(frontend_build: Path, workdir: Path, **site_env: str):
    """Both servers for one temporary database; ``site_env`` is added to the Django side's environment."""
    django_port, frontend_port = free_ports(2)
    django_url, frontend_url = f"http://127.0.0.1:{django_port}", f"http://127.0.0.1:{frontend_port}"
    database = workdir / "example.sqlite3"
    django_env = {
        **{key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "RUNSTRENGTH_ADMIN")},
        "DJANGO_SETTINGS_MODULE": "clinic_site.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECRET_KEY": "frontend-browser-tests-only",
        "RUNSTRENGTH_MEDIA_ROOT": str(workdir / "media"),
        "WAGTAILADMIN_BASE_URL": django_url,
        "DEMO_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "RUNSTRENGTH_FRONTEND_URL": frontend_url,
        "RUNSTRENGTH_REVALIDATE_SECRET": SECRET,
        **site_env,
    }
    frontend_env = {
        **os.environ,
        "NEXT_TELEMETRY_DISABLED": "1",
        "RUNSTRENGTH_API_URL": django_url,
        "RUNSTRENGTH_REVALIDATE_SECRET": SECRET,
        "PORT": str(frontend_port),
    }
    manage_log = workdir / "manage.log"
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["shell", "--no-imports", "-c", LOAD_DEMO_SCRIPT],
        ["ensure_demo_admin"],
    ):
        run([sys.executable, str(MANAGE), *command], REPO, django_env, manage_log, timeout=600)

    access_log = workdir / "access.log"
    django_command = [sys.executable, "-m", "gunicorn", "tests.browser.frontend_wsgi:application"]
    django_command += ["--chdir", "example_project", "--pythonpath", str(REPO), "--bind", f"127.0.0.1:{django_port}"]
    django_command += ["--workers", "1", "--access-logfile", str(access_log)]
    django_command += ["--access-logformat", "%(m)s %(U)s?%(q)s %(s)s"]
    if int(version("gunicorn").split(".")[0]) >= 27:
        django_command.append("--no-control-socket")
    next_bin = frontend_build / "node_modules" / "next" / "dist" / "bin" / "next"
    frontend_command = [shutil.which("node"), str(next_bin), "start", "-H", "127.0.0.1", "-p", str(frontend_port)]

    with ExitStack() as stack:
        processes = {}
        for name, command, cwd, env in (
            ("django", django_command, REPO, django_env),
            ("next", frontend_command, frontend_build, frontend_env),
        ):
            log = open(workdir / f"{name}.log", "wb")  # closed by the ExitStack
            stack.callback(log.close)
            processes[name] = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
            stack.callback(terminate, processes[name])
        wait_until_answering("gunicorn", django_url + "/robots.txt", processes["django"], workdir / "django.log")
        wait_until_answering("next start", frontend_url + "/", processes["next"], workdir / "next.log")
        yield Servers(
            django=django_url, frontend=frontend_url, workdir=workdir, access_log=access_log, database=database
        )


@pytest.fixture
def context(chromium):
    contexts = []

    def make(width: int = 1280):
        made = chromium.new_context(viewport={"width": width, "height": 900})
        # Nothing but our two servers: a reader's browser would not be sent anywhere else either.
        made.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
        contexts.append(made)
        return made

    yield make
    for made in contexts:
        made.close()


# What a reader sees of an article, read the same way from both pages

EXTRACT = """(names) => {
    const main = document.querySelector("main");
    const shown = (element) => element.checkVisibility();
    // The words, not how CSS shows them (one page may set text-transform on a heading, the other not).
    const text = (element) => element.textContent.replace(/\\s+/g, " ").trim();
    const elements = [...main.querySelectorAll("*")].filter(shown);
    return {
        title: text(main.querySelector("h1")),
        headings: [...main.querySelectorAll("h2, h3, h4, h5, h6")].filter(shown).map(
            (heading) => `${heading.tagName.toLowerCase()} ${text(heading)}`
        ),
        exercises: names.filter((name) => elements.some((element) => text(element) === name)),
        alts: [...main.querySelectorAll("img")].map((image) => image.getAttribute("alt")),
        links: [...main.querySelectorAll("a[href]")].filter(shown).map((link) => link.href),
        jsonld: [...document.querySelectorAll('script[type="application/ld+json"]')].map(
            (script) => JSON.parse(script.textContent)
        ),
    };
}"""


def exercise_names(value) -> list[str]:
    """Every exercise an API body shows (blocks, groups, nested lists), in order, once each."""
    found = []
    if isinstance(value, dict):
        exercise = value.get("exercise")
        if isinstance(exercise, dict) and isinstance(exercise.get("name"), str) and "slug" in exercise:
            found.append(exercise["name"])
        for item in value.values():
            found += exercise_names(item)
    elif isinstance(value, list):
        for item in value:
            found += exercise_names(item)
    return list(dict.fromkeys(found))


def differences(left, right, where: str = "") -> list[str]:
    """Where two JSON values differ, one line per differing leaf (``a.b[2]: x != y``)."""
    if isinstance(left, dict) and isinstance(right, dict):
        return [
            line
            for key in sorted(set(left) | set(right))
            for line in differences(left.get(key, "(absent)"), right.get(key, "(absent)"), f"{where}.{key}")
        ]
    if isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        return [
            line for n, pair in enumerate(zip(left, right, strict=True)) for line in differences(*pair, f"{where}[{n}]")
        ]
    return [] if left == right else [f"{where or '.'}: {left!r} != {right!r}"]


def read_article(page, url: str, names: list[str], servers: Servers) -> dict:
    page.goto(url, wait_until="load")
    seen = page.evaluate(EXTRACT, names)
    own = (servers.django, servers.frontend)
    # The two pages are served from different origins: a link to either is compared by its path.
    seen["links"] = [
        link.removeprefix(next((origin for origin in own if link.startswith(origin + "/")), ""))
        for link in seen["links"]
    ]
    return seen


@pytest.mark.parametrize("path", [GUIDE, WARM_UP])
def test_an_article_on_the_frontend_shows_what_wagtail_shows(servers, context, path):
    article = servers.api_article(path)
    names = exercise_names(article["body"])
    page = context().new_page()
    wagtail = read_article(page, servers.django + path, names, servers)
    frontend = read_article(page, servers.frontend + path, names, servers)
    assert wagtail["title"] == article["title"]
    keys = ("title", "headings", "exercises", "alts", "links", "jsonld")
    differ = [f"{key}{line}" for key in keys for line in differences(frontend[key], wagtail[key])]
    assert not differ, "the frontend (left) differs from Wagtail (right):\n" + "\n".join(differ)
    if path == GUIDE:  # the guide has exercises, images and links, so the comparison above compared something
        assert len(names) >= 4 and frontend["exercises"] == names
        assert frontend["alts"] and frontend["links"] and frontend["jsonld"]


def test_one_article_view_is_one_api_request(servers):
    """A cold view reads the article once (``find/`` answers it in place); nothing else is asked."""
    for path in (GOLF, TRAIL_SHOES):
        made = servers.api_requests_during(lambda path=path: http(servers.frontend + path))
        assert len(made) == 1, f"viewing {path} on the frontend made {len(made)} API requests: {made}"
        assert made[0].startswith(f"GET /api/v2/pages/find/?html_path={path.replace('/', '%2F')}")
        assert made[0].endswith(" 200")


class Editor:
    """The demo's admin user, logged in to the example site's admin in Chromium."""

    def __init__(self, page, servers: Servers):
        self.page = page
        self.servers = servers
        page.set_default_timeout(60_000)
        page.goto(servers.django + "/admin/login/")
        page.get_by_label("Username").fill(ADMIN_USERNAME)
        page.get_by_label("Password").fill(ADMIN_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/admin/")

    def edit(self, path: str) -> None:
        page_id = self.servers.api_article(path)["id"]
        self.page.goto(f"{self.servers.django}/admin/pages/{page_id}/edit/")
        self.page.wait_for_load_state("networkidle")


def frontend_preview_frame(page, frontend: str, title: str):
    """The preview panel's frame once it shows ``title`` from the frontend.

    Wagtail refreshes the panel by loading a hidden proxy iframe and swapping
    it in, so the frame that showed the heading can be detached, or its
    successor still blank, at the moment we look, and a mode picked too early
    is not applied: look again until the
    visible frame is the frontend's and shows the heading (a bounded number
    of tries, each waiting for the heading as Playwright does).
    """
    selector = ".w-preview__iframe[src]:not(.w-preview__proxy)"
    for _attempt in range(20):
        # The mode picker can be changed before Wagtail's preview controller listens to it (seen in
        # a full run): the panel then keeps the default mode, so pick the mode again until it shows.
        if page.locator("#id_preview_mode").input_value() != "headless" or "mode=headless" not in (
            page.locator(selector).get_attribute("src") or ""
        ):
            page.locator("#id_preview_mode").select_option("")
            page.locator("#id_preview_mode").select_option("headless")
        page.frame_locator(selector).get_by_role("heading", level=1, name=title).wait_for()
        handle = page.locator(selector).element_handle()
        frame = handle.content_frame() if handle is not None else None
        if frame is not None and frame.url.startswith(frontend):
            return frame
        page.wait_for_timeout(250)
    shown = [child.url for child in page.frames]
    raise AssertionError(f"the preview panel never showed the frontend's page titled {title!r}; frames: {shown}")


def test_the_preview_panel_shows_an_unsaved_title_through_the_frontend(servers, context, artifacts_dir):
    published = servers.api_article(WARM_UP)["title"]
    editor = Editor(context(1400).new_page(), servers)
    editor.edit(WARM_UP)
    page = editor.page
    page.locator("#id_title").fill("A warm-up nobody has saved yet")
    page.get_by_role("button", name="Toggle preview").click()
    page.locator("#id_preview_mode").select_option("headless")
    shown = frontend_preview_frame(page, servers.frontend, "A warm-up nobody has saved yet")
    parts = urlsplit(shown.url)
    # The admin sent the frame to the frontend's /preview/ route (which may hand on to a page below it).
    assert parts.path.startswith("/preview/") and "content_type=wagtail_runstrength.articlepage" in parts.query
    target = artifacts_dir / "headless-preview-panel.png"
    page.screenshot(path=str(target))
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS"):
        DOCS_IMAGES.joinpath(target.name).write_bytes(target.read_bytes())
    assert (DOCS_IMAGES / target.name).exists(), "docs/headless.md shows this screenshot"
    # Nothing was saved: the frontend and the API still show the published title.
    assert servers.api_article(WARM_UP)["title"] == published


def test_a_published_title_is_on_the_frontend_at_the_next_request(servers, context):
    old = servers.api_article(GOLF)["title"]
    new = f"{old} (updated in the admin)"
    # The frontend holds the article in its data cache (no API request on a second view).
    assert old in http(servers.frontend + GOLF)[1]
    assert servers.api_requests_during(lambda: http(servers.frontend + GOLF)) == []
    editor = Editor(context().new_page(), servers)
    editor.edit(GOLF)
    editor.page.locator("#id_title").fill(new)
    editor.page.get_by_role("button", name="More actions").click()
    with editor.page.expect_navigation():
        editor.page.get_by_role("button", name="Publish", exact=True).click()
    assert "has been published" in editor.page.locator(".messages").inner_text()
    delivered = servers.query(
        "SELECT status, last_status_code, payload FROM wagtail_runstrength_webhookdelivery ORDER BY id DESC LIMIT 1"
    )
    assert delivered and delivered[0][:2] == ("delivered", 200), delivered
    assert GOLF in json.loads(delivered[0][2])["paths"]
    status, body = http(servers.frontend + GOLF)  # the next request, not retried
    assert status == 200 and new in body


def test_the_revalidation_route_checks_the_signature_and_its_age(servers):
    from wagtail_runstrength.webhooks import sign

    url = servers.frontend + "/api/revalidate"
    body = json.dumps({"paths": [GUIDE]}).encode()

    def post(timestamp: int | None, signature: str | None) -> tuple[int, str]:
        headers = {"Content-Type": "application/json"}
        if timestamp is not None:
            headers["X-RunStrength-Timestamp"] = str(timestamp)
        if signature is not None:
            headers["X-RunStrength-Signature"] = signature
        return http(url, method="POST", body=body, headers=headers)

    now = int(time.time())
    assert post(None, None)[0] == 401
    assert post(now, "sha256=" + "0" * 64)[0] == 401
    assert post(now, sign("another-secret-of-enough-length", now, body))[0] == 401
    stale = now - 600
    assert post(stale, sign(SECRET, stale, body))[0] == 401
    status, answer = post(now, sign(SECRET, now, body))
    assert status == 200 and json.loads(answer) == {"revalidated": [GUIDE]}


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ({"content_type": "wagtail_runstrength.articlepage", "token": "forged"}, "preview token is not valid"),
        ({"content_type": "wagtail_runstrength.articlepage", "token": FORGED_TOKEN}, "preview token is not valid"),
        ({"content_type": "wagtail_runstrength.articlepage"}, "no token"),
    ],
    ids=["garbage", "forged-signature", "missing"],
)
def test_a_bad_preview_token_shows_the_error_page_and_no_content(servers, context, query, reason):
    page = context().new_page()
    page.goto(f"{servers.frontend}/preview/?{urlencode(query)}", wait_until="load")
    assert reason in page.locator("main").get_by_role("alert").inner_text()
    assert page.locator("article").count() == 0
    assert page.locator("main img").count() == 0
    html = page.content()
    for path in (GUIDE, WARM_UP, GOLF):
        assert servers.api_article(path)["title"] not in html


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_axe_finds_nothing_on_the_frontend_article(servers, context, axe_script, width):  # noqa: F811
    page = context(width).new_page()
    page.goto(servers.frontend + GUIDE, wait_until="load")
    load_lazy_images(page)
    assert axe_violations(page, axe_script) == []


def test_screenshots_side_by_side(servers, context, artifacts_dir):
    """The frontend's article beside Wagtail's, for docs/headless.md (copied there with UPDATE_DOCS_SCREENSHOTS=1)."""
    from PIL import Image

    shots = []
    for name, origin in (("frontend", servers.frontend), ("wagtail", servers.django)):
        page = context(WIDTHS["phone"]).new_page()
        page.goto(origin + GUIDE, wait_until="load")
        load_lazy_images(page)
        target = artifacts_dir / f"headless-{name}-article.png"
        page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": WIDTHS["phone"], "height": 1400})
        shots.append(Image.open(target))
    gap = 24
    combined = Image.new("RGB", (sum(shot.width for shot in shots) + gap, max(shot.height for shot in shots)), "white")
    combined.paste(shots[0], (0, 0))
    combined.paste(shots[1], (shots[0].width + gap, 0))
    target = artifacts_dir / "headless-frontend-and-wagtail.png"
    combined.save(target)
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS"):
        DOCS_IMAGES.joinpath(target.name).write_bytes(target.read_bytes())
    assert (DOCS_IMAGES / target.name).exists(), "docs/headless.md shows this screenshot"
