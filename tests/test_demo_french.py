"""``DEMO_LANGUAGES=en,fr make demo``: the example clinic in English and French, loaded as a newcomer would.

Runs ``example_project/manage.py`` in subprocesses against a throwaway SQLite
file, as ``tests/test_demo_command.py`` does, with ``DEMO_LANGUAGES=en,fr``.
"""

import pytest

from tests.test_demo_command import runner

FRENCH_SCRIPT = """
import json
from django.test import Client
from django.test.utils import setup_test_environment
from wagtail.models import Locale, Page
from wagtail_runstrength.models import ArticlePage, ExerciseSnippet, MuscleGroup

setup_test_environment()
client = Client()
french = Locale.objects.get(language_code="fr")
article = ArticlePage.objects.get(slug="tendon-achille-prevenir")
library = Client().get("/fr/exercices/?muscle=calves")
print(json.dumps({
    "pages": {page.url: client.get(page.url).status_code for page in Page.objects.filter(locale=french).specific()},
    "article_locale": article.locale.language_code,
    "article_html": client.get(article.url).content.decode(),
    "english_articles": ArticlePage.objects.live().filter(locale=Locale.get_default()).count(),
    "french_exercises": sorted(ExerciseSnippet.objects.live().filter(locale=french).values_list("name", flat=True)),
    "french_muscles": MuscleGroup.objects.filter(locale=french).count(),
    "library_status": library.status_code,
    "library_html": library.content.decode(),
}))
"""


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bilingual")
    (folder / "media").mkdir()
    run = runner(folder, DEMO_LANGUAGES="en,fr")
    run("migrate", "--no-input", "-v", "0")
    run.first_load = run("load_runstrength_demo")
    return run


@pytest.mark.slow
def test_the_bilingual_demo_serves_french_pages_beside_the_english(bilingual):
    assert "0 already there" in bilingual.first_load
    state = bilingual.shell_json(FRENCH_SCRIPT)
    assert state["pages"] == {
        "/fr/": 200,
        "/fr/blogue/": 200,
        "/fr/exercices/": 200,
        "/fr/blogue/renforcement-coureurs-par-ou-commencer/": 200,
        "/fr/blogue/tendon-achille-prevenir/": 200,
    }
    assert state["english_articles"] == 4
    assert state["article_locale"] == "fr"
    assert len(state["french_exercises"]) == 6 and "Pont fessier" in state["french_exercises"]
    assert state["french_muscles"] == 12  # the seeded groups, in French


@pytest.mark.slow
def test_a_french_demo_article_reads_in_french(bilingual):
    state = bilingual.shell_json(FRENCH_SCRIPT)
    html = state["article_html"]
    assert '<html lang="fr"' in html
    assert "Temps de lecture estimé" in html and "Estimated read time" not in html
    assert "Descente de talon excentrique" in html
    # The French exercise still links to the English calf group; the reader sees the French one.
    assert "Mollets (gastrocnémiens et soléaire)" in html and "Calves (gastrocnemius" not in html
    assert "Prévention des blessures" in html
    assert "Maya Okafor" in html
    # The site's call to action in French, leading to the French home page.
    assert "Courez plus fort avec un programme fait pour vous" in html and "Run stronger with a plan" not in html
    library = state["library_html"]
    assert state["library_status"] == 200
    assert "Descente de talon excentrique" in library and "Eccentric heel drop" not in library


@pytest.mark.slow
def test_loading_the_bilingual_demo_again_creates_nothing(bilingual):
    again = bilingual("load_runstrength_demo")
    assert "Demo content ready: 0 created" in again
