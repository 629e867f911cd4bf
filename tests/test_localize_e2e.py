"""End to end with wagtail-localize: an English clinic translated into French through wagtail-localize's own API.

The home page, the blog index, the exercise library, an article with every
block, a second article and their exercises, category and clinicians are
translated the way the admin's "Translate" does it (a ``TranslationSource``
per object, translated strings, ``Translation.save_target(publish=True)``),
then read as a French reader and a French API client would.

Needs the bilingual test host: ``pytest --ds=tests.settings_localize tests/test_localize_e2e.py``
(``.ci/run`` runs it so on SQLite and PostgreSQL). Under the package's usual
test host the module is skipped.
"""

import json
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticleCategoryFactory,
    ArticleIndexPageFactory,
    ArticlePageFactory,
    ClinicianFactory,
    ExerciseFactory,
    ImageFactory,
)
from tests.test_host_landing_page import every_block

if not apps.is_installed("wagtail_localize"):
    pytest.skip(
        "needs wagtail-localize and the bilingual host: pytest --ds=tests.settings_localize", allow_module_level=True
    )

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from wagtail_runstrength.models import ExerciseLibraryPage, ExerciseSnippet, MuscleGroup

pytestmark = pytest.mark.django_db

# What a translator would type for the strings the checks read; anything else is marked "[fr]".
FRENCH = {
    "Blog": "Blogue",
    "Exercise library": "Bibliothèque d'exercices",
    "Strength for runners": "La force pour les coureurs",
    "Two-minute warm-up": "Échauffement de deux minutes",
    "Squat": "Squat",
    "Heel raise": "Montée sur pointes",
    "Glute bridge": "Pont fessier",
    "Strength": "Renforcement",
    "Physical therapist": "Kinésithérapeute",
    "Builds the legs for push-off.": "Renforce les jambes pour la poussée.",
}


def in_french(text: str) -> str:
    return FRENCH.get(text, f"[fr] {text}")


def translate(instance, french, django_capture_on_commit_callbacks):
    """Translate ``instance`` as the admin does: extract its strings, translate them, save and publish the target."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation.objects.create(source=source, target_locale=french)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=french,
            context=segment.context,
            data=in_french(segment.string.data),
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    return type(instance).objects.get(translation_key=instance.translation_key, locale=french)


@pytest.fixture
def clinic(site, django_capture_on_commit_callbacks):
    """An English clinic (home, blog, library, two articles, three exercises) and its French translation."""
    muscles = {group.slug: group for group in MuscleGroup.objects.filter(locale=Locale.get_default())}
    squat = ExerciseFactory(name="Squat", slug="squat", target_muscles=[muscles["quadriceps"], muscles["glute-max"]])
    heel = ExerciseFactory(name="Heel raise", slug="heel-raise", target_muscles=[muscles["calves"]])
    bridge = ExerciseFactory(name="Glute bridge", slug="glute-bridge", target_muscles=[muscles["glute-max"]])
    squat.progressions.add(heel)
    squat.save()
    for exercise in (squat, heel, bridge):
        exercise.summary = "Builds the legs for push-off."
        exercise.save()
    index = ArticleIndexPageFactory(parent=site.root_page, title="Blog", slug="blog")
    library = ExerciseLibraryPage(title="Exercise library", slug="exercises")
    site.root_page.add_child(instance=library)
    category = ArticleCategoryFactory(name="Strength", slug="strength")
    author = ClinicianFactory(name="Dana Ortiz", role="Physical therapist")
    warm_up = ArticlePageFactory(
        parent=index,
        title="Two-minute warm-up",
        slug="warm-up",
        category=category,
        body=[("exercise", {"exercise": heel})],
    )
    warm_up.tags.add("running")
    warm_up.save_revision().publish()
    article = ArticlePageFactory(
        parent=index,
        title="Strength for runners",
        slug="strength",
        category=category,
        author=author,
        reviewer=author,
        hero_image=ImageFactory(),
        body=every_block(
            exercise=squat,
            group=[heel, bridge],
            image=ImageFactory(),
            picks=[warm_up],
            cta_page=index,
            link_target=warm_up,
        ),
    )
    article.tags.add("running")
    article.save_revision().publish()

    french = Locale.objects.create(language_code="fr")
    translated = {}
    # The squat's progression (the heel raise) is translated first, so the squat's copy links to it.
    for name, instance in [
        ("heel", heel),
        ("bridge", bridge),
        ("squat", squat),
        ("category", category),
        ("author", author),
        ("home", site.root_page.specific),
        ("index", index),
        ("library", library),
        ("warm_up", warm_up),
        ("article", article),
    ]:
        translated[name] = translate(instance, french, django_capture_on_commit_callbacks)
    # wagtail-localize leaves numchild stale on the tree it copied into (its issue 773): the host step docs/translation.md names.
    call_command("fixtree", interactive=False, verbosity=0)
    return {"en": {"article": article, "index": index, "library": library, "squat": squat}, "fr": translated}


def test_wagtail_localize_made_live_french_copies_of_everything(clinic):
    french = clinic["fr"]
    assert all(obj.locale.language_code == "fr" for obj in french.values())
    assert french["article"].live and french["home"].live and french["squat"].live
    assert french["article"].title == "La force pour les coureurs"
    # The exercise cards of the French article point at the French exercises (wagtail-localize's related objects).
    picked = {block.value["exercise"].pk for block in french["article"].body if block.block_type == "exercise"}
    assert picked == {french["squat"].pk}
    # wagtail-localize copied the English muscle groups; saving the copy linked their French translations.
    assert set(french["squat"].target_muscles.values_list("locale__language_code", flat=True)) == {"fr"}
    # Every block type the body offers is in the translated article.
    offered = set(type(french["article"]).body.field.stream_block.child_blocks)
    assert {block.block_type for block in french["article"].body} == offered


def test_french_article_reads_in_french(client, clinic):
    page = clinic["fr"]["article"]
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.url.startswith("/fr/")
    html = response.content.decode()
    assert 'lang="fr"' in html
    assert "Temps de lecture estimé" in html and "Estimated read time" not in html
    assert "Montée sur pointes" in html and "Pont fessier" in html
    assert "Grand fessier" in html and "Gluteus maximus" not in html
    assert '<p class="rs-article__category">Renforcement</p>' in html


def test_french_article_json_ld_and_hreflang(client, clinic):
    french_page, english_page = clinic["fr"]["article"], clinic["en"]["article"]
    html = client.get(french_page.url).content.decode()
    blocks = [
        json.loads(found) for found in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    assert blocks, "no JSON-LD"
    assert '"inLanguage": "fr"' in json.dumps(blocks)
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert alternates["fr"].endswith(french_page.url)
    assert alternates["en"].endswith(english_page.url)
    assert alternates["x-default"] == alternates["en"]
    english_html = client.get(english_page.url).content.decode()
    assert f'hreflang="fr" href="{alternates["fr"]}"' in english_html


def test_french_library_and_exercise_pages(client, clinic):
    library = clinic["fr"]["library"]
    response = client.get(library.url + "?muscle=calves")
    assert response.status_code == 200
    assert [exercise.name for exercise in response.context["exercises"]] == ["Montée sur pointes"]
    html = response.content.decode()
    assert "Mollets (gastrocnémiens et soléaire)" in html
    exercise_page = client.get(library.url + "squat/")
    assert exercise_page.status_code == 200
    exercise_html = exercise_page.content.decode()
    assert "Quadriceps" in exercise_html and "Grand fessier" in exercise_html
    # The progression links to the French heel raise, in the French library.
    assert f'href="{library.url}heel-raise/"' in exercise_html
    assert "Montée sur pointes" in exercise_html


def test_french_index_feeds_related_posts_and_library_links(client, clinic):
    french = clinic["fr"]
    index_html = client.get(french["index"].url).content.decode()
    assert "La force pour les coureurs" in index_html and "Échauffement de deux minutes" in index_html
    assert "Strength for runners" not in index_html
    feed = client.get(french["index"].url + "feed/rss/").content.decode()
    assert "La force pour les coureurs" in feed and "Strength for runners" not in feed
    article_html = client.get(french["article"].url).content.decode()
    assert "Échauffement de deux minutes" in article_html  # the related post, in French
    assert f'href="{french["library"].url}squat/"' in article_html  # the card links to the French library
    exercise_html = client.get(french["library"].url + "squat/").content.decode()
    assert "La force pour les coureurs" in exercise_html  # "articles using this exercise"


def test_both_apis_answer_in_french(client, clinic):
    french = clinic["fr"]
    for url in (f"/api/v2/articles/{french['article'].pk}/", f"/api/v3/pages/{french['article'].pk}/"):
        data = client.get(url).json()
        assert data["category"]["name"] == "Renforcement", url
        cards = [block for block in data["body"] if block["type"] == "exercise"]
        assert cards[0]["value"]["exercise"]["name"] == "Squat", url
        muscles = {group["name"] for group in cards[0]["value"]["exercise"]["target_muscles"]}
        assert muscles == {"Quadriceps", "Grand fessier"}, url
    for url in ("/api/v2/exercises/?locale=fr", "/api/v3/exercises/?locale=fr"):
        response = client.get(url)
        assert response.status_code == 200, url
        names = [item["name"] for item in response.json()["items"]]
        assert sorted(names) == ["Montée sur pointes", "Pont fessier", "Squat"], url
    detail = client.get(f"/api/v2/exercises/{french['heel'].pk}/").json()
    assert [group["name"] for group in detail["target_muscles"]] == ["Mollets (gastrocnémiens et soléaire)"]
    assert ExerciseSnippet.objects.filter(locale__language_code="fr").count() == 3
    assert Page.objects.filter(locale__language_code="fr").count() == 5


def count_queries(client, url) -> int:
    client.get(url)  # renditions made and site root paths cached on the first view
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_french_exercise_api_details_cost_what_the_english_ones_cost(client, clinic):
    squat_en, squat_fr = clinic["en"]["squat"], clinic["fr"]["squat"]
    for endpoint in ("/api/v2/exercises/", "/api/v3/exercises/"):
        assert count_queries(client, f"{endpoint}{squat_fr.pk}/") == count_queries(client, f"{endpoint}{squat_en.pk}/")


def queries_of(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return [query["sql"] for query in queries.captured_queries]


def shape_difference(english: list[str], french: list[str]) -> str:
    """The queries one language made and the other did not, ids and literals left out (for the failure message)."""
    from collections import Counter

    def shapes(queries):
        bare = (re.sub(r"'[^']*'|\b\d+\b", "?", sql) for sql in queries)
        return Counter(re.sub(r"^SELECT .*? FROM ", "SELECT ... FROM ", sql)[:500] for sql in bare)

    more, fewer = shapes(french) - shapes(english), shapes(english) - shapes(french)
    return "\n".join([*(f"+ {sql}" for sql in more.elements()), *(f"- {sql}" for sql in fewer.elements())])


PAIRS = {
    "article": lambda clinic, language: clinic[language]["article"].url,
    "index": lambda clinic, language: clinic[language]["index"].url,
    "v2-detail": lambda clinic, language: f"/api/v2/articles/{clinic[language]['article'].pk}/",
    "v3-detail": lambda clinic, language: f"/api/v3/pages/{clinic[language]['article'].pk}/",
}


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
@pytest.mark.parametrize("pair", PAIRS)
def test_french_costs_the_queries_of_english(client, clinic, pair, warm):
    """The article page, the blog index and both APIs' details, from a cold cache and from a warm one."""
    from django.core.cache import cache

    english, french = PAIRS[pair](clinic, "en"), PAIRS[pair](clinic, "fr")
    client.get(english)
    client.get(french)  # renditions made, the French article's call to action read once
    if not warm:
        cache.clear()
    english_queries = queries_of(client, english)
    if not warm:
        cache.clear()
    french_queries = queries_of(client, french)
    assert len(french_queries) == len(english_queries), shape_difference(english_queries, french_queries)


def test_the_french_article_call_to_action_leads_to_the_french_blog(client, clinic):
    html = client.get(clinic["fr"]["article"].url).content.decode()
    assert f'href="{clinic["fr"]["index"].url}"' in html
