"""Stream-level bulk loading (``blocks/pooling.py``): a body's exercises load once, whatever blocks hold them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from tests.factories import ArticlePageFactory, ExerciseFactory, MuscleGroupFactory
from wagtail_runstrength.blocks.exercise import ExerciseBlock, exercise_items
from wagtail_runstrength.blocks.pooling import PooledStreamValue
from wagtail_runstrength.delete_guard import allow_deleting_content_in_use
from wagtail_runstrength.models import ArticlePage

pytestmark = pytest.mark.django_db

EXERCISE_TABLE = 'FROM "wagtail_runstrength_exercisesnippet"'
MUSCLE_TABLE = 'FROM "wagtail_runstrength_musclegroup"'


def table(model) -> str:
    return f'FROM "{model._meta.db_table}"'


def mixed_body(grouped, single):
    return [
        ("heading", {"text": "Routine", "level": "h2"}),
        ("exercise_group", {"heading": "Key", "exercises": [{"exercise": e} for e in grouped]}),
        *[("exercise", {"exercise": e, "note": "Slowly."}) for e in single],
    ]


def fresh(page):
    """The article as the database has it: a lazy body that nothing has converted yet."""
    return ArticlePage.objects.get(pk=page.pk)


def queries_reading_cards(page):
    with CaptureQueriesContext(connection) as captured:
        cards = list(exercise_items(page.body))
        names = [card["exercise"].name for card in cards]
        muscles = [[m.name for m in card["exercise"].target_muscles.all()] for card in cards]
    return captured, names, muscles


def count(captured, table):
    return sum(1 for query in captured if table in query["sql"])


def test_a_stored_body_is_a_pooled_stream_value(index_page):
    page = ArticlePageFactory(parent=index_page, body=mixed_body([ExerciseFactory()], [ExerciseFactory()]))
    assert isinstance(fresh(page).body, PooledStreamValue)


def test_groups_and_single_cards_load_their_exercises_in_one_go(index_page):
    muscle = MuscleGroupFactory(name="Calves")
    exercises = [ExerciseFactory(target_muscles=[muscle]) for _ in range(4)]
    page = ArticlePageFactory(parent=index_page, body=mixed_body(exercises[:2], exercises[2:]))
    captured, names, muscles = queries_reading_cards(fresh(page))
    assert names == [exercise.name for exercise in exercises]
    assert muscles == [["Calves"]] * 4
    # One exercise query (its images joined), one for their renditions, one for their muscles.
    assert count(captured, EXERCISE_TABLE) == 1
    assert count(captured, MUSCLE_TABLE) == 1
    assert count(captured, table(get_image_model().get_rendition_model())) == 1
    assert count(captured, table(get_image_model())) == 0
    assert len(captured) == 3


def test_the_cost_does_not_grow_with_blocks_or_block_types(index_page):
    small = ArticlePageFactory(parent=index_page, body=mixed_body([ExerciseFactory()], []))
    large = ArticlePageFactory(
        parent=index_page, body=mixed_body([ExerciseFactory() for _ in range(5)], [ExerciseFactory() for _ in range(6)])
    )
    assert len(queries_reading_cards(fresh(small))[0]) == len(queries_reading_cards(fresh(large))[0])


def test_one_exercise_in_two_cards_is_two_objects(index_page):
    """Per-card state set on one card's exercise never shows on the other."""
    exercise = ExerciseFactory(name="Calf raise")
    page = fresh(ArticlePageFactory(parent=index_page, body=mixed_body([exercise], [exercise])))
    first, second = (card["exercise"] for card in exercise_items(page.body))
    assert first.pk == second.pk == exercise.pk and first.name == second.name == "Calf raise"
    assert first is not second


def test_a_deleted_exercise_leaves_an_empty_card_and_the_others_still_load(index_page):
    kept, gone = ExerciseFactory(), ExerciseFactory()
    page = ArticlePageFactory(parent=index_page, body=mixed_body([kept], [gone]))
    with allow_deleting_content_in_use():
        gone.delete()
    cards = list(exercise_items(fresh(page).body))
    assert cards[0]["exercise"].pk == kept.pk
    assert cards[1]["exercise"] is None and not cards[1].is_visible


def test_a_block_added_after_loading_still_gets_its_exercise(index_page):
    first, later = ExerciseFactory(), ExerciseFactory(name="Added later")
    page = fresh(ArticlePageFactory(parent=index_page, body=mixed_body([first], [])))
    list(exercise_items(page.body))  # the pool is loaded now
    page.body._raw_data.append({"type": "exercise", "value": {"exercise": later.pk, "note": ""}, "id": "x"})
    page.body._bound_blocks.append(None)
    assert page.body[-1].value["exercise"].name == "Added later"


def test_outside_a_stream_the_chooser_loads_on_its_own():
    exercise = ExerciseFactory(name="Lunge")
    value = ExerciseBlock().to_python({"exercise": exercise.pk, "note": ""})
    assert value["exercise"].name == "Lunge"
    [a, b, missing] = ExerciseBlock().child_blocks["exercise"].bulk_to_python([exercise.pk, exercise.pk, 999999])
    assert a.pk == b.pk == exercise.pk and a is not b and missing is None
