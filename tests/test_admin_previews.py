"""Every block an editor can add has a label, an icon, help text and a preview in the block picker."""

import pytest
from django.urls import reverse
from wagtail.admin import telepath
from wagtail.blocks.struct_block import StructBlockValidationError

from tests.factories import ArticlePageFactory, ExerciseFactory, ImageFactory
from wagtail_runstrength import blocks as package_blocks
from wagtail_runstrength.blocks import ArticleBodyBlock, ExerciseChooserBlock
from wagtail_runstrength.models import ArticlePage

pytestmark = pytest.mark.django_db

BODY_BLOCKS = ArticlePage._meta.get_field("body").stream_block.child_blocks
CSS = "wagtail_runstrength/css/runstrength.css"


def preview(client, name: str) -> str:
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": BODY_BLOCKS[name].definition_prefix})
    assert response.status_code == 200, name
    return response.content.decode()


def test_the_article_body_offers_every_block_of_the_package():
    # Every block the package exports for a stream: a new block left out of the body fails here.
    exported = {getattr(package_blocks, name) for name in package_blocks.__all__}
    assert {type(block) for block in BODY_BLOCKS.values()} == exported - {ArticleBodyBlock, ExerciseChooserBlock}


@pytest.mark.parametrize("name", list(BODY_BLOCKS))
def test_each_block_has_a_label_icon_help_text_description_and_preview(name):
    block = BODY_BLOCKS[name]
    assert block.label and block.meta.icon not in ("", "placeholder")
    assert str(block.meta.help_text).endswith(".")
    assert str(block.get_description()).endswith(".")
    assert block.is_previewable
    assert block.meta.preview_template.startswith("wagtail_runstrength/previews/")


@pytest.mark.parametrize("name", ["key_points", "tips"])
def test_list_items_of_key_points_and_tips_are_labelled_and_explained(name):
    item = BODY_BLOCKS[name].child_blocks["items"].child_block
    # What the editor's JavaScript receives: each collapsed item is titled by its lead-in, with help text.
    _, children, meta = telepath.registry.find_adapter(type(item)).js_args(item)
    assert [child.name for child in children] == ["title", "text"]
    assert meta["label"] == "Item" and meta["labelFormat"] == "{title}"
    assert str(meta["helpText"]).endswith(".")
    # An item needs both its lead-in and its text, and the lead-in stays short.
    with pytest.raises(StructBlockValidationError) as error:
        item.clean(item.to_python({"title": "x" * 121, "text": ""}))
    assert set(error.value.block_errors) == {"title", "text"}


@pytest.mark.parametrize("name", list(BODY_BLOCKS))
def test_every_block_preview_renders_on_a_new_site_with_the_package_css(admin_client, name):
    html = preview(admin_client, name)
    assert CSS in html and '<div class="rs-root rs-container rs-measure rs-preview">' in html


@pytest.mark.parametrize(
    ("name", "empty_message"),
    [
        ("exercise", "Publish an exercise in the exercise library"),
        ("exercise_group", "Publish exercises in the exercise library"),
        ("related_posts", "once articles are published"),
    ],
)
def test_previews_needing_content_explain_themselves_on_an_empty_site(admin_client, name, empty_message):
    assert empty_message in preview(admin_client, name)


def test_exercise_previews_show_live_exercises_from_the_library(admin_client):
    ExerciseFactory(name="Bulgarian split lunge", live=False)
    ExerciseFactory(name="Lateral step up")
    ExerciseFactory(name="Side hip abduction")
    single = preview(admin_client, "exercise")
    assert "Lateral step up" in single and "Keep the knee over the second toe" in single
    group = preview(admin_client, "exercise_group")
    assert "Key exercises" in group and "Lateral step up" in group and "Side hip abduction" in group
    assert "Bulgarian split lunge" not in single + group


def test_related_posts_preview_shows_the_newest_live_articles_as_cards(admin_client, index_page):
    ArticlePageFactory(parent=index_page, title="Hill sprints for strength")
    draft = ArticlePageFactory(parent=index_page, title="Unfinished draft")
    draft.unpublish()
    html = preview(admin_client, "related_posts")
    assert "Blog posts you may be interested in" in html and "Hill sprints for strength" in html
    assert "Unfinished draft" not in html


def test_image_preview_uses_a_described_image_when_there_is_one(admin_client):
    assert "<img" not in preview(admin_client, "image")
    ImageFactory(description="A runner stepping onto a box")
    html = preview(admin_client, "image")
    assert 'alt="A runner stepping onto a box"' in html and "Lateral step-ups build" in html


def test_text_block_previews_show_their_sample_content(admin_client):
    assert "Why strength training helps runners" in preview(admin_client, "heading")
    assert "Fewer injuries" in preview(admin_client, "key_points")
    assert "Book an assessment" in preview(admin_client, "call_to_action")
    assert "placeholder" in preview(admin_client, "embed")
