"""After a PostgreSQL restart, the first request reconnects instead of answering 500 (``CONN_HEALTH_CHECKS``).

With ``CONN_MAX_AGE`` each process keeps its connection between requests. A
database restart (or failover) ends those connections on the server's side,
and without health checks Django finds out by failing the first query of the
next request: a 500 for that reader. The tests end the app's connection with
``pg_terminate_backend()`` from a second connection, which is what a restart
does to it, rather than restarting the server other test runs share. Requests
go through Django's own ``WSGIHandler``, which sends ``request_started`` and
``request_finished`` as a real server does (the test client does not run the
connection checks those signals trigger).
"""

import importlib.util
import io
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections

from tests.factories import ArticlePageFactory

EXAMPLE_SETTINGS = Path(__file__).resolve().parents[1] / "example_project" / "clinic_site" / "settings.py"

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (pg_terminate_backend); run with DATABASE_URL=postgres://… as .ci/run does",
    ),
]


def example_database_settings(monkeypatch) -> dict:
    # The example's settings refuse to load without DEBUG or a real secret key; only DATABASES is read here.
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    spec = importlib.util.spec_from_file_location("example_clinic_settings", EXAMPLE_SETTINGS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.DATABASES["default"]


def serve(path: str) -> int:
    """The status of a GET for ``path``, served as a WSGI server would serve it."""
    environ = {"PATH_INFO": path, "HTTP_HOST": "localhost", "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    status = []
    response = WSGIHandler()(environ, lambda line, headers, exc_info=None: status.append(line))
    b"".join(response)
    response.close()  # request_finished: where Django decides to keep the connection
    return int(status[0].split()[0])


def end_the_apps_connection() -> None:
    """What a restart does to the connection the app keeps open: ended from the server's side."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0]
    finally:
        other.close()


@pytest.fixture
def persistent_connection():
    """Apply connection settings to the test's own connection (read when it connects), then restore them."""
    saved = {key: connection.settings_dict[key] for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")}

    def apply(max_age: int, health_checks: bool) -> None:
        connection.settings_dict.update(CONN_MAX_AGE=max_age, CONN_HEALTH_CHECKS=health_checks)
        connection.close()

    yield apply
    connection.settings_dict.update(saved)
    connection.close()


@pytest.fixture
def article_url(index_page) -> str:
    return ArticlePageFactory(parent=index_page, title="Calf work for runners").url


def test_the_example_sites_connections_survive_a_database_restart(persistent_connection, article_url, monkeypatch):
    database = example_database_settings(monkeypatch)
    assert database["CONN_MAX_AGE"] > 0
    persistent_connection(database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"])
    assert serve(article_url) == 200
    end_the_apps_connection()
    assert serve(article_url) == 200


def test_without_health_checks_the_first_request_after_a_restart_is_a_server_error(persistent_connection, article_url):
    persistent_connection(60, False)
    assert serve(article_url) == 200
    end_the_apps_connection()
    assert serve(article_url) == 500
    # Django drops the broken connection at the end of that request: the next one is fine.
    assert serve(article_url) == 200
