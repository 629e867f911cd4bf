"""The example's production settings: a PostgreSQL task queue run by ``db_worker``; SQLite keeps tasks immediate."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "example_project"
SCRIPT = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'TASKS': getattr(s, 'TASKS', None), 'queue_app': 'django_tasks_db' in s.INSTALLED_APPS}))"
)


def production_settings(database_url: str) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REDIS_", "RUNSTRENGTH_"))}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="clinic_site.production",
        DJANGO_ALLOWED_HOSTS="www.northside-clinic.example",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SCRIPT],
        cwd=EXAMPLE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_on_postgresql_queues_tasks_in_the_database_for_db_worker():
    found = production_settings("postgres://clinic@db.internal:5432/clinic")
    assert found == {
        "TASKS": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}},
        "queue_app": True,
    }


@pytest.mark.parametrize("database_url", ["sqlite:////tmp/clinic-production-tasks.sqlite3"])
def test_production_on_sqlite_keeps_the_immediate_backend(database_url):
    assert production_settings(database_url) == {"TASKS": None, "queue_app": False}
