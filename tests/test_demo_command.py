"""The demo project's commands, run as a newcomer would: migrate, load the demo twice, log in.

Runs ``example_project/manage.py`` in subprocesses against a throwaway SQLite
file and media folder, so it exercises the real settings and leaves nothing
behind. The database is migrated once, and loaded once, per module; each test
starts from a copy.

``make demo`` runs ``load_runstrength_demo`` every time, so the loader must be
safe to run again: it never brings back what editors deleted, never overwrites
what they changed, and never takes over a site or deletes a page it did not make.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MANAGE = REPO / "example_project" / "manage.py"
GUIDE_EXERCISES = [
    "Squat to calf raise",
    "Bulgarian split lunge",
    "Side hip abduction",
    "Lateral step up",
]

COUNTS_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site
from wagtail_runstrength.models import (
    ArticleCategory, ArticlePage, Clinician, ExerciseSnippet, RunStrengthSettings,
)

print(json.dumps({
    "pages": Page.objects.count(),
    "articles": ArticlePage.objects.live().count(),
    "exercises": ExerciseSnippet.objects.count(),
    "published_exercises": ExerciseSnippet.objects.filter(
        live=True, live_revision__isnull=False
    ).count(),
    "images": get_image_model().objects.count(),
    "revisions": Revision.objects.count(),
    "categories": ArticleCategory.objects.count(),
    "clinicians": Clinician.objects.count(),
    "tags": Tag.objects.count(),
    "sites": Site.objects.count(),
    "settings": RunStrengthSettings.objects.count(),
    "superusers": get_user_model().objects.filter(is_superuser=True).count(),
}))
"""

PAGE_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import setup_test_environment
from wagtail.models import Page, Site
from wagtail_runstrength.models import ArticlePage

setup_test_environment()
guide = ArticlePage.objects.get(slug="essential-guide-strength-training-runners")
response = Client().get(guide.url)
site = Site.objects.get(is_default_site=True)
admin = get_user_model().objects.get(username="admin")
print(json.dumps({
    "live": guide.live,
    "read_time_minutes": guide.read_time_minutes,
    "status": response.status_code,
    "html": response.content.decode(),
    "site_root": type(site.root_page.specific).__name__,
    "welcome_pages": Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).count(),
    "admin_password_ok": admin.check_password("s3cret-demo") and admin.is_superuser,
}))
"""


def runner(folder: Path, **extra_env: str):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic_site.settings",
        "DJANGO_DEBUG": "1",  # as `make demo` runs these commands; no DJANGO_SECRET_KEY needed then
        "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
        "RUNSTRENGTH_MEDIA_ROOT": str(folder / "media"),
        "DEMO_ADMIN_PASSWORD": "s3cret-demo",
        "PORT": "8123",
        **extra_env,
    }
    env.pop("REDIS_URL", None)
    env.pop("DJANGO_SECRET_KEY", None)

    def run(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, str(MANAGE), *args],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def shell_json(script: str) -> dict:
        output = run("shell", "--no-imports", "-c", script)
        return json.loads(output.strip().splitlines()[-1])

    run.shell_json = shell_json
    return run


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """A migrated database, and the same with the demo loaded once, to copy from."""
    migrated = tmp_path_factory.mktemp("migrated")
    (migrated / "media").mkdir()
    runner(migrated)("migrate", "--no-input", "-v", "0")
    loaded = tmp_path_factory.mktemp("loaded")
    shutil.copytree(migrated, loaded, dirs_exist_ok=True)
    runner(loaded)("load_runstrength_demo")
    return {"migrated": migrated, "loaded": loaded}


def copy_of(templates, name: str, tmp_path: Path):
    shutil.copytree(templates[name], tmp_path, dirs_exist_ok=True)
    return runner(tmp_path)


@pytest.fixture
def manage(templates, tmp_path):
    """A freshly migrated database, as after ``make demo``'s migrate step."""
    return copy_of(templates, "migrated", tmp_path)


@pytest.fixture
def loaded(templates, tmp_path):
    """A database the demo was loaded into once."""
    return copy_of(templates, "loaded", tmp_path)


@pytest.mark.slow
def test_demo_loads_once_and_renders_the_full_guide(manage, tmp_path):
    first = manage("load_runstrength_demo")
    assert "0 already there" in first
    manage("ensure_demo_admin")
    after_first = manage.shell_json(COUNTS_SCRIPT)

    second = manage("load_runstrength_demo")
    assert "Demo content ready: 0 created" in second
    login = manage("ensure_demo_admin")
    assert "Admin login: admin / s3cret-demo at http://127.0.0.1:8123/admin/" in login
    after_second = manage.shell_json(COUNTS_SCRIPT)

    assert after_second == after_first
    assert after_first["articles"] == 4
    assert after_first["exercises"] >= 8
    assert after_first["published_exercises"] == after_first["exercises"]
    assert after_first["superusers"] == 1
    assert (tmp_path / "media" / "original_images").is_dir()

    page = manage.shell_json(PAGE_SCRIPT)
    assert page["site_root"] == "HomePage"
    assert page["welcome_pages"] == 0
    assert page["admin_password_ok"]
    assert page["live"]
    assert page["read_time_minutes"] >= 2
    assert page["status"] == 200
    html = page["html"]
    for name in GUIDE_EXERCISES:
        assert name in html
    assert 'class="rs-root rs-related"' in html
    # The editor's pick first, then automatic matches by tag and category.
    assert html.index("A two-minute dynamic warm-up for runners") < html.index("Back pain and golf")
    assert "How to choose trail running shoes" in html


STATE_SCRIPT = """
import json
from wagtail.models import Page, Site
from wagtail_runstrength.models import ArticlePage, ExerciseSnippet, RunStrengthSettings
from clinic.models import HomePage

site = Site.objects.get(is_default_site=True)
settings = RunStrengthSettings.objects.filter(site=site).first()
home = HomePage.objects.first()
print(json.dumps({
    "site_root": [site.root_page_id, site.root_page.title],
    "pages": sorted(Page.objects.filter(depth__gt=1).values_list("pk", "title", "live")),
    "exercises": sorted(ExerciseSnippet.objects.values_list("pk", "slug")),
    "settings": settings and [settings.clinic_name, settings.cta_heading, settings.cta_button_label],
    "home": home and [home.pk, home.title],
}))
"""

EDITORS_CHANGES = """
from wagtail.models import Site
from wagtail_runstrength.models import ArticlePage, ExerciseSnippet, RunStrengthSettings
from clinic.models import HomePage

settings = RunStrengthSettings.objects.get()
settings.clinic_name = ""
settings.cta_heading = "Book a gait analysis"
settings.save()
home = HomePage.objects.get()
home.title = "Northside Physio"
home.save_revision().publish()
ArticlePage.objects.get(slug="two-minute-dynamic-warm-up").delete()
# The warm-up was the only published content using it, so the delete guard lets it go.
ExerciseSnippet.objects.get(slug="tibialis-raise").delete()
print("{}")
"""


@pytest.mark.slow
def test_a_second_run_leaves_editors_changes_and_deletions_alone(loaded):
    loaded.shell_json(EDITORS_CHANGES)
    before = loaded.shell_json(STATE_SCRIPT)

    again = loaded("load_runstrength_demo")  # as the next `make demo` does

    assert "Demo content ready: 0 created, 37 already there, 2 deleted since and left out." in again
    assert "  article: 0 created, 3 already there, 1 deleted since and left out" in again
    after = loaded.shell_json(STATE_SCRIPT)
    assert after == before
    assert after["settings"] == ["", "Book a gait analysis", "Book an assessment"]
    assert after["home"][1] == "Northside Physio"
    assert "tibialis-raise" not in [slug for _, slug in after["exercises"]]
    assert "A two-minute dynamic warm-up for runners" not in [title for _, title, _ in after["pages"]]


WELCOME_PAGE_EDITED = """
from wagtail.models import Site

home = Site.objects.get(is_default_site=True).root_page
home.title = "Northside clinic: our own home page"
home.save_revision().publish()
print("{}")
"""

WELCOME_PAGE_UNPUBLISHED = """
from wagtail.models import Site

Site.objects.get(is_default_site=True).root_page.unpublish()
print("{}")
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("script", "title"),
    [
        (WELCOME_PAGE_EDITED, "Northside clinic: our own home page"),
        (WELCOME_PAGE_UNPUBLISHED, "Welcome to your new Wagtail site!"),
    ],
    ids=["edited-and-published", "unpublished"],
)
def test_a_welcome_page_an_editor_worked_on_keeps_the_default_site_and_is_never_deleted(manage, script, title):
    manage.shell_json(script)
    before = manage.shell_json(STATE_SCRIPT)

    output = manage("load_runstrength_demo")

    assert f"Left site localhost as it is: it shows “{title}”" in output
    assert "Start reading at" not in output
    after = manage.shell_json(STATE_SCRIPT)
    assert after["site_root"] == before["site_root"] == [before["pages"][0][0], title]
    assert before["pages"][0] in after["pages"]  # the editors' page is still there, as they left it
    # The demo itself is loaded beside it, for an administrator to point a site at.
    assert after["home"][1] == "Run stronger, stay injury-free" and after["settings"] is None
    assert len(after["exercises"]) == 10
    # Run again, it still leaves the site alone.
    assert "Demo content ready: 0 created" in manage("load_runstrength_demo")
    assert manage.shell_json(STATE_SCRIPT) == after


OWN_ARTICLE = """
from wagtail_runstrength.models import ArticleIndexPage, ArticlePage, ExerciseSnippet, RunStrengthSettings

blog = ArticleIndexPage.objects.get(slug="blog")
bird_dog = ExerciseSnippet.objects.get(slug="bird-dog")
mine = ArticlePage(title="Core work on the road", slug="core-work", body=[{"type": "exercise", "value": {"exercise": bird_dog.pk}}])
blog.add_child(instance=mine)
mine.save_revision().publish()
settings = RunStrengthSettings.objects.get()
settings.cta_heading = "Book a gait analysis"
settings.save()
ArticlePage.objects.get(slug="back-pain-and-golf").delete()
print("{}")
"""


@pytest.mark.slow
def test_reset_starts_over_but_keeps_what_editors_content_depends_on(loaded):
    loaded.shell_json(OWN_ARTICLE)
    before = loaded.shell_json(STATE_SCRIPT)

    output = loaded("load_runstrength_demo", "--reset")

    assert "Kept page “Blog”: pages that the demo did not make are below it." in output
    assert (
        "Kept: “Bird dog” cannot be deleted: 1 published item uses it: “Core work on the road” (article page)."
        in output
    )
    after = loaded.shell_json(STATE_SCRIPT)
    titles = [title for _, title, live in after["pages"] if live]
    assert "Core work on the road" in titles and "Back pain and golf: protecting your spine on the course" in titles
    assert after["settings"] == [
        "Northside Running Clinic",
        "Run stronger with a plan made for you",
        "Book an assessment",
    ]
    assert after["home"] == before["home"] and after["site_root"] == before["site_root"]
    bird_dog = [pk for pk, slug in before["exercises"] if slug == "bird-dog"]
    assert [pk for pk, slug in after["exercises"] if slug == "bird-dog"] == bird_dog
    assert len(after["exercises"]) == 10


@pytest.mark.slow
def test_reset_on_an_untouched_demo_rebuilds_it_on_the_same_site(loaded):
    before = loaded.shell_json(STATE_SCRIPT)
    output = loaded("load_runstrength_demo", "--reset")
    assert "Demo content ready: 39 created, 0 already there." in output
    after = loaded.shell_json(STATE_SCRIPT)
    assert after["site_root"][1] == "Run stronger, stay injury-free" and after["home"][0] != before["home"][0]
    assert after["site_root"][0] == after["home"][0]
    assert len(after["pages"]) == len(before["pages"]) and len(after["exercises"]) == 10


FORGET_RECORDS = """
from clinic.models import DemoRecord
DemoRecord.objects.all().delete()
print("{}")
"""


@pytest.mark.slow
def test_a_demo_loaded_before_records_existed_is_adopted_without_changes(loaded):
    loaded.shell_json(FORGET_RECORDS)
    before = loaded.shell_json(STATE_SCRIPT)
    assert "Demo content ready: 0 created, 39 already there." in loaded("load_runstrength_demo")
    loaded.shell_json(EDITORS_CHANGES)
    assert "2 deleted since and left out" in loaded("load_runstrength_demo")
    # --reset deletes only what the loader itself made: here, nothing.
    loaded("load_runstrength_demo", "--reset")
    after = loaded.shell_json(STATE_SCRIPT)
    assert after["home"][0] == before["home"][0] and len(after["exercises"]) == 9


REVIEW_SCRIPT = """
import json
from wagtail.models import Workflow, WorkflowPage
from wagtail_runstrength.models import ArticleIndexPage, ClinicalReview
from wagtail_runstrength.review_items import due_items

blog = ArticleIndexPage.objects.get()
print(json.dumps({
    "states": sorted(str(item.status.state) for item in due_items() if item.kind == "article"),
    "reviews": ClinicalReview.objects.count(),
    "blog_workflow": WorkflowPage.objects.get(page=blog).workflow.name,
    "task": type(Workflow.objects.get(name="Clinical review").tasks.get().specific).__name__,
}))
"""


@pytest.mark.slow
def test_the_demo_has_overdue_reviews_on_purpose_and_the_clinical_review_workflow(loaded):
    state = loaded.shell_json(REVIEW_SCRIPT)
    # Four articles: the fixed 2025 reviews are overdue, one recent review is current (not listed),
    # one falls inside the due-soon window.
    assert state["states"] == ["due_soon", "overdue", "overdue"]
    assert state["reviews"] == 4
    assert state["blog_workflow"] == "Clinical review"
    assert state["task"] == "ClinicalReviewTask"
    output = loaded("runstrength_review_reminders")
    assert output.startswith("Sent 0 reminder(s)")  # the demo clinicians have no login to e-mail
