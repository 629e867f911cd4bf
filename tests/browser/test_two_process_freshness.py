"""Two app processes, one PostgreSQL, one Redis: what an editor publishes through one is what the other serves next.

The article page comes from the fragment cache (``fragment_cache.py``), shared
through Redis by every process of a deployment and made stale by a new
generation, a database row the process saving a change writes. Tests inside one process
cannot show that another process, with its own database connection and its
own memory, never serves what it cached before the change, so this module
starts the example site twice under gunicorn (127.0.0.1 only, ``DEBUG`` off)
on a PostgreSQL database and a Redis database of its own, loads the demo
content, and then, for each kind of change (an exercise renamed, an article
retitled, unpublished or deleted, a category renamed):

1. reads an article through process B twice and checks the second answer came
   from the fragment cache (same bytes, stored in Redis under the current
   generation), so B really holds a warm copy;
2. makes the change in Wagtail's admin on process A in headless Chromium,
   as an editor would, and waits for A's answer to the publish;
3. reads the article through B once, with plain HTTP, and requires the new
   content and none of the old. There is no retry: the first read after A's
   answer must be fresh, or a reader would have seen a stale page.

Process A also serves the admin's static files (``static_wsgi.py``), which the
example site does not do with ``DEBUG`` off; B runs the example site's own
WSGI application unchanged.

Without PostgreSQL or Redis on 127.0.0.1 the module is skipped with the reason,
unless ``RUNSTRENGTH_REQUIRE_SERVICES=1`` (``.ci/run`` sets it), which turns the
skip into a failure. Runs on one machine are serialized by a lock file, as they
share the database name and Redis database 14.
"""

from __future__ import annotations

import fcntl
import html
import os
import pickle
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from wagtail_runstrength.fragment_cache import FRAGMENT_PREFIX

if TYPE_CHECKING:
    import redis

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
MANAGE = REPO / "example_project" / "manage.py"

PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
DB_NAME = "runstrength_freshness"
REDIS_HOST, REDIS_PORT, REDIS_DB = "127.0.0.1", 6379, 14
LOCK_FILE = Path(tempfile.gettempdir()) / "wagtail_runstrength_freshness.lock"
ADMIN_USERNAME, ADMIN_PASSWORD = "admin", "two-process-freshness"

GUIDE = "/blog/essential-guide-strength-training-runners/"
WARM_UP = "/blog/two-minute-dynamic-warm-up/"
GOLF = "/blog/back-pain-and-golf/"
TRAIL_SHOES = "/blog/choosing-trail-running-shoes/"

CARD_TITLE = re.compile(r'<h3 class="rs-card__title"><a href="([^"]+)">(.*?)</a></h3>', re.S)
ARTICLE_CATEGORY = re.compile(r'<p class="rs-article__category">(.*?)</p>', re.S)


def services_unavailable() -> str | None:
    """Why PostgreSQL or Redis cannot be used, or ``None`` when both answer."""
    try:
        import psycopg
        import redis
    except ImportError as error:
        return f"{error.name} is not installed (pip install -e '.[postgres,redis]')"
    try:
        psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3).close()
    except psycopg.Error as error:
        return f"PostgreSQL does not answer at {PG_SERVER}: {error}"
    try:
        redis.Redis(REDIS_HOST, REDIS_PORT, socket_timeout=3).ping()
    except redis.RedisError as error:
        return f"Redis does not answer at {REDIS_HOST}:{REDIS_PORT}: {error}"
    return None


def free_ports(count: int) -> list[int]:
    """Ports free on 127.0.0.1, all different (the sockets stay open until every port is picked)."""
    with ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


def get(url: str) -> tuple[int, str]:
    """Status and body of a plain GET, as a reader's browser (or a CDN) would make it."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - our own http://127.0.0.1 address
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def cards(body: str) -> dict[str, str]:
    """Link -> title of every card on a page: exercise cards (``/exercises/...``) and related posts (``/blog/...``)."""
    return {href: html.unescape(title.strip()) for href, title in CARD_TITLE.findall(body)}


def article_category(body: str) -> str:
    found = ARTICLE_CATEGORY.search(body)
    return html.unescape(found.group(1).strip()) if found else ""


@dataclass
class Processes:
    """The two running app processes and the Redis database they share."""

    a_url: str
    b_url: str
    database_url: str
    redis: redis.Redis

    def read_b(self, path: str) -> str:
        """The page at ``path`` as process B serves it to a reader."""
        status, body = get(self.b_url + path)
        assert status == 200, f"process B answered {status} for {path}"
        return body

    def status_b(self, path: str) -> int:
        return get(self.b_url + path)[0]

    def _pk(self, query: str, value: str) -> int:
        import psycopg

        with psycopg.connect(self.database_url) as connection:
            row = connection.execute(query, (value,)).fetchone()
        assert row is not None, f"demo object {value!r} not found"
        return row[0]

    def page_pk(self, path: str) -> int:
        """The id of the demo page at ``path`` (the demo site's root page is ``/clinic/``)."""
        return self._pk("SELECT id FROM wagtailcore_page WHERE url_path = %s", f"/clinic{path}")

    def exercise_pk(self, slug: str) -> int:
        return self._pk("SELECT id FROM wagtail_runstrength_exercisesnippet WHERE slug = %s", slug)

    def category_pk(self, slug: str) -> int:
        return self._pk("SELECT id FROM wagtail_runstrength_articlecategory WHERE slug = %s", slug)

    def current_generation(self) -> str:
        """The fragment cache's generation: the token of the newest ``FragmentGeneration`` row."""
        import psycopg

        with psycopg.connect(self.database_url) as connection:
            row = connection.execute(
                "SELECT token FROM wagtail_runstrength_fragmentgeneration ORDER BY id DESC LIMIT 1"
            ).fetchone()
        return row[0] if row else ""

    def fragments_of_current_generation(self) -> list[str]:
        """The markup of every fragment Redis holds for the current generation."""
        generation = self.current_generation()
        fragments = []
        for key in self.redis.scan_iter(match=f"*{FRAGMENT_PREFIX}*"):
            value = self.redis.get(key)
            if value is not None:
                # Django's Redis cache pickles values; this is our own Redis database, written by our processes.
                # Each entry is (generation, value, surrogate keys the value draws).
                stored_generation, markup, _keys = pickle.loads(value)  # noqa: S301
                # Rendered markup only: the store also keeps data (related-post choices, API details).
                if stored_generation == generation and isinstance(markup, str):
                    fragments.append(markup)
        return fragments

    def warm_b(self, path: str) -> str:
        """Read ``path`` through B twice and make sure B now serves it from the fragment cache."""
        first = self.read_b(path)
        second = self.read_b(path)
        assert second == first, f"B rendered {path} differently on a second read with nothing changed"
        fragments = self.fragments_of_current_generation()
        assert any(fragment in second for fragment in fragments), (
            f"B's {path} is not served from the fragment cache: Redis holds {len(fragments)} fragment(s) "
            "of the current generation and none is part of the page"
        )
        return second


def assert_fresh(path: str, body: str, *, old: str, new_shown: bool, what: str) -> None:
    """B's first answer after A's change: no trace of ``old`` anywhere on the page, and the new state shown.

    The message says STALE, so a broken invalidation is recognisable at a glance.
    """
    assert old not in body, f"STALE: after A's change, process B served {path} still showing the old {what}: {old!r}"
    assert new_shown, f"process B served {path} without the new {what}"


def terminate(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def processes(tmp_path_factory):
    """Database, Redis, demo content and two gunicorn processes; all removed again, even after a failure."""
    reason = services_unavailable()
    if reason:
        if os.environ.get("RUNSTRENGTH_REQUIRE_SERVICES") == "1":
            pytest.fail(f"RUNSTRENGTH_REQUIRE_SERVICES=1 but {reason}")
        pytest.skip(f"two-process freshness test skipped: {reason}")
    import psycopg
    import redis

    workdir = tmp_path_factory.mktemp("two-processes")
    a_url, b_url = (f"http://127.0.0.1:{port}" for port in free_ports(2))
    database_url = f"{PG_SERVER}/{DB_NAME}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic_site.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECRET_KEY": "two-process-freshness-test-only",
        "RUNSTRENGTH_MEDIA_ROOT": str(workdir / "media"),
        "WAGTAILADMIN_BASE_URL": a_url,
        "DEMO_ADMIN_PASSWORD": ADMIN_PASSWORD,
    }
    env.pop("RUNSTRENGTH_ADMIN", None)  # the package's own snippet admin, not the modeladmin variant
    cache = redis.Redis(REDIS_HOST, REDIS_PORT, db=REDIS_DB)

    def admin_sql(statement: str) -> None:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
            connection.execute(statement)

    def manage(*args: str) -> None:
        result = subprocess.run(
            [sys.executable, str(MANAGE), *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"

    def start(stack: ExitStack, name: str, url: str, app: str, *extra: str) -> subprocess.Popen:
        command = [sys.executable, "-m", "gunicorn", app, "--chdir", "example_project", *extra]
        command += ["--bind", url.removeprefix("http://"), "--workers", "1"]
        if int(version("gunicorn").split(".")[0]) >= 27:
            command.append("--no-control-socket")  # else both would claim ~/.gunicorn/gunicorn.ctl
        log = open(workdir / f"gunicorn-{name}.log", "wb")  # closed by the ExitStack
        stack.callback(log.close)
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        stack.callback(terminate, process)
        return process

    def wait_until_answering(name: str, url: str, process: subprocess.Popen) -> None:
        # Polling for start-up only; reads after a change are never retried.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                log = (workdir / f"gunicorn-{name}.log").read_text(errors="replace")
                pytest.fail(f"gunicorn {name} exited with {process.returncode}:\n{log}")
            try:
                if get(url + "/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        pytest.fail(f"gunicorn {name} did not answer at {url} within 60 s")

    with ExitStack() as stack:
        lock = stack.enter_context(open(LOCK_FILE, "w"))  # closed by the ExitStack
        fcntl.flock(lock, fcntl.LOCK_EX)  # another run on this machine would share our database and Redis
        stack.callback(fcntl.flock, lock, fcntl.LOCK_UN)

        drop = f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)'
        admin_sql(drop)
        admin_sql(f'CREATE DATABASE "{DB_NAME}"')
        stack.callback(admin_sql, drop)
        cache.flushdb()
        stack.callback(cache.flushdb)

        manage("migrate", "--no-input", "-v", "0")
        manage("load_runstrength_demo", "-v", "0")
        manage("ensure_demo_admin")

        a = start(stack, "a", a_url, "tests.browser.static_wsgi:application", "--pythonpath", str(REPO))
        b = start(stack, "b", b_url, "clinic_site.wsgi:application")
        wait_until_answering("a", a_url, a)
        wait_until_answering("b", b_url, b)
        yield Processes(a_url=a_url, b_url=b_url, database_url=database_url, redis=cache)


class Editor:
    """An editor logged in to process A's admin in headless Chromium."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        page.set_default_timeout(20_000)

    def open(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")

    def log_in(self) -> None:
        self.open("/admin/login/")
        self.page.get_by_label("Username").fill(ADMIN_USERNAME)
        self.page.get_by_label("Password").fill(ADMIN_PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url("**/admin/")

    def submit(self, button: str, *, in_more_actions: bool = False, message: str) -> None:
        """Click ``button`` and wait for A's answer; a form shown again with errors would also navigate, so check the message."""
        if in_more_actions:
            self.page.get_by_role("button", name="More actions").click()
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=button, exact=True).click()
        messages = self.page.locator(".messages").inner_text()
        assert re.search(message, messages), f"A did not confirm the change (expected {message!r}): {messages!r}"


@pytest.fixture(scope="module")
def editor(processes, chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    editor = Editor(context.new_page(), processes.a_url)
    editor.log_in()
    yield editor
    context.close()


def test_renamed_exercise_shows_on_the_other_process_at_once(processes, editor):
    """An exercise card is rendered from the exercise library, not from the article that shows it."""
    before = processes.warm_b(GUIDE)
    assert cards(before)["/exercises/side-hip-abduction/"] == "Side hip abduction"

    editor.open(
        f"/admin/snippets/wagtail_runstrength/exercisesnippet/edit/{processes.exercise_pk('side-hip-abduction')}/"
    )
    editor.page.locator("#id_name").fill("Side-lying leg lift")
    editor.submit("Publish", in_more_actions=True, message=r"Exercise 'Side-lying leg lift' updated and published")

    after = processes.read_b(GUIDE)
    assert_fresh(
        GUIDE,
        after,
        old="Side hip abduction",  # the card and the JSON-LD
        new_shown=cards(after).get("/exercises/side-hip-abduction/") == "Side-lying leg lift",
        what="exercise name",
    )


def test_retitled_article_shows_in_related_cards_on_the_other_process_at_once(processes, editor):
    """A related-post card shows another page's title, so publishing that page must make this one stale."""
    before = processes.warm_b(GUIDE)
    assert cards(before)[TRAIL_SHOES] == "How to choose trail running shoes"

    editor.open(f"/admin/pages/{processes.page_pk(TRAIL_SHOES)}/edit/")
    editor.page.locator("#id_title").fill("Trail shoes: grip, drop and fit")
    editor.submit("Publish", in_more_actions=True, message=r"Page 'Trail shoes: grip, drop and fit' has been published")

    after = processes.read_b(GUIDE)
    assert_fresh(
        GUIDE,
        after,
        old="How to choose trail running shoes",
        new_shown=cards(after).get(TRAIL_SHOES) == "Trail shoes: grip, drop and fit",
        what="related post title",
    )


def remove_related_article_through_a(processes, editor, path, title, *, action, button, message, what):
    """Warm B on the guide (which shows ``path`` as a related card) and on ``path``, remove ``path`` in A's
    admin (``action``: ``unpublish`` or ``delete``), then read B: the card must be gone and ``path`` a 404."""
    before = processes.warm_b(GUIDE)
    assert cards(before)[path] == title
    processes.warm_b(path)

    editor.open(f"/admin/pages/{processes.page_pk(path)}/{action}/")
    editor.submit(button, message=message)

    after = processes.read_b(GUIDE)
    assert_fresh(GUIDE, after, old=title, new_shown=path not in cards(after), what=f"related post ({what})")
    status = processes.status_b(path)
    assert status == 404, f"STALE: process B still answers {status} for the {what} {path}"


def test_unpublished_article_leaves_related_cards_on_the_other_process_at_once(processes, editor):
    """The guide picks the warm-up by hand; once the warm-up is unpublished it must leave the guide and answer 404."""
    remove_related_article_through_a(
        processes,
        editor,
        WARM_UP,
        "A two-minute dynamic warm-up for runners",
        action="unpublish",
        button="Yes, unpublish it",
        message=r"unpublished",
        what="unpublished warm-up",
    )


def test_deleted_article_leaves_related_cards_on_the_other_process_at_once(processes, editor):
    """Deletion goes through ``post_delete``, not a publishing signal; the card must still go at once."""
    remove_related_article_through_a(
        processes,
        editor,
        GOLF,
        "Back pain and golf: protecting your spine on the course",
        action="delete",
        button="Yes, delete it",
        message=r"deleted",
        what="deleted article",
    )


def test_renamed_category_shows_on_the_other_process_at_once(processes, editor):
    """An article shows its category's name (header, meta tags, JSON-LD); categories are snippets without drafts."""
    before = processes.warm_b(GUIDE)
    assert article_category(before) == "Athletic Performance"

    editor.open(
        f"/admin/snippets/wagtail_runstrength/articlecategory/edit/{processes.category_pk('athletic-performance')}/"
    )
    editor.page.locator("#id_name").fill("Speed and Strength")
    editor.submit("Save", message=r"'Speed and Strength' updated")

    after = processes.read_b(GUIDE)
    assert_fresh(
        GUIDE,
        after,
        old="Athletic Performance",
        new_shown=article_category(after) == "Speed and Strength",
        what="category name",
    )
