"""README's "Add it to an existing Wagtail site", followed literally on sites made by ``wagtail start``.

The steps are read from README.md: each code block there is preceded by an
HTML comment ``<!-- readme-install: KIND [ARGUMENT] -->`` and is applied as it
is written (the settings block appended to the settings module, the urls block
to ``urls.py``, the template written where the step says, shell lines run in
the site). The one substitution: ``pip install wagtail-runstrength`` installs
the wheel built from this checkout. So README and this test cannot drift: a
step that does not work as written fails here.

Two sites: the plain ``wagtail start`` site, and one whose image model is its
own (``WAGTAILIMAGES_IMAGE_MODEL``), set up before the package arrives, as an
agency site would be.
"""

import json
import re
import sys
import textwrap
from pathlib import Path

import pytest
import wagtail

from tests.test_packaging import ROOT, clean_env, run, wheel  # noqa: F401 (the wheel fixture)

pytestmark = pytest.mark.slow

README = ROOT / "README.md"
STEP = re.compile(
    r"^(?P<indent>[ \t]*)<!-- readme-install: (?P<kind>\w+)(?: (?P<argument>\S+))? -->\n"
    r"(?P=indent)```\w*\n(?P<code>.*?)^(?P=indent)```",
    re.MULTILINE | re.DOTALL,
)
CONTENT_SCRIPT = Path(__file__).resolve().parent / "hosts" / "readme_site_content.py"

CUSTOM_IMAGE_MODELS = """
from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class StudioImage(AbstractImage):
    photographer = models.CharField(max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "photographer")


class StudioRendition(AbstractRendition):
    image = models.ForeignKey(StudioImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
"""


def readme_steps() -> list[tuple[str, str, str]]:
    """(kind, argument, code) for every marked block of the install section, in order."""
    text = README.read_text()
    section = text[text.index("## Add it to an existing Wagtail site") :]
    section = section[: section.index("\n## ", 1)]
    steps = []
    for match in STEP.finditer(section):
        code = textwrap.dedent("\n".join(line[len(match["indent"]) :] for line in match["code"].splitlines()))
        steps.append((match["kind"], match["argument"] or "", code))
    return steps


def test_the_readme_marks_every_install_block():
    text = README.read_text()
    section = text[text.index("## Add it to an existing Wagtail site") :]
    section = section[: section.index("\n## ", 1)]
    fences = len(re.findall(r"^\s*```\w+$", section, re.MULTILINE))
    steps = readme_steps()
    assert [kind for kind, _argument, _code in steps] == ["shell", "settings", "urls", "template", "shell"]
    assert len(steps) == fences, "every code block of the install section is applied by this test"


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory):  # noqa: F811 (the imported fixture)
    tmp = tmp_path_factory.mktemp("readme")
    run([sys.executable, "-m", "venv", tmp / "venv"], cwd=tmp, env=clean_env())
    # The site exists before the package: Wagtail first (the version this suite runs), as a host has it.
    run(
        [tmp / "venv" / "bin" / "pip", "install", "--quiet", f"wagtail=={wagtail.__version__}"],
        cwd=tmp,
        env=clean_env(PIP_DISABLE_PIP_VERSION_CHECK="1"),
        timeout=1200,
    )
    return {"bin": tmp / "venv" / "bin", "wheel": wheel, "tmp": tmp}


def apply_readme(site: Path, project: str, venv) -> None:
    env = clean_env(PIP_DISABLE_PIP_VERSION_CHECK="1")
    for kind, argument, code in readme_steps():
        if kind == "shell":
            for line in code.splitlines():
                if line == "pip install wagtail-runstrength":
                    run([venv["bin"] / "pip", "install", "--quiet", venv["wheel"]], cwd=site, env=env, timeout=1200)
                elif line.startswith("python manage.py "):
                    run([venv["bin"] / "python", "manage.py", *line.split()[2:]], cwd=site, env=env)
                else:
                    raise AssertionError(f"README shell line this test cannot run: {line!r}")
        elif kind == "settings":
            with (site / project / "settings" / "base.py").open("a") as settings:
                settings.write("\n" + code)
        elif kind == "urls":
            with (site / project / "urls.py").open("a") as urls:
                urls.write("\n" + code)
        elif kind == "template":
            target = site / project / "templates" / argument
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(code)
        else:
            raise AssertionError(f"unknown README step {kind!r}")


def new_site(venv, name: str, *, before_package=None) -> dict:
    """``wagtail start NAME``, then README's steps, then an editor's content."""
    env = clean_env(PIP_DISABLE_PIP_VERSION_CHECK="1")
    run([venv["bin"] / "wagtail", "start", name], cwd=venv["tmp"], env=env)
    site = venv["tmp"] / name
    if before_package:
        before_package(site)
    apply_readme(site, name, venv)

    def manage(*args) -> str:
        return run([venv["bin"] / "python", "manage.py", *args], cwd=site, env=env)

    content = json.loads(manage("shell", "--no-imports", "--command", CONTENT_SCRIPT.read_text()))
    return {"manage": manage, "content": content, "dir": site}


def add_custom_image_model(site: Path) -> None:
    app = site / "studio"
    (app / "migrations").mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "migrations" / "__init__.py").write_text("")
    (app / "models.py").write_text(CUSTOM_IMAGE_MODELS)
    (app / "apps.py").write_text(
        "from django.apps import AppConfig\n\n\nclass StudioConfig(AppConfig):\n"
        '    name = "studio"\n    default_auto_field = "django.db.models.BigAutoField"\n'
    )
    with (site / site.name / "settings" / "base.py").open("a") as settings:
        settings.write('\nINSTALLED_APPS += ["studio"]\nWAGTAILIMAGES_IMAGE_MODEL = "studio.StudioImage"\n')


@pytest.fixture(scope="module")
def start_site(venv):
    return new_site(venv, "clinicsite")


@pytest.fixture(scope="module")
def custom_image_site(venv, start_site):
    def before_package(site):
        add_custom_image_model(site)
        run([venv["bin"] / "python", "manage.py", "makemigrations", "studio"], cwd=site, env=clean_env())

    return new_site(venv, "studiosite", before_package=before_package)


def check_site(site) -> None:
    assert "System check identified no issues" in site["manage"]("check")
    assert "No changes detected" in site["manage"]("makemigrations", "--check", "--dry-run")


def check_article(content: dict, project: str) -> None:
    assert content["article"]["status"] == 200
    html = content["article"]["html"]
    head, body = html.split("</head>")
    # The host's own layout: its stylesheet, its title pattern; the package's head tags inside it.
    assert f"/static/css/{project}.css" in head
    assert "/static/wagtail_runstrength/css/runstrength.css" in head
    assert '<link rel="canonical" href="http://localhost/strength/single-leg-strength/">' in head
    assert "application/ld+json" in head
    assert len(re.findall(r'<meta name="description"', head)) == 1
    assert len(re.findall(r"<main\b", body)) == 1
    assert "rs-layout-warning" not in html
    assert "Single-leg strength for hill runners</h1>" in body
    for name in ("Box step-up", "Hamstring bridge", "Single-leg calf raise"):
        assert name in body
    assert "Keep reading" in body and "Warming up for hill repeats" in body
    assert "An unfinished draft" not in body
    assert 'alt="A runner climbing a steep grassy hill"' in body
    assert content["renditions"] > 0
    assert content["index"]["status"] == 200 and "Warming up for hill repeats" in content["index"]["html"]
    assert content["exercise"]["status"] == 200 and "Single-leg calf raise" in content["exercise"]["html"]


def check_api(content: dict) -> None:
    titles = [item["title"] for item in content["api_v2_articles"]["items"]]
    assert sorted(titles) == ["Single-leg strength for hill runners", "Warming up for hill repeats"]
    body_types = [block["type"] for block in content["api_v2_article"]["body"]]
    assert body_types == ["heading", "exercise_group", "exercise", "related_posts"]
    assert content["api_v3_exercises"], "/api/v3/exercises/ answered"
    slugs = sorted(item["slug"] for item in content["api_v3_exercises"]["items"])
    assert slugs == ["box-step-up", "hamstring-bridge", "single-leg-calf-raise"]
    assert "/api/v3/exercises/" in content["api_v3_openapi"]


def test_wagtail_start_site_followed_the_readme_literally(start_site):
    check_site(start_site)
    check_article(start_site["content"], "clinicsite")
    check_api(start_site["content"])
    assert start_site["content"]["image_model"] == "wagtailimages.Image"


def test_the_sites_own_search_view_finds_articles_by_exercise_and_muscle(start_site):
    # wagtail start's search view, unchanged: Page.objects.live().search(query).
    for query in ("search_by_exercise", "search_by_muscle"):
        html = start_site["content"][query]
        assert ">Single-leg strength for hill runners</a>" in html, query
        assert "An unfinished draft" not in html


def test_the_readme_on_a_site_with_its_own_image_model(custom_image_site):
    check_site(custom_image_site)
    content = custom_image_site["content"]
    assert content["image_model"] == "studio.StudioImage"
    assert content["hero_image_model"] == "studio.StudioImage"
    check_article(content, "studiosite")
    check_api(content)
    # The package's migration created its image foreign keys against the site's model.
    migrations = custom_image_site["manage"]("showmigrations", "wagtail_runstrength", "studio")
    assert "[X] 0001_initial" in migrations
