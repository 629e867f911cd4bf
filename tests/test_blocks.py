"""Each block renders what a reader should see, and refuses what an editor must not save."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from tests.factories import (
    ArticlePageFactory,
    ExerciseFactory,
    ImageFactory,
    MuscleGroupFactory,
)
from wagtail_runstrength.blocks import (
    ArticleBodyBlock,
    CallToActionBlock,
    ContentImageBlock,
    ExerciseBlock,
    ExerciseGroupBlock,
    HeadingBlock,
    KeyPointsBlock,
    ParagraphBlock,
    QuoteBlock,
    RelatedPostsBlock,
    TipsBlock,
    VideoEmbedBlock,
)
from wagtail_runstrength.models import RunStrengthSettings

pytestmark = pytest.mark.django_db


def test_heading_renders_its_level_and_an_anchor_from_the_text():
    html = HeadingBlock().render(HeadingBlock().to_python({"text": "Key exercises", "level": "h3"}))
    assert html == '<h3 id="key-exercises" class="rs-root rs-heading">Key exercises</h3>\n'


def test_heading_uses_the_editors_anchor_when_given():
    html = HeadingBlock().render(HeadingBlock().to_python({"text": "Why", "level": "h2", "anchor": "Why Lift"}))
    assert 'id="why-lift"' in html


def test_paragraph_renders_rich_text_and_allows_no_headings():
    block = ParagraphBlock()
    assert "h1" not in block.features and "h2" not in block.features
    assert "<b>strong</b>" in block.render(block.to_python("<p>Be <b>strong</b></p>"))


def test_key_points_are_an_ordered_list_and_tips_an_unordered_one():
    value = {
        "items": [
            {"title": "Fewer injuries", "text": "Tendons adapt."},
            {"title": "Economy", "text": "Less waste."},
        ]
    }
    key_points = KeyPointsBlock().render(KeyPointsBlock().to_python(value))
    tips = TipsBlock().render(TipsBlock().to_python(value))
    assert key_points.startswith('<ol class="rs-root rs-key-points">')
    assert "<li><strong>Fewer injuries</strong> Tendons adapt.</li>" in key_points
    assert tips.startswith('<ul class="rs-root rs-tips">')


def test_quote_renders_with_attribution():
    html = QuoteBlock().render(QuoteBlock().to_python({"quote": "Pain-free at last.", "attribution": "A patient"}))
    assert "<blockquote><p>Pain-free at last.</p></blockquote>" in html
    assert "<figcaption>A patient</figcaption>" in html


def test_image_block_uses_contextual_alt_text_or_marks_decorative():
    image = ImageFactory(description="Library description")
    block = ContentImageBlock()
    value = block.to_python(
        {
            "image": {
                "image": image.pk,
                "alt_text": "Runner on a step",
                "decorative": False,
            },
            "caption": "Step-ups",
        }
    )
    html = block.render(value)
    assert 'alt="Runner on a step"' in html and "<figcaption>Step-ups</figcaption>" in html
    decorative = block.to_python(
        {
            "image": {"image": image.pk, "alt_text": "", "decorative": True},
            "caption": "",
        }
    )
    assert 'alt=""' in block.render(decorative)


def test_image_block_with_a_deleted_image_renders_nothing():
    image = ImageFactory()
    block = ContentImageBlock()
    raw = {
        "image": {"image": image.pk, "alt_text": "x", "decorative": False},
        "caption": "Gone",
    }
    image.delete()
    assert block.render(block.to_python(raw)).strip() == ""


def test_embed_block_falls_back_to_a_link_when_the_provider_cannot_be_reached():
    block = VideoEmbedBlock()
    html = block.render(block.to_python("https://example.com/not-a-video"))
    assert '<a href="https://example.com/not-a-video">Watch the video</a>' in html


def test_embed_block_renders_the_providers_player():
    block = VideoEmbedBlock()
    html = block.render(block.to_python("https://www.youtube.com/watch?v=abc"))
    assert "<iframe" in html


def test_exercise_card_shows_image_alt_name_summary_muscles_and_default_prescription():
    muscle = MuscleGroupFactory(name="Gluteus medius")
    exercise = ExerciseFactory(
        name="Side hip abduction",
        summary="Steadies the pelvis.",
        sets=2,
        reps=15,
        per_side=True,
        target_muscles=[muscle],
    )
    block = ExerciseBlock()
    html = block.render(block.to_python({"exercise": exercise.pk}))
    assert f'alt="{exercise.image.description}"' in html
    assert '<h3 class="rs-card__title">Side hip abduction</h3>' in html
    assert "Steadies the pelvis." in html
    assert "<dd>Gluteus medius</dd>" in html
    assert "2 × 15 reps each side, rest 60\u00a0s" in html


def test_exercise_prescription_override_replaces_the_default_and_note_is_shown():
    exercise = ExerciseFactory(sets=3, reps=10)
    block = ExerciseBlock()
    html = block.render(
        block.to_python(
            {
                "exercise": exercise.pk,
                "sets": 4,
                "seconds": 30,
                "note": "Slow lowering.",
            }
        )
    )
    assert "4 × 30\u00a0s hold" in html and "3 × 10 reps" not in html
    assert "Slow lowering." in html


@pytest.mark.parametrize("gone", ["deleted", "unpublished"])
def test_exercise_card_is_left_out_when_the_exercise_is_deleted_or_unpublished(gone):
    exercise = ExerciseFactory(name="Vanishing lunge")
    block = ExerciseGroupBlock()
    raw = {
        "heading": "Key exercises",
        "exercises": [
            {"exercise": exercise.pk},
            {"exercise": ExerciseFactory(name="Staying squat").pk},
        ],
    }
    if gone == "deleted":
        exercise.delete()
    else:
        exercise.live = False
        exercise.save()
    html = block.render(block.to_python(raw))
    assert "Vanishing lunge" not in html and "Staying squat" in html


def test_exercise_with_a_deleted_image_still_renders_its_card():
    exercise = ExerciseFactory(name="Glute bridge")
    exercise.image.delete()
    block = ExerciseBlock()
    html = block.render(block.to_python({"exercise": exercise.pk}))
    assert "Glute bridge" in html and "<img" not in html


def test_exercise_block_refuses_reps_and_seconds_together():
    block = ExerciseBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"exercise": ExerciseFactory().pk, "reps": 10, "seconds": 30}))
    assert set(error.value.block_errors) == {"reps", "seconds"}


def test_exercise_block_refuses_out_of_range_doses():
    block = ExerciseBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"exercise": ExerciseFactory().pk, "sets": 0, "rest_seconds": 5000}))
    assert set(error.value.block_errors) == {"sets", "rest_seconds"}


def test_exercise_group_refuses_the_same_exercise_twice():
    exercise = ExerciseFactory()
    block = ExerciseGroupBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"exercises": [{"exercise": exercise.pk}, {"exercise": exercise.pk}]}))
    assert 1 in error.value.block_errors["exercises"].block_errors


def test_exercise_group_needs_at_least_one_exercise():
    block = ExerciseGroupBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"heading": "Empty", "exercises": []}))


def test_call_to_action_renders_its_own_button():
    block = CallToActionBlock()
    value = block.to_python(
        {
            "heading": "Run stronger",
            "text": "Book now.",
            "button_label": "Book",
            "url": "https://example.com/book",
        }
    )
    html = block.render(value)
    assert '<a class="rs-button" href="https://example.com/book">Book</a>' in html
    assert "Run stronger" in html


def test_blank_call_to_action_falls_back_to_the_site_settings(rf, site):
    RunStrengthSettings.objects.create(
        site=site,
        cta_heading="Our PTs can help",
        cta_button_label="Book a visit",
        cta_url="https://example.com/visit",
    )
    request = rf.get("/", HTTP_HOST="localhost")
    block = CallToActionBlock()
    html = block.render(block.to_python({}), {"request": request})
    assert "Our PTs can help" in html and 'href="https://example.com/visit"' in html


def test_blank_call_to_action_without_site_settings_renders_nothing(rf, site):
    block = CallToActionBlock()
    assert block.render(block.to_python({}), {"request": rf.get("/", HTTP_HOST="localhost")}).strip() == ""


@pytest.mark.parametrize(
    ("value", "fields"),
    [
        ({"heading": "Hi", "url": "https://example.com"}, {"button_label"}),
        ({"button_label": "Go"}, {"page", "url"}),
        (
            {"button_label": "Go", "url": "https://example.com", "page": "root"},
            {"page", "url"},
        ),
    ],
)
def test_call_to_action_needs_a_label_and_exactly_one_link(value, fields, site):
    if value.get("page") == "root":
        value["page"] = site.root_page.pk
    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(value))
    assert fields <= set(error.value.block_errors)


def test_related_posts_block_renders_cards_for_the_page_in_context(index_page):
    page = ArticlePageFactory(parent=index_page, title="Subject")
    other = ArticlePageFactory(parent=index_page, title="Hill repeats", excerpt="Power up hills.")
    block = RelatedPostsBlock()
    html = block.render(block.to_python({"heading": "Read next", "posts": [other.pk]}), {"page": page})
    assert "Read next" in html and "Hill repeats" in html and "Power up hills." in html


def test_related_posts_block_renders_nothing_without_cards(index_page):
    page = ArticlePageFactory(parent=index_page, title="Alone")
    block = RelatedPostsBlock()
    assert block.render(block.to_python({"heading": "Read next", "posts": []}), {"page": page}).strip() == ""


def test_article_body_offers_every_block_of_the_design():
    assert list(ArticleBodyBlock.base_blocks) == [
        "heading",
        "paragraph",
        "image",
        "key_points",
        "exercise",
        "exercise_group",
        "tips",
        "call_to_action",
        "quote",
        "embed",
        "related_posts",
    ]


def test_every_block_has_a_label_icon_and_description():
    for name, block in ArticleBodyBlock().child_blocks.items():
        assert block.label and block.meta.icon != "placeholder", name
        assert block.meta.description, name
