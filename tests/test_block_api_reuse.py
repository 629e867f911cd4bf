"""The package's blocks in a host's own StreamField serialise exactly as they do in ``ArticlePage.body``.

``LandingPage`` (tests/testapp) declares its stream as a host would, with a
plain ``APIField("body")``: Wagtail's own StreamField serializer, in v2 and
v3, calls each block's ``get_api_representation``.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail import blocks

from tests.factories import (
    ArticlePageFactory,
    ExerciseFactory,
    ImageFactory,
    LandingPageFactory,
    MuscleGroupFactory,
)
from wagtail_runstrength.api.stream_schemas import stream_schema
from wagtail_runstrength.blocks import ArticleBodyBlock, ExerciseBlock, HeadingBlock

pytestmark = pytest.mark.django_db


def shared_body(exercises, pick, cta_page, image):
    return [
        ("heading", {"text": "Why lift", "level": "h2"}),
        ("paragraph", f'<p>Start with the <a linktype="page" id="{pick.pk}">warm-up</a>.</p>'),
        ("image", {"image": {"image": image, "alt_text": "A runner stretching", "decorative": False}, "caption": "Hi"}),
        ("key_points", {"items": [{"title": "Economy", "text": "Less waste."}]}),
        ("exercise_group", {"heading": "Key exercises", "exercises": [{"exercise": e} for e in exercises[:2]]}),
        ("exercise", {"exercise": exercises[2], "note": "Slowly.", "sets": 4, "reps": 6}),
        ("tips", {"items": [{"title": "Rest", "text": "Sleep well."}]}),
        ("call_to_action", {"heading": "Book", "text": "Now.", "button_label": "Book", "page": cta_page}),
        ("quote", {"quote": "Strong legs.", "attribution": "A patient"}),
        ("embed", "https://www.youtube.com/watch?v=abc"),
        # As many cards as picks: both pages show the same cards whatever else they match.
        ("related_posts", {"heading": "More", "posts": [pick], "limit": 1}),
    ]


@pytest.fixture
def two_pages(index_page):
    muscle = MuscleGroupFactory(name="Calves", slug="calves-x")
    exercises = [ExerciseFactory(name=f"Move {n}", target_muscles=[muscle]) for n in range(3)]
    exercises[0].progressions.add(exercises[1])
    exercises[0].save()  # a ParentalManyToManyField is written on save
    pick = ArticlePageFactory(parent=index_page, title="Warm-up", hero_image=ImageFactory())
    image = ImageFactory()
    body = shared_body(exercises, pick, pick, image)
    article = ArticlePageFactory(parent=index_page, title="Article", body=body)
    landing = LandingPageFactory(parent=index_page.get_parent(), title="Landing", body=body)
    return article, landing, exercises


def without_ids(stream):
    return [{key: value for key, value in child.items() if key != "id"} for child in stream]


def test_api_v2_serialises_the_blocks_of_a_host_page_as_in_an_article(client, two_pages):
    article, landing, exercises = two_pages
    in_article = client.get(f"/api/v2/articles/{article.pk}/").json()["body"]
    on_landing = client.get(f"/api/v2/pages/{landing.pk}/").json()["body"]
    assert without_ids(on_landing) == without_ids(in_article)
    exercise = on_landing[5]["value"]
    # Resolved, never a bare primary key: the whole exercise, its dose, its links.
    assert exercise["exercise"]["name"] == "Move 2" and exercise["prescription"]["text"].startswith("4 × 6")
    assert on_landing[4]["value"]["exercises"][0]["exercise"]["progressions"] == [
        {"id": exercises[1].pk, "name": "Move 1", "slug": exercises[1].slug}
    ]
    assert [card["title"] for card in on_landing[10]["value"]["cards"]] == ["Warm-up"]
    assert on_landing[7]["value"]["url"].endswith("/blog/warm-up/")
    # Validates against the same published schema.
    ArticleBodyBlock.api_schema.model_validate(on_landing)


def test_api_v3_serialises_the_blocks_of_a_host_page_as_in_an_article(client, two_pages):
    article, landing, _ = two_pages
    in_article = client.get(f"/api/v3/pages/{article.pk}/").json()["body"]
    on_landing = client.get(f"/api/v3/pages/{landing.pk}/").json()["body"]
    assert without_ids(on_landing) == without_ids(in_article)
    assert on_landing[10]["value"]["cards"][0]["title"] == "Warm-up"


def test_v2_and_v3_agree_on_the_host_page(client, two_pages):
    _, landing, _ = two_pages
    v2 = client.get(f"/api/v2/pages/{landing.pk}/").json()["body"]
    v3 = client.get(f"/api/v3/pages/{landing.pk}/").json()["body"]
    assert v2 == v3


def test_related_posts_on_a_host_page_leave_the_page_itself_out_of_cards(client, index_page):
    # An article page's own related-posts block never lists the article; a host page is not an article,
    # but through the API the block still knows which page it sits on (its site and language).
    newest = ArticlePageFactory(parent=index_page, title="Newest")
    landing = LandingPageFactory(
        parent=index_page.get_parent(), body=[("related_posts", {"heading": "Read", "posts": [], "limit": 2})]
    )
    cards = client.get(f"/api/v2/pages/{landing.pk}/").json()["body"][0]["value"]["cards"]
    assert [card["id"] for card in cards] == [newest.pk]


def test_every_block_of_the_article_body_declares_an_api_schema():
    for name, block in ArticleBodyBlock().child_blocks.items():
        assert getattr(block, "api_schema", None) is not None, name


def test_a_stream_with_a_block_that_declares_no_schema_fails_to_build():
    class HostStream(blocks.StreamBlock):
        heading = HeadingBlock()
        banner = blocks.CharBlock()  # a host's block: Wagtail's own, no api_schema

    with pytest.raises(ImproperlyConfigured, match="'banner'"):
        stream_schema(HostStream(), "HostBody")


def test_a_host_stream_gets_typed_children_under_its_own_names():
    class HostStream(blocks.StreamBlock):
        workout = ExerciseBlock()  # a fresh block: a stream names the blocks it is given

    schema = stream_schema(HostStream(), "HostBody", prefix="Host").model_json_schema()
    assert "HostWorkoutBlock" in schema["$defs"]
    assert schema["$defs"]["HostWorkoutBlock"]["properties"]["type"]["const"] == "workout"


def test_the_documented_host_schema_validates_the_landing_pages_api_output(client, two_pages):
    """docs/api.md: typing a host's own stream with ``stream_schema``."""
    from tests.testapp.models import LandingPage

    _, landing, _ = two_pages
    landing_body = stream_schema(LandingPage.body.field.stream_block, "LandingBody", prefix="Landing")
    validated = landing_body.model_validate(client.get(f"/api/v2/pages/{landing.pk}/").json()["body"])
    assert type(validated.root[5]).__name__ == "LandingExerciseBlock"
