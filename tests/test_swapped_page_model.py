"""The package on a host that swaps Wagtail's base page model (``WAGTAIL_PAGE_MODEL``).

The host lives in ``tests/hosts/swapped``: ``hostbase.BasePage(AbstractPage)``
with Wagtail's three-step migrations, and a ``clinic`` app whose own article
pages are composed from the package's mixins. Every step runs in a fresh
interpreter with that host's settings, against one fresh SQLite file for the
module, because the page model is fixed once Django has loaded its apps.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
HOSTS = Path(__file__).resolve().parent / "hosts"
HOST_DIR = HOSTS / "swapped"


def run_host(env, *args):
    """Run ``args`` with the swapped host's settings; fail with its output if it fails."""
    result = subprocess.run(
        [sys.executable, *args],
        cwd=HOST_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, (
        f"{' '.join(args)} exited {result.returncode}\n--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
    )
    return result.stdout


def render(env, *args):
    """Publish an index and an article on the host, fetch both; see ``hosts/render_article.py``."""
    return json.loads(run_host(env, str(HOSTS / "render_article.py"), *args))


@pytest.fixture(scope="module")
def host_env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("swapped-host")
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        PYTHONPATH=os.pathsep.join([str(ROOT), str(HOST_DIR)]),
        DJANGO_SETTINGS_MODULE="swapped_host.settings",
        HOST_DATABASE=str(tmp / "db.sqlite3"),
        HOST_MEDIA_ROOT=str(tmp / "media"),
    )
    return env


@pytest.fixture(scope="module")
def migrated_host(host_env):
    run_host(host_env, "manage.py", "migrate", "--no-input")
    return host_env


def test_swapped_host_passes_system_checks(host_env):
    output = run_host(host_env, "manage.py", "check")

    assert "System check identified no issues (0 silenced)." in output


def test_swapped_host_needs_no_new_migrations_for_the_package_or_its_base_page(
    host_env,
):
    output = run_host(host_env, "manage.py", "makemigrations", "--check", "--dry-run")

    assert "No changes detected" in output


def test_package_article_pages_sit_on_the_hosts_base_page_and_render(migrated_host):
    result = render(migrated_host, "--related-posts")

    assert result["page_model"] == "hostbase.BasePage"
    assert result["package_file"] == str(ROOT / "wagtail_runstrength" / "__init__.py")
    assert "wagtail_runstrength.ArticleIndexPage" in result["page_models"]
    assert "wagtail_runstrength.ArticlePage" in result["page_models"]
    assert result["article_parents"] == ["hostbase.BasePage"]
    assert result["article_class"] == "wagtail_runstrength.ArticlePage"
    assert result["article_live"] is True

    assert result["article_status"] == 200
    html = result["article_html"]
    assert "Single-leg strength for hill runners</h1>" in html
    assert '<h2 id="start-with-step-ups"' in html
    assert "Start with step-ups</h2>" in html
    assert "<p>Step onto a knee-high box and stand tall.</p>" in html

    assert result["index_status"] == 200
    assert 'href="/strength/single-leg-strength/"' in result["index_html"]


def test_host_pages_composed_from_the_mixins_render(migrated_host):
    result = render(
        migrated_host,
        "--index-model=clinic.ClinicArticleIndexPage",
        "--article-model=clinic.ClinicArticlePage",
        "--index-slug=clinic-blog",
        "--title=Calf raises for a happy Achilles",
    )

    assert "clinic.ClinicArticlePage" in result["page_models"]
    assert result["article_parents"] == ["hostbase.BasePage"]
    assert result["article_status"] == 200
    assert "Calf raises for a happy Achilles</h1>" in result["article_html"]
    assert "Start with step-ups</h2>" in result["article_html"]

    # The index lists its own article model (``article_model_name``), not the package's.
    assert result["index_status"] == 200
    assert 'href="/clinic-blog/single-leg-strength/"' in result["index_html"]
    assert "Single-leg strength for hill runners" not in result["index_html"]


def test_related_posts_block_renders_on_a_page_composed_from_the_mixins(migrated_host):
    result = render(
        migrated_host,
        "--index-model=clinic.ClinicArticleIndexPage",
        "--article-model=clinic.ClinicArticlePage",
        "--index-slug=clinic-related",
        "--related-posts",
    )

    assert result["article_status"] == 200
