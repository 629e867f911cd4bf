"""The package's pages inside a host's own base template (``tests/hosts/layouts``).

Each layout is put in front of the app templates, as a host's ``templates/``
directory is, with its override of ``wagtail_runstrength/base.html``.
"""

import copy
import logging
import re
from pathlib import Path

import pytest
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from tests.factories import ExerciseFactory, LandingPageFactory, MuscleGroupFactory
from tests.test_article_page import full_article
from wagtail_runstrength.models import ExerciseLibraryPage

pytestmark = pytest.mark.django_db

LAYOUTS = Path(__file__).resolve().parent / "hosts" / "layouts"


@pytest.fixture
def use_layout(settings):
    def use(name: str):
        templates = copy.deepcopy(settings.TEMPLATES)
        templates[0]["DIRS"] = [str(LAYOUTS / name / "templates")]
        settings.TEMPLATES = templates

    return use


@pytest.fixture
def pages(site, index_page):
    library = ExerciseLibraryPage(title="Exercise library", slug="exercises")
    site.root_page.add_child(instance=library)
    muscle = MuscleGroupFactory(name="Calves")
    exercises = [ExerciseFactory(name=f"Heel drop {n}", target_muscles=[muscle]) for n in range(3)]
    article = full_article(
        index_page,
        exercises=exercises,
        title="Calves for hills",
        search_description="Three calf exercises for hilly routes.",
        tags=["hills"],
    )
    return {
        "article": article.url,
        "index": index_page.url,
        "tags": f"{index_page.url}tags/",
        "library": library.url,
        "exercise": f"{library.url}{exercises[0].slug}/",
    }


def count(pattern: str, html: str) -> int:
    return len(re.findall(pattern, html))


@pytest.mark.parametrize("name", ["article", "index", "tags", "library", "exercise"])
def test_wagtail_start_layout_gets_the_head_one_description_and_a_main(client, use_layout, pages, name):
    use_layout("start")
    response = client.get(pages[name])
    assert response.status_code == 200
    html = response.content.decode()
    head, body = html.split("</head>")
    assert "host-start" in body
    assert count(r'<link rel="stylesheet" href="/static/wagtail_runstrength/css/runstrength\.css">', head) == 1
    assert count(r'<script src="/static/wagtail_runstrength/js/runstrength\.js" defer>', head) == 1
    assert count(r'<link rel="canonical"', head) == 1
    assert count(r'<meta property="og:title"', head) == 1
    # The host prints its own description (when the page has one); the package adds none.
    assert count(r'<meta name="description"', html) <= 1
    assert count(r"<main\b", body) == 1
    assert '<main id="main" class="rs-main" lang="en">' in body
    assert "rs-layout-warning" not in html


def test_the_article_keeps_its_json_ld_and_the_hosts_one_description(client, use_layout, pages):
    use_layout("start")
    html = client.get(pages["article"]).content.decode()
    head = html.split("</head>")[0]
    assert count(r'<script type="application/ld\+json">', head) == 1
    assert count(r'<meta name="description" content="Three calf exercises for hilly routes\."', head) == 1
    assert count(r'<meta name="description"', head) == 1
    assert '<meta property="og:description" content="Three calf exercises for hilly routes.">' in head


def test_a_layout_with_its_own_main_gets_no_second_one(client, use_layout, pages):
    use_layout("with_main")
    html = client.get(pages["article"]).content.decode()
    assert count(r"<main\b", html) == 1
    assert '<main id="content">' in html
    # Inside the host's <main> the content still gets its language and the shell's spacing.
    assert '<div class="rs-main" lang="en">' in html
    # has_main=True does not drop the description: this layout prints none of its own.
    assert count(r'<meta name="description"', html) == 1
    assert "rs-layout-warning" not in html


def test_the_package_shell_has_one_main_and_no_notice(client, pages, settings):
    settings.DEBUG = True
    for url in pages.values():
        html = client.get(url).content.decode()
        assert count(r"<main\b", html) == 1, url
        assert "rs-layout-warning" not in html


def test_a_forgotten_head_tag_is_shown_in_debug_and_logged(client, use_layout, pages, settings, caplog):
    use_layout("no_head")
    settings.DEBUG = True
    with caplog.at_level(logging.WARNING, logger="wagtail_runstrength.layout"):
        html = client.get(pages["article"]).content.decode()
    assert count(r'class="rs-layout-warning" role="alert"', html) == 1
    assert "{% runstrength_head %}" in html
    assert "runstrength.css" not in html
    assert any("runstrength_head" in record.getMessage() for record in caplog.records)
    # Still a landmark, and still the page.
    assert count(r"<main\b", html) == 1
    assert "Calves for hills" in html


def test_a_forgotten_head_tag_is_only_logged_in_production(client, use_layout, pages, settings, caplog):
    use_layout("no_head")
    settings.DEBUG = False
    with caplog.at_level(logging.WARNING, logger="wagtail_runstrength.layout"):
        html = client.get(pages["library"]).content.decode()
    assert "rs-layout-warning" not in html
    assert any(record.name == "wagtail_runstrength.layout" for record in caplog.records)


def test_the_main_landmark_carries_the_pages_language(client, use_layout, site, settings):
    settings.WAGTAIL_I18N_ENABLED = True
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [("en", "English"), ("fr", "French")]
    use_layout("start")
    french = Locale.objects.create(language_code="fr")
    library = ExerciseLibraryPage(title="Exercices", slug="exercices", locale=french)
    site.root_page.add_child(instance=library)
    html = client.get(library.url).content.decode()
    # The host hard-codes <html lang="en">: the landmark says the content is French.
    assert '<html lang="en">' in html
    assert '<main id="main" class="rs-main" lang="fr">' in html


def test_a_hosts_own_page_type_gets_only_the_stylesheet_and_script(client, use_layout, site):
    use_layout("start")
    landing = LandingPageFactory(parent=site.root_page, title="Welcome", slug="welcome")
    request = RequestFactory().get(landing.url)
    html = Template("{% load wagtail_runstrength_tags %}{% runstrength_head %}").render(
        Context({"page": landing, "request": request})
    )
    assert "runstrength.css" in html
    assert "runstrength.js" in html
    assert "canonical" not in html
    assert "og:title" not in html
    assert "ld+json" not in html


def test_fallback_prints_the_packages_description_when_the_host_prints_none(client, use_layout, index_page):
    use_layout("start")
    article = full_article(index_page, exercises=[], title="Hill repeats", excerpt="Short, steep and strong.")
    head = client.get(article.url).content.decode().split("</head>")[0]
    assert article.search_description == ""
    assert count(r'<meta name="description" content="Short, steep and strong\."', head) == 1
    assert count(r'<meta name="description"', head) == 1


def render_head(page, **options) -> str:
    arguments = " ".join(f"{name}={value}" for name, value in options.items())
    source = "{% load wagtail_runstrength_tags %}{% runstrength_head " + arguments + " %}"
    return Template(source).render(Context({"page": page, "request": RequestFactory().get(page.url)}))


def test_description_false_leaves_it_to_the_host_and_a_bad_value_is_an_error(index_page):
    article = full_article(index_page, exercises=[], title="Hill repeats", excerpt="Short, steep and strong.")
    assert '<meta name="description"' in render_head(article)
    assert '<meta name="description"' not in render_head(article, description="False")
    assert '<meta property="og:description"' in render_head(article, description="False")
    with pytest.raises(TemplateSyntaxError, match="fallback"):
        render_head(article, description='"sometimes"')


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_host_layout_caches_the_content_and_an_edit_shows_at_once(client, use_layout, index_page):
    use_layout("start")
    exercises = [ExerciseFactory(name=f"Step-down {n}") for n in range(6)]
    article = full_article(index_page, exercises=exercises, title="Knees and stairs")
    cold = queries_for(client, article.url)
    warm = queries_for(client, article.url)
    # The content block comes from the fragment cache; the host's layout and the head tags are rendered.
    assert warm < cold / 2, (cold, warm)

    article.title = "Knees, stairs and hills"
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "Knees, stairs and hills</h1>" in html


def test_a_layout_that_always_prints_a_description_gets_the_packages_text_in_it(client, use_layout, pages, index_page):
    use_layout("themed")
    article = full_article(index_page, exercises=[], title="Hill repeats", excerpt="Short, steep & strong.")
    for url in [article.url, pages["exercise"], pages["index"]]:
        html = client.get(url).content.decode()
        head = html.split("</head>")[0]
        assert count(r'<meta name="description"', head) == 1, url
        assert count(r"<main\b", html) == 1, url
        assert "runstrength.css" in head
        assert "rs-layout-warning" not in html
    head = client.get(article.url).content.decode().split("</head>")[0]
    assert '<meta name="description" content="Short, steep &amp; strong.">' in head
    exercise_head = client.get(pages["exercise"]).content.decode().split("</head>")[0]
    assert '<meta name="description" content="Strengthens the legs for push-off.">' in exercise_head


def test_stylesheet_false_keeps_everything_but_the_stylesheet(index_page):
    article = full_article(index_page, exercises=[], title="Hill repeats")
    html = render_head(article, stylesheet="False")
    assert "runstrength.css" not in html
    assert "runstrength.js" in html
    assert "ld+json" in html and 'rel="canonical"' in html
