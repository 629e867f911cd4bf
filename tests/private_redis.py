"""A private ``redis-server`` for one test: started on a free port, stopped, hung and restarted at will.

Outage tests must never touch the shared Redis other runs use, so each
starts its own, with no persistence of its own accord (``--save ""``,
``--appendonly no``) and its files in the test's temporary directory.
``snapshot()`` writes ``dump.rdb`` on request, so that ``restart()`` brings
the server back with the data it held, as a Redis with persistence would.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
from pathlib import Path

import pytest
import redis

CONNECT_ATTEMPTS = 200


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    def __init__(self, directory: Path):
        executable = shutil.which("redis-server")
        if executable is None:
            pytest.skip("redis-server is not installed: the cache outage tests need a real Redis to stop")
        self.executable = executable
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5)

    def start(self) -> None:
        """Start the server (loading ``dump.rdb`` if a snapshot was taken) and wait until it answers."""
        self.process = subprocess.Popen(
            [
                self.executable,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--dbfilename",
                "dump.rdb",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = self.client()
        for _ in range(CONNECT_ATTEMPTS):
            try:
                if client.ping():
                    return
            except redis.exceptions.BusyLoadingError:
                pass
            except redis.exceptions.ConnectionError:
                pass
            try:
                self.process.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                continue
            raise RuntimeError(f"redis-server exited with {self.process.returncode}")
        raise RuntimeError("redis-server did not answer")

    def snapshot(self) -> None:
        """Write what the server holds to ``dump.rdb``, which the next ``restart()`` loads."""
        self.client().save()

    def kill(self) -> None:
        """Stop the server at once (SIGKILL), as a crash or a lost host would."""
        self.resume()
        self.process.kill()
        self.process.wait()

    def restart(self) -> None:
        self.start()

    def pause(self) -> None:
        """Hang the server (SIGSTOP): connections are accepted, nothing is answered."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.resume()
            self.process.terminate()
            self.process.wait()
