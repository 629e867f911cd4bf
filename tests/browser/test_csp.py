"""The example site under its production settings, in Chromium: the Content-Security-Policy blocks nothing it serves.

The module starts the example project the way docs/deployment.md says to
deploy it (``DJANGO_SETTINGS_MODULE=clinic_site.production``, DEBUG off, a
strong key, HTTPS) under gunicorn with a throwaway certificate, on a throwaway
SQLite database with the demo content and one exercise given a YouTube video.
Every page gets an init script that records ``securitypolicyviolation``
events, and Chromium's console messages about the policy are kept too. The
reader pages (an article, the blog index, the exercise library and an exercise
page, before and after a click on the video, plus the example's home and
search pages) must report none; so must the admin under its own, looser
policy, its preview panel, and the reader pages seen by a logged-in editor
with Wagtail's userbar. A script injected into a reader page shows the policy
really blocks inline code and that the count would see it.

``tests/browser/production_wsgi.py`` adds static files and media to the
unchanged application (a web server would serve them in a deployment).
Requests leaving the test server are aborted: a blocked frame or image is
reported by CSP before any request, so the count does not need the network.
The module runs on SQLite whatever ``DATABASE_URL`` says, so it is marked
``slow`` and runs once in ``.ci/run``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "example_project"
DEPLOYMENT_DOC = REPO / "docs" / "deployment.md"
ADMIN_PASSWORD = "csp-test-only-password"
ARTICLE = "/blog/essential-guide-strength-training-runners/"
READER_PAGES = {
    "article": ARTICLE,
    "index": "/blog/",
    "library": "/exercises/",
    "home": "/",
    "search": "/search/?q=squat",
}

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`
    );
}, true);
"""

# The Site on the public host name and port 443, as docs/deployment.md says: Wagtail builds the
# admin preview's request from it, and an http address would be redirected by SECURE_SSL_REDIRECT.
SET_UP_CONTENT = """
import json
from wagtail.models import Site
from wagtail_runstrength.models import ArticlePage, ExerciseSnippet
Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=443)
exercise = ExerciseSnippet.objects.order_by("name").first()
exercise.video_url = "https://www.youtube.com/watch?v=abcdefghijk"
exercise.save_revision().publish()
article = ArticlePage.objects.get(slug="essential-guide-strength-training-runners")
print(json.dumps({"exercise": exercise.slug, "article": article.pk}))
"""


@dataclass
class ProductionSite:
    url: str
    exercise_path: str
    article_id: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> int:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the throwaway certificate made below
    with urllib.request.urlopen(url, context=context, timeout=10) as response:  # noqa: S310 - our own test server
        return response.status


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("CSP browser test skipped: openssl is needed for the server's throwaway certificate")
    workdir = tmp_path_factory.mktemp("production-site")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(workdir / "key.pem")]
        + ["-out", str(workdir / "cert.pem")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    url = f"https://127.0.0.1:{free_port()}"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_", "RUNSTRENGTH_", "WAGTAILADMIN_")) and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="clinic_site.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        RUNSTRENGTH_MEDIA_ROOT=str(workdir / "media"),
        WAGTAILADMIN_BASE_URL=url,
        DEMO_ADMIN_PASSWORD=ADMIN_PASSWORD,
    )

    def manage(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, str(EXAMPLE / "manage.py"), *args],
            cwd=EXAMPLE,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    manage("migrate", "--no-input", "-v", "0")
    manage("load_runstrength_demo", "-v", "0")
    manage("ensure_demo_admin")
    content = json.loads(manage("shell", "--no-imports", "-c", SET_UP_CONTENT).strip().splitlines()[-1])

    command = [sys.executable, "-m", "gunicorn", "tests.browser.production_wsgi:application"]
    command += ["--chdir", str(EXAMPLE), "--pythonpath", str(REPO), "--workers", "1"]
    command += ["--bind", url.removeprefix("https://"), "--certfile", str(workdir / "cert.pem")]
    command += ["--keyfile", str(workdir / "key.pem")]
    if int(version("gunicorn").split(".")[0]) >= 27:
        command.append("--no-control-socket")
    with open(workdir / "gunicorn.log", "wb") as log:
        server = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            # Polling for start-up only; nothing below is timed.
            deadline = time.monotonic() + 60
            while True:
                if server.poll() is not None:
                    pytest.fail(f"gunicorn exited:\n{(workdir / 'gunicorn.log').read_text(errors='replace')}")
                try:
                    if get(url + "/robots.txt") == 200:
                        break
                except (OSError, urllib.error.URLError):
                    if time.monotonic() > deadline:
                        pytest.fail("gunicorn did not answer within 60 s")
                    time.sleep(0.2)
            yield ProductionSite(
                url=url, exercise_path=f"/exercises/{content['exercise']}/", article_id=content["article"]
            )
        finally:
            stop(server)


@pytest.fixture
def browser_context(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, ignore_https_errors=True)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
    context.add_init_script(RECORD_VIOLATIONS)
    yield context
    context.close()


class Visitor:
    """Opens pages in one browser context and collects what the policy blocked on each."""

    def __init__(self, context, base_url: str):
        self.context = context
        self.base_url = base_url
        self.console: list[str] = []
        self.page = context.new_page()
        self.page.set_default_timeout(20_000)
        self.page.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def open(self, path: str):
        response = self.page.goto(self.base_url + path, wait_until="networkidle")
        assert response.status == 200, (path, response.status)
        return response

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations") + self.console

    def log_in(self) -> None:
        self.open("/admin/login/")
        self.page.get_by_label("Username").fill("admin")
        self.page.get_by_label("Password").fill(ADMIN_PASSWORD)
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Sign in").click()
        assert self.page.url == self.base_url + "/admin/"


def documented_headers() -> dict[str, str]:
    """The response headers docs/deployment.md shows for an article (its Content-Security-Policy section)."""
    text = DEPLOYMENT_DOC.read_text()
    section = text[text.index("### Content-Security-Policy") :]
    block = re.search(r"```text\n(.*?)```", section, flags=re.DOTALL).group(1)
    return dict(line.split(": ", 1) for line in block.strip().splitlines())


def test_reader_pages_report_no_policy_violations(production_site, browser_context):
    visitor = Visitor(browser_context, production_site.url)
    found = {}
    for name, path in {**READER_PAGES, "exercise": production_site.exercise_path}.items():
        visitor.open(path)
        if violations := visitor.violations():
            found[name] = violations
    assert not found


def test_the_video_loads_its_player_under_the_policy(production_site, browser_context):
    visitor = Visitor(browser_context, production_site.url)
    visitor.open(production_site.exercise_path)
    assert visitor.page.locator("iframe").count() == 0
    # The player's request is made (then aborted by the route above) only if the policy let the frame load.
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        with visitor.page.expect_event("requestfailed", lambda request: "youtube-nocookie.com" in request.url):
            visitor.page.get_by_role("link", name=re.compile("Play video")).click()
    except PlaywrightTimeoutError:
        pytest.fail(f"the player never asked for its page; the policy reported: {visitor.violations()}")
    player = visitor.page.locator(".rs-video iframe")
    assert player.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/abcdefghijk")
    assert visitor.violations() == []


def test_the_article_s_json_ld_is_data_the_policy_leaves_alone(production_site, browser_context):
    visitor = Visitor(browser_context, production_site.url)
    visitor.open(ARTICLE)
    blocks = visitor.page.locator('script[type="application/ld+json"]').all_inner_texts()
    assert blocks and all(json.loads(block)["@context"] == "https://schema.org" for block in blocks)
    assert visitor.violations() == []


def test_an_injected_inline_script_is_blocked_and_counted(production_site, browser_context):
    """The policy does its job, and the count above would see it if a page broke it."""
    visitor = Visitor(browser_context, production_site.url)
    visitor.open(ARTICLE)
    visitor.page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.__inlineRan = true';
            document.body.append(script);
            const sheet = document.createElement('div');
            sheet.setAttribute('style', 'color: red');
            document.body.append(sheet);
        }"""
    )
    assert visitor.page.evaluate("window.__inlineRan") is None
    violations = visitor.violations()
    assert any(v.startswith("script-src-elem blocked inline") for v in violations), violations
    assert any(v.startswith("style-src-attr blocked inline") for v in violations), violations


def test_reader_pages_send_the_documented_strict_policy_and_hsts(production_site, browser_context):
    visitor = Visitor(browser_context, production_site.url)
    headers = visitor.open(ARTICLE).all_headers()
    documented = {name.lower(): value for name, value in documented_headers().items()}
    assert headers["content-security-policy"] == documented["content-security-policy"]
    assert headers["strict-transport-security"] == documented["strict-transport-security"]
    assert "unsafe-inline" not in headers["content-security-policy"]


def test_the_admin_works_under_its_own_policy(production_site, browser_context):
    from playwright.sync_api import expect

    visitor = Visitor(browser_context, production_site.url)
    visitor.log_in()
    cookies = {cookie["name"]: cookie for cookie in browser_context.cookies()}
    assert cookies["sessionid"]["secure"] and cookies["sessionid"]["httpOnly"] and cookies["csrftoken"]["secure"]
    found = {"dashboard": visitor.violations()}
    visitor.open("/admin/pages/")
    found["explorer"] = visitor.violations()
    visitor.open(f"/admin/pages/{production_site.article_id}/edit/")
    # The StreamField editor is built by the admin's scripts: it is there only if they ran.
    assert visitor.page.locator("[data-streamfield-stream-container] [data-streamfield-child]").count() > 5
    found["article editor"] = visitor.violations()
    # The preview panel frames the reader page, which keeps the reader policy.
    visitor.page.locator('[data-side-panel-toggle="preview"]').click()
    # The panel loads the preview into a second, hidden iframe, then shows it and drops the first.
    loaded = ".w-preview__iframe[src]:not(.w-preview__proxy)"
    # A patient wait, not a speed limit: a cold preview renders the article's images first.
    expect(visitor.page.locator(loaded)).to_have_count(1, timeout=120_000)
    preview = visitor.page.frame_locator(loaded)
    assert preview.locator("h1").inner_text().startswith("The essential guide")
    found["preview panel"] = [
        violation for frame in visitor.page.frames for violation in frame.evaluate("window.__cspViolations || []")
    ]
    visitor.open("/admin/snippets/wagtail_runstrength/exercisesnippet/")
    found["exercise listing"] = visitor.violations()
    assert not {name: violations for name, violations in found.items() if violations}


def test_an_editor_reads_pages_with_the_userbar_and_no_violations(production_site, browser_context):
    visitor = Visitor(browser_context, production_site.url)
    visitor.log_in()
    visitor.open(ARTICLE)
    assert visitor.page.locator("wagtail-userbar").count() == 1
    visitor.page.locator("wagtail-userbar").locator("button").first.click()
    assert visitor.violations() == []
