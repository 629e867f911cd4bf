"""The built wheel is complete and works on its own, installed in a fresh virtualenv.

The wheel is built from a copy of the files git would ship (tracked and
untracked-but-not-ignored), so neither a stale ``build/`` directory nor the
concurrent state of the working tree leaks into it. The installed copy then
runs the minimal host in ``tests/hosts/minimal`` from a temporary directory,
with nothing of the source tree on ``sys.path``. pip fetches the dependencies
from the package index (its cache makes later runs faster).
"""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
HOSTS = Path(__file__).resolve().parent / "hosts"
PACKAGE = "wagtail_runstrength"


def run(args, *, cwd, env=None, timeout=600):
    """Run ``args``; fail with its output if it fails."""
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, (
        f"{' '.join(str(arg) for arg in args)} exited {result.returncode}\n"
        f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
    )
    return result.stdout


def shipped_source_files() -> list[str]:
    """Paths (relative to the repository) of every file git would ship, as they are now."""
    listed = run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
    )
    return sorted(path for path in set(listed.split("\0")) if path and (ROOT / path).is_file())


def clean_env(**extra) -> dict[str, str]:
    """The environment minus anything that would put the source tree or its settings in reach."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE"}
    }
    env["PYTHONNOUSERSITE"] = "1"
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def source_package_files() -> set[str]:
    files = {
        path
        for path in shipped_source_files()
        if path.startswith(f"{PACKAGE}/") and not path.endswith((".pyc", ".pyo"))
    }
    assert f"{PACKAGE}/templates/{PACKAGE}/article_page.html" in files
    return files


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    for path in shipped_source_files():
        # The package and the top-level metadata files (setup.cfg, README, LICENSE...).
        if path.startswith(f"{PACKAGE}/") or "/" not in path:
            (source / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / path, source / path)
    run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", tmp / "dist"],
        cwd=source,
        env=clean_env(),
    )
    (built,) = (tmp / "dist").glob("*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_files(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_contains_templates_static_files_and_migrations(wheel_files):
    assert f"{PACKAGE}/templates/{PACKAGE}/article_page.html" in wheel_files
    assert f"{PACKAGE}/templates/{PACKAGE}/article_index_page.html" in wheel_files
    assert any(
        name.startswith(f"{PACKAGE}/templates/{PACKAGE}/blocks/") and name.endswith(".html") for name in wheel_files
    )
    assert f"{PACKAGE}/static/{PACKAGE}/css/runstrength.css" in wheel_files
    assert f"{PACKAGE}/migrations/0001_initial.py" in wheel_files


@pytest.mark.parametrize("language", ["fr", "de", "es"])
def test_wheel_contains_the_translation_catalogues(wheel_files, language):
    for name in ("django.po", "django.mo"):
        assert f"{PACKAGE}/locale/{language}/LC_MESSAGES/{name}" in wheel_files


def test_wheel_contains_every_file_of_the_source_package(source_package_files, wheel_files):
    migrations = {path for path in source_package_files if path.startswith(f"{PACKAGE}/migrations/")}
    assert migrations <= wheel_files, sorted(migrations - wheel_files)
    assert source_package_files <= wheel_files, (
        "Files in the source package but missing from the wheel (check package_data "
        f"and __init__.py files): {sorted(source_package_files - wheel_files)}"
    )


@pytest.fixture(scope="module")
def installed_host(wheel, tmp_path_factory):
    """A fresh virtualenv with only the wheel (and what it requires), and a host beside it."""
    tmp = tmp_path_factory.mktemp("installed")
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=tmp, env=clean_env())
    python = venv / "bin" / "python"
    run(
        [python, "-m", "pip", "install", "--quiet", wheel],
        cwd=tmp,
        env=clean_env(PIP_DISABLE_PIP_VERSION_CHECK="1"),
        timeout=1200,
    )
    site_packages = run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        cwd=tmp,
        env=clean_env(),
    ).strip()

    host = tmp / "host"
    shutil.copytree(HOSTS / "minimal", host, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(HOSTS / "render_article.py", host / "render_article.py")
    env = clean_env(
        DJANGO_SETTINGS_MODULE="minimal_host.settings",
        HOST_DATABASE=str(tmp / "db.sqlite3"),
        HOST_MEDIA_ROOT=str(tmp / "media"),
    )
    return {"python": python, "site_packages": site_packages, "dir": host, "env": env}


def manage(host, *args) -> str:
    return run([host["python"], "manage.py", *args], cwd=host["dir"], env=host["env"])


def test_installed_package_is_imported_from_the_virtualenv(installed_host):
    location = run(
        [
            installed_host["python"],
            "-c",
            f"import {PACKAGE}; print({PACKAGE}.__file__)",
        ],
        cwd=installed_host["dir"],
        env=installed_host["env"],
    ).strip()

    assert Path(location).is_relative_to(installed_host["site_packages"])
    assert not Path(location).is_relative_to(ROOT)


def test_installed_package_checks_migrates_and_renders_an_article(installed_host):
    assert "System check identified no issues (0 silenced)." in manage(installed_host, "check")
    assert "No changes detected" in manage(installed_host, "makemigrations", "--check", "--dry-run")
    manage(installed_host, "migrate", "--no-input")
    css = manage(installed_host, "findstatic", f"{PACKAGE}/css/runstrength.css")
    assert installed_host["site_packages"] in css

    result = json.loads(
        run(
            [installed_host["python"], "render_article.py"],
            cwd=installed_host["dir"],
            env=installed_host["env"],
        )
    )

    assert Path(result["package_file"]).is_relative_to(installed_host["site_packages"])
    assert result["page_model"] == "wagtailcore.Page"
    assert result["article_parents"] == ["wagtailcore.Page"]
    assert result["article_status"] == 200
    assert "Single-leg strength for hill runners</h1>" in result["article_html"]
    assert "Start with step-ups</h2>" in result["article_html"]
    assert f'href="/static/{PACKAGE}/css/runstrength.css"' in result["article_html"]
    assert result["index_status"] == 200
    assert 'href="/strength/single-leg-strength/"' in result["index_html"]


def test_installed_package_speaks_french_german_and_spanish(installed_host):
    labels = manage(
        installed_host,
        "shell",
        "--no-imports",
        "-c",
        "from django.utils import translation\n"
        "for language in ('fr', 'de', 'es'):\n"
        "    with translation.override(language):\n"
        "        print(translation.gettext('Estimated read time'))",
    )
    assert labels.splitlines() == ["Temps de lecture estimé", "Geschätzte Lesezeit", "Tiempo de lectura estimado"]
