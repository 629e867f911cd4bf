"""The exercise library in the admin: listing, filters, search, export, inspect, menu and chooser."""

import csv
import io
import json
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ArticleCategoryFactory,
    ArticlePageFactory,
    ClinicianFactory,
    ExerciseFactory,
    MuscleGroupFactory,
)
from wagtail_runstrength.models import ArticleCategory, Clinician, ExerciseSnippet, MuscleGroup

pytestmark = pytest.mark.django_db


def url(model, view="list", *args):
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


def listed_names(html: str) -> list[str]:
    return re.findall(r'<span id="snippet_\d+_title">([^<]+)</span>', html)


@pytest.fixture
def library(db):
    calves = MuscleGroup.objects.get(slug="calves")
    quads = MuscleGroup.objects.get(slug="quadriceps")
    glute_med = MuscleGroup.objects.get(slug="glute-medius")
    glute_max = MuscleGroup.objects.get(slug="glute-max")
    return {
        "squat": ExerciseFactory(
            name="Squat to calf raise",
            summary="Builds calf and quad strength for push-off.",
            target_muscles=[calves, quads],
        ),
        "abduction": ExerciseFactory(
            name="Side hip abduction",
            summary="Steadies the pelvis on every stride.",
            difficulty="intermediate",
            equipment="resistance_band",
            target_muscles=[glute_med, glute_max],
        ),
        "split": ExerciseFactory(
            name="Bulgarian split lunge",
            summary="Single-leg strength and balance.",
            difficulty="advanced",
            equipment="dumbbells",
            target_muscles=[quads, glute_max],
        ),
    }


def test_run_strength_menu_holds_the_library_with_an_icon(admin_client):
    html = admin_client.get("/admin/").content.decode()
    props = json.loads(re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1))
    (main_menu,) = [module for module in props["modules"] if module["_type"] == "wagtail.sidebar.MainMenuModule"]
    (run_strength,) = [item for item in main_menu["_args"][0] if item["_args"][0]["label"] == "Run strength"]
    options, children = run_strength["_args"]
    assert options["icon_name"] == "pick"
    assert [child["_args"][0]["url"] for child in children] == [
        url(ExerciseSnippet),
        url(MuscleGroup),
        url(ArticleCategory),
        url(Clinician),
    ]
    # Every snippet has its own menu item, so Wagtail hides the generic "Snippets" menu.
    assert "snippets" not in [item["_args"][0]["name"] for item in main_menu["_args"][0]]


def test_exercise_listing_shows_thumbnail_muscles_difficulty_and_usage(admin_client, index_page, library):
    ArticlePageFactory(parent=index_page, body=[("exercise", {"exercise": library["squat"]})])
    html = admin_client.get(url(ExerciseSnippet)).content.decode()
    row = html[html.index("Squat to calf raise") :]
    row = row[: row.index("</tr>")]
    assert re.search(r'<img src="[^"]+fill-80x60-c50[^"]*" width="80" height="60" alt=""', row)
    assert "Calves (gastrocnemius and soleus), Quadriceps" in row
    assert "Beginner" in row and "Bodyweight" in row
    assert "Used 1 time" in row and url(ExerciseSnippet, "usage", library["squat"].pk) in row


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"target_muscles": "glute-medius"}, ["Side hip abduction"]),
        ({"target_muscles": "quadriceps"}, ["Bulgarian split lunge", "Squat to calf raise"]),
        ({"difficulty": "advanced"}, ["Bulgarian split lunge"]),
        ({"equipment": "resistance_band"}, ["Side hip abduction"]),
        ({"target_muscles": "glute-max", "difficulty": "intermediate"}, ["Side hip abduction"]),
    ],
)
def test_exercise_listing_filters_by_muscle_difficulty_and_equipment(admin_client, library, params, expected):
    if "target_muscles" in params:
        params = {**params, "target_muscles": MuscleGroup.objects.get(slug=params["target_muscles"]).pk}
    html = admin_client.get(url(ExerciseSnippet), params).content.decode()
    assert listed_names(html) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("split", ["Bulgarian split lunge"]),  # name, part of a word
        ("push-off", ["Squat to calf raise"]),  # summary
        ("glute", ["Bulgarian split lunge", "Side hip abduction"]),  # muscle names, two of them on one exercise
        ("gastrocnemius", ["Squat to calf raise"]),
    ],
)
def test_exercise_listing_searches_name_summary_and_muscles_listing_each_once(admin_client, library, query, expected):
    html = admin_client.get(url(ExerciseSnippet), {"q": query}).content.decode()
    assert listed_names(html) == expected


def test_exercise_listing_exports_csv_and_xlsx(admin_client, library):
    response = admin_client.get(url(ExerciseSnippet), {"export": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="exercises.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    squat = next(row for row in rows if row["Name"] == "Squat to calf raise")
    assert squat["Target muscles"] == "Calves (gastrocnemius and soleus), Quadriceps"
    assert squat["Difficulty"] == "Beginner" and squat["Usage count"] == "0" and squat["Published"] == "True"

    response = admin_client.get(url(ExerciseSnippet), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *data = list(sheet.values)
    assert header[:4] == ("Name", "Slug", "Summary", "Target muscles")
    assert sorted(row[0] for row in data) == ["Bulgarian split lunge", "Side hip abduction", "Squat to calf raise"]


def test_exercise_inspect_view_shows_the_whole_exercise(admin_client, library):
    html = admin_client.get(url(ExerciseSnippet, "inspect", library["squat"].pk)).content.decode()
    assert "Builds calf and quad strength for push-off." in html
    assert "Calves (gastrocnemius and soleus), Quadriceps" in html
    assert "3 × 10" in html and "fill-80x60-c50" in html


def test_exercise_listing_costs_the_same_queries_for_three_or_twelve_exercises(admin_client, library):
    def listing_queries() -> int:
        admin_client.get(url(ExerciseSnippet))  # first render creates the thumbnail renditions
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(url(ExerciseSnippet)).status_code == 200
        return len(queries)

    few = listing_queries()
    muscle = MuscleGroupFactory()
    for _ in range(9):
        ExerciseFactory(target_muscles=[muscle])
    assert listing_queries() == few


@pytest.mark.parametrize(
    ("factory", "model", "row_text"),
    [
        (lambda: MuscleGroupFactory(name="Soleus"), MuscleGroup, "Soleus"),
        (lambda: ArticleCategoryFactory(name="Athletic Performance"), ArticleCategory, "Athletic Performance"),
        (lambda: ClinicianFactory(name="Dana Ortiz"), Clinician, "Dana Ortiz"),
    ],
)
def test_vocabulary_listings_search_export_and_inspect(admin_client, factory, model, row_text):
    obj = factory()
    assert row_text in admin_client.get(url(model), {"q": row_text[:4].lower()}).content.decode()
    csv_text = b"".join(admin_client.get(url(model), {"export": "csv"}).streaming_content).decode()
    assert row_text in csv_text
    assert admin_client.get(url(model, "inspect", obj.pk)).status_code == 200


def test_muscle_group_listing_counts_exercises_and_filters_by_region(admin_client, library):
    html = admin_client.get(url(MuscleGroup), {"region": "lower_leg"}).content.decode()
    assert listed_names(html) == [
        "Calves (gastrocnemius and soleus)",
        "Foot and ankle stabilisers",
        "Tibialis anterior",
    ]
    calves_row = html[html.index("Calves (gastrocnemius") :]
    assert re.search(r"<td >\s*1\s*</td>", calves_row[: calves_row.index("</tr>")])


def test_exercise_chooser_shows_thumbnails_and_filters_by_muscle_and_level(admin_client, library):
    choose = reverse("wagtailsnippetchoosers_wagtail_runstrength_exercisesnippet:choose")
    results = reverse("wagtailsnippetchoosers_wagtail_runstrength_exercisesnippet:choose_results")
    html = admin_client.get(choose).json()["html"]
    assert 'name="muscle"' in html and 'name="difficulty"' in html
    assert html.count("fill-80x60-c50") == 3

    def chosen(**params):
        html = admin_client.get(results, params).content.decode()
        return re.findall(r"data-chooser-modal-choice[^>]*>\s*([^<]+?)\s*</a>", html)

    glute_max = MuscleGroup.objects.get(slug="glute-max")
    assert chosen(muscle=glute_max.pk) == ["Bulgarian split lunge", "Side hip abduction"]
    assert chosen(muscle=glute_max.pk, difficulty="advanced") == ["Bulgarian split lunge"]
    assert chosen(q="glute") == ["Bulgarian split lunge", "Side hip abduction"]
    assert chosen(q="pelvis") == ["Side hip abduction"]
