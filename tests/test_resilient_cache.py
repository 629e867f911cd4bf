"""``ResilientRedisCache`` on its own: a Redis error is a miss, and a failed server is left alone for a while.

The Redis client is replaced by one that counts its calls and fails on
demand, and the clock by one the test moves, so these run without a Redis
server and without waiting (``test_cache_outage.py`` stops a real one).
"""

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

from wagtail_runstrength import cache as resilient
from wagtail_runstrength.cache import ResilientRedisCache


class FlakyClient:
    """Stands in for Django's ``RedisCacheClient``: stores values, or raises ``failure`` while it is set."""

    def __init__(self):
        self.calls = 0
        self.failure: Exception | None = None
        self.values = {}

    def _call(self):
        self.calls += 1
        if self.failure is not None:
            raise self.failure

    def get(self, key, default):
        self._call()
        return self.values.get(key, default)

    def get_many(self, keys):
        self._call()
        return {key: self.values[key] for key in keys if key in self.values}

    def set(self, key, value, timeout):
        self._call()
        self.values[key] = value

    def add(self, key, value, timeout):
        self._call()
        return self.values.setdefault(key, value) is value

    def set_many(self, data, timeout):
        self._call()
        self.values.update(data)

    def has_key(self, key):
        self._call()
        return key in self.values

    def touch(self, key, timeout):
        self._call()
        return key in self.values

    def delete(self, key):
        self._call()
        return self.values.pop(key, None) is not None

    def delete_many(self, keys):
        self._call()
        for key in keys:
            self.values.pop(key, None)

    def incr(self, key, delta):
        self._call()
        return self.values[key] + delta


class Clock:
    now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(resilient.time, "monotonic", clock)
    return clock


@pytest.fixture
def backend(clock):
    resilient._unavailable_until.clear()
    backend = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"RETRY_AFTER": 5}})
    backend._cache = FlakyClient()
    yield backend
    resilient._unavailable_until.clear()


def test_socket_timeouts_default_to_half_a_second_and_retry_after_is_not_passed_to_redis():
    backend = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_timeout": 2, "RETRY_AFTER": 7}})
    assert backend._options == {"socket_timeout": 2, "socket_connect_timeout": 0.5}
    assert backend.retry_after == 7
    assert ResilientRedisCache("redis://127.0.0.1:1/0", {})._options == {
        "socket_timeout": 0.5,
        "socket_connect_timeout": 0.5,
    }


def test_a_server_that_does_not_answer_is_a_miss_and_writes_are_dropped(backend, caplog):
    backend.set("kept", "value")
    backend._cache.failure = RedisConnectionError("Connection refused")
    assert backend.get("kept") is None
    assert backend.get("kept", "fallback") == "fallback"
    assert backend.get_many(["kept"]) == {}
    assert backend.has_key("kept") is False
    assert backend.add("new", 1) is False
    assert backend.set("new", 1) is None
    assert backend.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert backend.touch("kept") is False
    assert backend.get_or_set("computed", lambda: "from the database") == "from the database"
    assert "Redis cache unreachable" in caplog.text
    # Logged once per outage, not once per call.
    assert caplog.text.count("Redis cache unreachable") == 1


def test_after_a_failure_redis_is_not_asked_again_until_retry_after_has_passed(backend, clock):
    backend._cache.failure = RedisTimeoutError("Timeout reading from socket")
    backend.get("a")
    assert backend._cache.calls == 1
    for _ in range(10):
        backend.get("a")
        backend.set("a", 1)
        backend.get_many(["a", "b"])
    assert backend._cache.calls == 1, "a request during an outage waited for Redis again"
    clock.now += 5
    backend.get("a")
    assert backend._cache.calls == 2  # one try when the rest is over: still down
    backend._cache.failure = None
    clock.now += 5
    backend.set("a", "back")
    assert backend.get("a") == "back"
    assert backend.get("a") == "back"
    assert backend._cache.calls == 5


def test_deletes_are_always_sent_because_they_are_how_stale_entries_go(backend):
    backend.set("stale", 1)
    backend._cache.failure = RedisConnectionError("Connection refused")
    backend.get("stale")
    calls = backend._cache.calls
    assert backend.delete("stale") is False
    backend.delete_many(["stale"])
    assert backend._cache.calls == calls + 2
    backend._cache.failure = None
    assert backend.delete("stale") is True


def test_a_refused_write_is_dropped_without_resting(backend, caplog):
    backend._cache.failure = ResponseError("OOM command not allowed when used memory > 'maxmemory'")
    assert backend.set("a", 1) is None
    assert "Redis cache refused set" in caplog.text
    backend._cache.failure = None
    backend.set("a", 1)
    assert backend.get("a") == 1


def test_incr_still_raises_as_it_has_no_miss(backend):
    backend._cache.failure = RedisConnectionError("Connection refused")
    with pytest.raises(RedisConnectionError):
        backend.incr("counter")
