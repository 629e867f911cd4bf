"""The example's settings: DEBUG off unless asked for, and a production module that passes ``check --deploy``.

``clinic_site/settings.py`` is the base: DEBUG only with ``DJANGO_DEBUG=1`` (what
``make demo`` sets), and without DEBUG it refuses to start on a missing key or
the demo key published in the repository. ``clinic_site/production.py``
(``DJANGO_SETTINGS_MODULE=clinic_site.production``) refuses any key Django's
deploy check would call weak, and ``manage.py check --deploy`` finds nothing
with it. Every case runs ``example_project/manage.py`` in a subprocess, as an
operator would, and the commands in docs/deployment.md's "Production
settings" section are run exactly as written there.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "example_project"
MANAGE = EXAMPLE / "manage.py"
DEPLOYMENT_DOC = REPO / "docs" / "deployment.md"
NO_ISSUES = "System check identified no issues (0 silenced)."

SETTINGS_SCRIPT = """
import json
from django.conf import settings as s
print(json.dumps({
    "DEBUG": s.DEBUG,
    "SECRET_KEY": s.SECRET_KEY,
    "SECRET_KEY_FALLBACKS": s.SECRET_KEY_FALLBACKS,
    "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
    "WAGTAILADMIN_BASE_URL": s.WAGTAILADMIN_BASE_URL,
    "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "SECURE_PROXY_SSL_HEADER": s.SECURE_PROXY_SSL_HEADER,
    "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": s.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "SECURE_HSTS_PRELOAD": s.SECURE_HSTS_PRELOAD,
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "MIDDLEWARE": s.MIDDLEWARE,
    "CONTENT_SECURITY_POLICIES": getattr(s, "CONTENT_SECURITY_POLICIES", None),
    "DATABASES": {alias: {k: v for k, v in db.items() if k.startswith("CONN")} for alias, db in s.DATABASES.items()},
    "CACHES": {alias: cache.get("OPTIONS", {}) for alias, cache in s.CACHES.items()},
}))
"""


def strong_key() -> str:
    return secrets.token_urlsafe(50)


@pytest.fixture
def run(tmp_path):
    """Run ``manage.py`` with only the variables given (plus a throwaway database), as a fresh shell would."""

    def run_(*args: str, **variables: str) -> subprocess.CompletedProcess:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "REDIS_", "WAGTAILADMIN_", "RUNSTRENGTH_"))
        }
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
        env.update(variables)
        return subprocess.run(
            [sys.executable, str(MANAGE), *args], cwd=EXAMPLE, env=env, capture_output=True, text=True, timeout=120
        )

    def settings_(**variables: str) -> dict:
        result = run_("shell", "--no-imports", "-c", SETTINGS_SCRIPT, **variables)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])

    run_.settings = settings_
    return run_


def refusal(result: subprocess.CompletedProcess) -> str:
    """The last line of a start-up that failed: the exception and its message."""
    assert result.returncode != 0, result.stdout
    return result.stderr.strip().splitlines()[-1]


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "clinic_site.production",
    "DJANGO_ALLOWED_HOSTS": "www.northside-clinic.example",
}


# Base settings ------------------------------------------------------------------


def test_base_settings_have_debug_off_unless_asked(run):
    assert run.settings(DJANGO_SECRET_KEY=strong_key())["DEBUG"] is False
    assert run.settings(DJANGO_SECRET_KEY=strong_key(), DJANGO_DEBUG="0")["DEBUG"] is False
    assert run.settings(DJANGO_DEBUG="1")["DEBUG"] is True


@pytest.mark.parametrize("key", [None, "", "demo-only-not-secret-change-me-before-deploying"])
def test_base_settings_without_debug_refuse_a_missing_or_published_key(run, key):
    variables = {} if key is None else {"DJANGO_SECRET_KEY": key}
    message = refusal(run("check", **variables))
    assert message.startswith("django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY is not set")
    assert "DJANGO_DEBUG=1" in message


def test_makemigrations_checks_a_fresh_checkout_without_a_key_or_debug(run):
    result = run("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
    # The exception is that command only: anything else still refuses to start.
    assert "DJANGO_SECRET_KEY is not set" in refusal(run("migrate"))


def test_the_demo_key_is_used_only_with_debug_on(run):
    settings = run.settings(DJANGO_DEBUG="1")
    assert settings["DEBUG"] is True and settings["SECRET_KEY"].startswith("demo-only-")


def test_make_demo_turns_debug_on_for_every_command():
    result = subprocess.run(["make", "-n", "demo"], cwd=REPO, capture_output=True, text=True, check=True)
    commands = [line for line in result.stdout.splitlines() if "manage.py" in line]
    assert [line.split("manage.py ")[1].split()[0] for line in commands] == [
        "migrate",
        "load_runstrength_demo",
        "ensure_demo_admin",
        "runserver",
    ]
    assert all(line.startswith("DJANGO_DEBUG=1 ") for line in commands), commands


# Production settings ------------------------------------------------------------


def test_production_settings_pass_the_deploy_check_with_no_issues(run):
    result = run("check", "--deploy", DJANGO_SECRET_KEY=strong_key(), **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == NO_ISSUES and "WARNINGS" not in result.stderr


def test_production_settings_pass_the_deploy_check_with_redis_and_a_fallback_key(run):
    result = run(
        "check",
        "--deploy",
        DJANGO_SECRET_KEY=strong_key(),
        DJANGO_SECRET_KEY_FALLBACKS=strong_key(),
        REDIS_URL="redis://127.0.0.1:6379/4",
        DJANGO_SECURE_PROXY_SSL_HEADER="1",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == NO_ISSUES


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        (None, "is not set"),
        ("", "is not set"),
        ("demo-only-not-secret-change-me-before-deploying", "is too weak"),
        ("change-me", "is too weak"),
        ("a" * 80, "is too weak"),
        ("django-insecure-" + "x1y2z3" * 10, "starts with 'django-insecure-'"),
    ],
)
def test_production_settings_refuse_to_start_without_a_real_key(run, key, reason):
    variables = {**PRODUCTION, "DJANGO_DEBUG": "1"}  # DEBUG on in the environment changes nothing here
    if key is not None:
        variables["DJANGO_SECRET_KEY"] = key
    message = refusal(run("check", **variables))
    assert message.startswith(f"django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY {reason}")
    assert "refuse to start without a real secret key" in message


def test_production_settings_refuse_a_weak_fallback_key(run):
    result = run("check", DJANGO_SECRET_KEY=strong_key(), DJANGO_SECRET_KEY_FALLBACKS="old-key", **PRODUCTION)
    assert refusal(result).startswith(
        "django.core.exceptions.ImproperlyConfigured: A key in DJANGO_SECRET_KEY_FALLBACKS is too weak"
    )


def test_production_settings_refuse_to_start_without_allowed_hosts(run):
    result = run("check", DJANGO_SETTINGS_MODULE="clinic_site.production", DJANGO_SECRET_KEY=strong_key())
    assert "DJANGO_ALLOWED_HOSTS is not set" in refusal(result)


def test_production_settings_are_https_only_with_debug_off_whatever_the_environment(run):
    settings = run.settings(DJANGO_SECRET_KEY=strong_key(), DJANGO_DEBUG="1", **PRODUCTION)
    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["www.northside-clinic.example"]
    assert settings["WAGTAILADMIN_BASE_URL"] == "https://www.northside-clinic.example"
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True and settings["SECURE_HSTS_PRELOAD"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True and settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_PROXY_SSL_HEADER"] is None


def test_the_proxy_header_is_trusted_only_when_asked(run):
    settings = run.settings(DJANGO_SECRET_KEY=strong_key(), DJANGO_SECURE_PROXY_SSL_HEADER="1", **PRODUCTION)
    assert settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_production_settings_check_database_connections_and_time_out_redis(run):
    settings = run.settings(DJANGO_SECRET_KEY=strong_key(), REDIS_URL="redis://127.0.0.1:6379/4", **PRODUCTION)
    assert settings["DATABASES"]["default"] == {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
    # The base module's resilient Redis cache keeps its own shorter timeouts; production never lengthens them.
    options = settings["CACHES"]["default"]
    assert options["socket_connect_timeout"] <= 1 and options["socket_timeout"] <= 1
    assert options["RETRY_AFTER"] == 5


def test_production_settings_send_a_strict_policy_to_readers_and_a_looser_one_to_the_admin(run):
    settings = run.settings(DJANGO_SECRET_KEY=strong_key(), **PRODUCTION)
    middleware = settings["MIDDLEWARE"]
    assert middleware[middleware.index("django.middleware.security.SecurityMiddleware") + 1] == (
        "clinic_site.csp.ContentSecurityPolicyMiddleware"
    )
    policies = dict(settings["CONTENT_SECURITY_POLICIES"])
    assert list(policies) == ["/admin/", "/api/", "/"]
    assert policies["/"]["script-src"] == ["'self'"] and policies["/"]["style-src"] == ["'self'"]
    assert "'unsafe-inline'" in policies["/admin/"]["script-src"]
    assert "'unsafe-inline'" not in policies["/api/"]["script-src"]


# docs/deployment.md -------------------------------------------------------------


def doc_blocks(section: str) -> list[tuple[str, str]]:
    """The fenced code blocks of a ``##`` section of docs/deployment.md, as (language, text) pairs."""
    text = DEPLOYMENT_DOC.read_text()
    start = text.index(f"\n## {section}\n")
    end = text.find("\n## ", start + 1)
    body = text[start : end if end != -1 else None]
    return [(lang, code) for lang, code in re.findall(r"```(\w*)\n(.*?)```", body, flags=re.DOTALL)]


def run_doc_shell(tmp_path, script: str) -> subprocess.CompletedProcess:
    """A documented shell block, run in ``example_project`` with this virtualenv's ``python`` first on the path."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REDIS_"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return subprocess.run(["bash", "-c", script], cwd=EXAMPLE, env=env, capture_output=True, text=True, timeout=120)


def documented_runs() -> list[tuple[str, str]]:
    """Each ``sh`` block of the section with the ``text`` block right after it (what it prints)."""
    blocks = doc_blocks("Production settings")
    pairs = [
        (code, blocks[n + 1][1])
        for n, (lang, code) in enumerate(blocks[:-1])
        if lang == "sh" and blocks[n + 1][0] == "text"
    ]
    assert len(pairs) >= 2, "docs/deployment.md: the Production settings section lost its examples"
    return pairs


@pytest.mark.parametrize("index", [0, 1])
def test_the_documented_commands_print_what_the_docs_say(tmp_path, index):
    script, expected = documented_runs()[index]
    result = run_doc_shell(tmp_path, script)
    printed = (result.stdout + result.stderr).strip().splitlines()
    assert printed[-1] == expected.strip().splitlines()[-1], result.stderr
