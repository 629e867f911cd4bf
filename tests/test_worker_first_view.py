"""A real ``db_worker`` process warms a just-published article before its first reader arrives.

The test publishes an article with fresh images (none of its renditions
exist) through the ``django_tasks_db`` backend, as the example's production
settings do, while ``manage.py db_worker`` runs in a separate process against
the same (committed) test database, cache and media folder. Once the worker
has finished every task, the first reader's GET must make no rendition and
cost exactly the queries of a warm GET. There is no timing assertion: the
worker is polled with a generous upper bound. Set ``RUNSTRENGTH_REPORT_TIMES=1``
to have the first and the warm GET's times written to stderr.

PostgreSQL only (``.ci/run`` runs it there): SQLite's in-memory test database
cannot be shared with another process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Page

from tests.factories import ArticlePageFactory, ClinicianFactory, ExerciseFactory, ImageFactory

REPO = Path(__file__).resolve().parent.parent
# Long enough for a slow, shared machine to make every rendition; the test ends as soon as the queue is empty.
WORKER_DEADLINE_SECONDS = 300

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
        reason="needs PostgreSQL (DATABASE_URL): the worker process must share the test database",
    ),
]


@pytest.fixture
def shared(settings, tmp_path):
    """The task backend, cache and media folder the test process and the worker share."""
    cache_dir = tmp_path / "cache"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(cache_dir)}
    }
    settings.WAGTAIL_RUNSTRENGTH = {"WARM_AFTER_PUBLISH": True}
    return {"cache_dir": cache_dir, "media_root": Path(settings.MEDIA_ROOT)}


@pytest.fixture
def worker(shared, tmp_path):
    """``manage.py db_worker`` in its own process, on the test database; stopped after the test."""
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "RUNSTRENGTH_WORKER_CACHE_DIR": str(shared["cache_dir"]),
        "RUNSTRENGTH_WORKER_MEDIA_ROOT": str(shared["media_root"]),
    }
    env.pop("REDIS_URL", None)
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "django",
            "db_worker",
            "--settings=tests.settings_worker",
            "--pythonpath=.",
            "--interval=0.2",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def wait_for_queue(process, log_path: Path, since: set | frozenset = frozenset()) -> list:
    """The results of the tasks enqueued since ``since`` (ids), once none is waiting or running."""
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + WORKER_DEADLINE_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the worker exited: {log_path.read_text()[-3000:]}"
        results = list(DBTaskResult.objects.exclude(id__in=since))
        if results and all(result.status in ("SUCCESSFUL", "FAILED") for result in results):
            return results
        time.sleep(0.25)
    pytest.fail(f"the worker did not finish within {WORKER_DEADLINE_SECONDS} s: {log_path.read_text()[-3000:]}")


def reader_get(client, path) -> tuple[str, int, float]:
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST="localhost")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    return response.content.decode(), len(queries), elapsed


def test_a_real_worker_warms_a_just_published_article_before_its_first_reader(
    shared, worker, client, index_page, tmp_path
):
    from django_tasks_db.models import DBTaskResult

    rendition_model = get_image_model().get_rendition_model()
    neighbour = ArticlePageFactory(parent=index_page, slug="neighbour", hero_image=ImageFactory())
    neighbour.tags.add("knee")
    neighbour.save_revision().publish()
    wait_for_queue(worker, tmp_path / "worker.log")
    # Warm this process's own lookups on a page the worker warmed, so the comparison is the article's alone.
    reader_get(client, neighbour.url)
    reader_get(client, neighbour.url)

    article = ArticlePageFactory(
        parent=index_page,
        slug="fresh",
        live=False,
        hero_image=ImageFactory(),
        author=ClinicianFactory(photo=ImageFactory()),
        body=[
            ("exercise", {"exercise": ExerciseFactory(), "note": ""}),
            ("image", {"image": {"image": ImageFactory(), "alt_text": "", "decorative": True}, "caption": ""}),
            ("related_posts", {"heading": "Read next", "posts": []}),
        ],
    )
    article.tags.add("knee")
    article.save()
    assert not rendition_model.objects.filter(image=article.hero_image).exists()
    earlier = set(DBTaskResult.objects.values_list("id", flat=True))

    article.save_revision().publish()
    results = wait_for_queue(worker, tmp_path / "worker.log", since=earlier)
    warming = [result for result in results if result.task_path.endswith("tasks.process_changes")]
    assert [result.status for result in warming] == ["SUCCESSFUL"], (tmp_path / "worker.log").read_text()[-3000:]
    assert rendition_model.objects.filter(image=article.hero_image).exists()

    article = Page.objects.get(pk=article.pk).specific
    made = rendition_model.objects.count()
    first, first_queries, first_time = reader_get(client, article.url)
    assert rendition_model.objects.count() == made, "the first reader made renditions"
    second, warm_queries, warm_time = reader_get(client, article.url)
    assert first == second
    assert first_queries == warm_queries
    if os.environ.get("RUNSTRENGTH_REPORT_TIMES"):
        sys.stderr.write(
            f"\nfirst GET after publish: {first_time * 1000:.1f} ms, {first_queries} queries; "
            f"warm GET: {warm_time * 1000:.1f} ms, {warm_queries} queries\n"
        )


def test_a_real_worker_also_warms_a_page_readers_opened_that_the_change_did_not_affect(
    shared, worker, client, index_page, tmp_path
):
    """Every change makes every cached page stale; the worker renders the recently read ones again."""
    from django_tasks_db.models import DBTaskResult

    from wagtail_runstrength import fragment_cache, recent_reads
    from wagtail_runstrength.affected import affected_by

    being_read = ArticlePageFactory(parent=index_page, slug="being-read")
    being_read.save_revision().publish()
    wait_for_queue(worker, tmp_path / "worker.log")
    fragment_cache.new_generation()  # a change made without a task: the reader's next view is a cold render
    reader_get(client, being_read.url)
    assert [path for _site, path in recent_reads.addresses()] == [being_read.url]
    _html, warm_queries, _time = reader_get(client, being_read.url)

    unrelated = ArticlePageFactory(parent=index_page, slug="unrelated", live=False)
    earlier = set(DBTaskResult.objects.values_list("id", flat=True))
    unrelated.save_revision().publish()
    assert being_read.url not in affected_by(Page.objects.get(pk=unrelated.pk).specific).paths
    results = wait_for_queue(worker, tmp_path / "worker.log", since=earlier)
    warming = [result for result in results if result.task_path.endswith("tasks.process_changes")]
    assert [result.status for result in warming] == ["SUCCESSFUL"], (tmp_path / "worker.log").read_text()[-3000:]

    _html, queries, _time = reader_get(client, being_read.url)
    assert queries == warm_queries, "the page went cold after a change that did not affect it"
