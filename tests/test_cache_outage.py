"""A real Redis stopped, hung and brought back mid-run: readers get 200s from the database, and nothing stale.

Each test starts a private ``redis-server`` (``tests/private_redis.py``) and
puts Django's ``default`` cache on it with the package's
``ResilientRedisCache``, as ``docs/deployment.md`` recommends, warms the
pages, then takes Redis away. Found on main before this: with Redis stopped
every public page and API answer was a 500; with Redis hung each request
waited about 5 s per cache call; and after an outage during which an article
was unpublished, Redis came back with its data and the article stayed listed
on the index and in related-post cards for up to six hours.
"""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.private_redis import PrivateRedis
from tests.test_fragment_cache import articles, fragment_keys, library  # noqa: F401 - fixtures
from wagtail_runstrength import cache as resilient
from wagtail_runstrength.public_urls import PublicUrls, frontend_cache_key

pytestmark = pytest.mark.django_db

RESILIENT = "wagtail_runstrength.cache.ResilientRedisCache"


def cache_settings(server: PrivateRedis, backend: str, retry_after: float) -> dict:
    options = {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}
    if backend == RESILIENT:
        options["RETRY_AFTER"] = retry_after
    return {"default": {"BACKEND": backend, "LOCATION": server.url, "KEY_PREFIX": "outage-test", "OPTIONS": options}}


@pytest.fixture
def redis_server(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@contextmanager
def cache_on(server: PrivateRedis, retry_after: float = 0, backend: str = RESILIENT):
    """Django's caches on the private server while the block runs (restored before the server stops)."""
    resilient._unavailable_until.clear()
    with override_settings(CACHES=cache_settings(server, backend, retry_after)):
        yield
    resilient._unavailable_until.clear()


def reader_urls(articles, library) -> dict[str, str]:  # noqa: F811 - the fixtures' values
    article = articles["article"]
    return {
        "article": article.url,
        "index": article.get_parent().url,
        "library": library.url,
        "exercise page": f"{library.url}{articles['exercise'].slug}/",
        "API v2 detail": f"/api/v2/articles/{article.pk}/",
        "API v2 listing": "/api/v2/articles/",
        "API v3 detail": f"/api/v3/pages/{article.pk}/",
    }


def read_all(client, urls: dict[str, str]) -> dict[str, str]:
    pages = {}
    for name, url in urls.items():
        response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, f"{name} ({url}) answered {response.status_code}"
        pages[name] = response.content.decode()
    return pages


def test_with_redis_stopped_pages_and_apis_answer_from_the_database(client, redis_server, articles, library):  # noqa: F811
    urls = reader_urls(articles, library)
    with cache_on(redis_server):
        warm = read_all(client, urls)
        assert fragment_keys()
        redis_server.kill()
        cold = read_all(client, urls)
        assert cold["article"] == warm["article"]
        assert "Single-leg calf raise" in cold["exercise page"] and "Calf work for runners" in cold["index"]
        # An editor's save goes through, and readers see it.
        articles["exercise"].name = "Calf raise, Redis down"
        articles["exercise"].save()
        assert "Calf raise, Redis down" in read_all(client, {"article": urls["article"]})["article"]


def test_with_djangos_own_redis_backend_a_stopped_redis_is_a_server_error(client, redis_server, articles):  # noqa: F811
    """Why the example and the deployment guide use the package's backend: Wagtail reads the cache on every page."""
    client.raise_request_exception = False
    with cache_on(redis_server, backend="django.core.cache.backends.redis.RedisCache"):
        assert client.get(articles["article"].url, HTTP_HOST="localhost").status_code == 200
        redis_server.kill()
        assert client.get(articles["article"].url, HTTP_HOST="localhost").status_code == 500


def test_with_redis_hung_pages_and_apis_answer_from_the_database(client, redis_server, articles, library):  # noqa: F811
    urls = reader_urls(articles, library)
    # A long rest: after the first timeout, the other cache calls don't wait for the hung server.
    with cache_on(redis_server, retry_after=3600):
        warm = read_all(client, urls)
        redis_server.pause()
        try:
            hung = read_all(client, urls)
        finally:
            redis_server.resume()
    assert hung["article"] == warm["article"]


def test_an_article_unpublished_while_redis_was_down_is_gone_when_redis_returns_with_its_data(
    client,
    redis_server,
    articles,  # noqa: F811
):
    article = articles["article"]
    readers = {"article": article.url, "index": article.get_parent().url, "api": f"/api/v2/articles/{article.pk}/"}
    with cache_on(redis_server):
        before = read_all(client, readers)
        for page in before.values():
            assert "Hip strength for hills" in page
        redis_server.snapshot()
        redis_server.kill()
        articles["neighbour"].unpublish()
        redis_server.restart()
        assert fragment_keys(), "Redis came back without the fragments cached before the outage"
        with CaptureQueriesContext(connection) as queries:
            after = read_all(client, readers)
        for name, page in after.items():
            assert "Hip strength for hills" not in page, f"the {name} still lists the unpublished article"
        # Rendered afresh from the database, and stored again in the Redis that came back.
        assert any("exercisesnippet" in query["sql"] for query in queries.captured_queries)
        with CaptureQueriesContext(connection) as queries:
            assert read_all(client, {"article": article.url})["article"] == after["article"]
        assert not any("exercisesnippet" in query["sql"] for query in queries.captured_queries)


def test_the_cached_frontend_base_url_expires_so_a_settings_save_lost_in_an_outage_shows_within_the_hour(
    site, redis_server
):
    """A settings save deletes the cached base URL; during an outage that delete is lost, so the entry expires."""
    with cache_on(redis_server):
        PublicUrls().frontend_base(site.pk)
        keys = list(redis_server.client().scan_iter(match=f"*{frontend_cache_key(site.pk)}"))
        assert len(keys) == 1
        assert 0 < redis_server.client().ttl(keys[0]) <= 3600
