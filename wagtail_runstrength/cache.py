"""``ResilientRedisCache``: Django's Redis cache, for which an unreachable or hung server is a cache miss.

Django's ``RedisCache`` raises when Redis is down, and Wagtail reads the
``default`` cache to build any page URL (its site root paths), so with the
plain backend every public page and API answer is a 500 while Redis is away,
and with redis-py's default 5 s socket timeout a hung server holds every
request for seconds per cache call. This backend answers reads with a miss and
drops writes instead, and after a failure leaves Redis alone for
``RETRY_AFTER`` seconds (per process), so a request during an outage waits for
at most one timeout rather than one per cache call. Pages are then rendered
from the database.

Deletes are always sent, since they are how Wagtail and the package drop an
entry that has gone stale, and ``incr``, ``decr`` and ``clear`` still raise:
none of them has a meaningful "miss". The fragment cache does not depend on
any of this for freshness; its generation is in the database.

Use it in ``CACHES`` with short socket timeouts::

    CACHES = {
        "default": {
            "BACKEND": "wagtail_runstrength.cache.ResilientRedisCache",
            "LOCATION": "redis://redis.internal:6379/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "RETRY_AFTER": 5},
        }
    }

Without ``socket_connect_timeout`` and ``socket_timeout`` in ``OPTIONS`` both
default to half a second here (redis-py's own default is 5 s).
"""

from __future__ import annotations

import logging
import threading
import time
from functools import wraps

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

DEFAULT_SOCKET_TIMEOUT = 0.5
DEFAULT_RETRY_AFTER = 5.0

# When each Redis address may be tried again, shared by the threads of a process
# (Django gives each thread its own backend instance).
_unavailable_until: dict[tuple[str, ...], float] = {}
_lock = threading.Lock()


def _degrades(missing):
    """Run the Redis call unless the server is known to be away; on a Redis error, log and return ``missing(...)``."""

    def decorate(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.is_resting():
                return missing(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self.failed(method.__name__, error)
                return missing(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty(*args, **kwargs):
    return {}


def _all_keys(data, *args, **kwargs):
    # Django's set_many() returns the keys it could not store.
    return list(data)


class ResilientRedisCache(RedisCache):
    """Django's ``RedisCache``: reads miss and writes are dropped while Redis is unreachable, hung or refusing."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("RETRY_AFTER", DEFAULT_RETRY_AFTER))
        options.setdefault("socket_connect_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        super().__init__(server, {**params, "OPTIONS": options})
        self._address = tuple(self._servers)

    def is_resting(self) -> bool:
        """True while Redis failed less than ``RETRY_AFTER`` seconds ago: don't wait for it again yet."""
        until = _unavailable_until.get(self._address)
        return until is not None and time.monotonic() < until

    def failed(self, operation: str, error: Exception) -> None:
        if not isinstance(error, (RedisConnectionError, RedisTimeoutError)):
            # The server answered (a refused write when memory is full, say): nothing to wait out.
            logger.warning("Redis cache refused %s: %s", operation, error)
            return
        with _lock:
            first = _unavailable_until.get(self._address) is None
            _unavailable_until[self._address] = time.monotonic() + self.retry_after
        if first:
            logger.error(
                "Redis cache unreachable (%s: %s); serving without it, trying again every %s s",
                operation,
                error,
                self.retry_after,
            )

    def recovered(self) -> None:
        if self._address not in _unavailable_until:
            return
        with _lock:
            if _unavailable_until.pop(self._address, None) is not None:
                logger.warning("Redis cache reachable again")

    @_degrades(_default)
    def get(self, key, default=None, version=None):
        value = super().get(key, default, version)
        self.recovered()
        return value

    @_degrades(_empty)
    def get_many(self, keys, version=None):
        found = super().get_many(keys, version)
        self.recovered()
        return found

    @_degrades(_false)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    @_degrades(_false)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version)

    @_degrades(_nothing)
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version)

    @_degrades(_all_keys)
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version)

    @_degrades(_false)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    def delete(self, key, version=None):
        try:
            deleted = super().delete(key, version)
        except RedisError as error:
            self.failed("delete", error)
            return False
        self.recovered()
        return deleted

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except RedisError as error:
            self.failed("delete_many", error)
            return
        self.recovered()
