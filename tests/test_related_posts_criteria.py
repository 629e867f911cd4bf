"""The related-posts block's own tags and categories, on articles and on a host's own page type."""

import datetime

import pytest
from django.urls import reverse
from wagtail.blocks.migrations.utils import apply_changes_to_raw_data
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import ArticleCategoryFactory, ArticlePageFactory
from wagtail_runstrength.block_migrations import AddStructChildrenOperation
from wagtail_runstrength.blocks import RelatedPostsBlock
from wagtail_runstrength.blocks.related import split_tag_names
from wagtail_runstrength.models import ArticlePage

pytestmark = pytest.mark.django_db


def article(index, title, *, tags=(), days_ago=0, **kwargs):
    page = ArticlePageFactory(
        parent=index, title=title, date=datetime.date(2026, 11, 1) - datetime.timedelta(days=days_ago), **kwargs
    )
    if tags:
        page.tags.add(*tags)
        page.save()
    return page


def block_value(**fields):
    data = {"heading": "Further reading", "posts": [], "limit": 3, "tags": "", "categories": []}
    data.update(fields)
    return RelatedPostsBlock().to_python(data)


def card_titles(value, page, request=None):
    return [card.title for card in RelatedPostsBlock().cards_for(value, page, request)]


def test_tag_names_are_split_on_commas_trimmed_and_deduplicated():
    assert split_tag_names(" hamstrings, Marathon ,,hamstrings, MARATHON") == ["hamstrings", "Marathon"]
    assert split_tag_names("") == []


def test_a_home_page_shows_articles_with_the_blocks_tags_before_newer_ones(index_page):
    home = index_page.get_parent().specific
    article(index_page, "Hamstring article", tags=["hamstrings"], days_ago=30)
    article(index_page, "Newest, untagged", days_ago=0)
    article(index_page, "Calf article", tags=["calves"], days_ago=10)
    value = block_value(tags="Hamstrings, calves", limit=3)
    # Both tagged articles score; the untagged newest one is not a match.
    assert card_titles(value, home) == ["Calf article", "Hamstring article"]


def test_a_home_page_matches_the_blocks_categories(index_page):
    home = index_page.get_parent().specific
    strength, recovery = ArticleCategoryFactory(name="Strength"), ArticleCategoryFactory(name="Recovery")
    article(index_page, "Strength post", category=strength, days_ago=5)
    article(index_page, "Recovery post", category=recovery, days_ago=1)
    assert card_titles(block_value(categories=[strength.pk]), home) == ["Strength post"]


def test_a_deleted_category_in_the_block_is_ignored(index_page):
    home = index_page.get_parent().specific
    gone = ArticleCategoryFactory()
    gone_pk = gone.pk
    gone.delete()
    value = block_value(categories=[gone_pk])  # as stored content that still names it loads
    article(index_page, "Any post")
    # With no criteria left, the newest articles fill the block: nothing breaks.
    assert card_titles(value, home) == ["Any post"]


def test_an_articles_block_tags_add_to_its_own_criteria(index_page):
    page = article(index_page, "Subject", tags=["knee"])
    article(index_page, "Shares nothing", days_ago=1)
    article(index_page, "Tagged by the block", tags=["marathon"], days_ago=3)
    page = ArticlePage.objects.get(pk=page.pk)
    assert card_titles(block_value(), page) == []
    assert card_titles(block_value(tags="marathon"), page) == ["Tagged by the block"]


def test_with_no_page_known_the_requests_site_decides(index_page, rf):
    article(index_page, "Tagged", tags=["hills"], days_ago=2)
    article(index_page, "Untagged", days_ago=0)
    request = rf.get("/")
    assert card_titles(block_value(tags="hills"), None, request) == ["Tagged"]
    assert card_titles(block_value(), None, request) == ["Untagged", "Tagged"]
    assert card_titles(block_value(), None, None) == []


def test_unknown_tag_names_are_a_field_error_naming_them(index_page):
    article(index_page, "Tagged", tags=["Hill repeats"])
    block = RelatedPostsBlock()
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block_value(tags="hill repeats, tempo, intervals"))
    message = str(raised.value.block_errors["tags"])
    assert "tempo" in message and "intervals" in message and "hill" not in message.lower().split("“")[0]
    # Known names pass, matched without regard to case or by slug.
    assert block.clean(block_value(tags="HILL REPEATS, hill-repeats")).tag_names == ["HILL REPEATS", "hill-repeats"]


def test_the_data_migration_fills_in_the_new_children_and_keeps_everything_else():
    stored = [
        {"type": "paragraph", "id": "p1", "value": "<p>Hello</p>"},
        {"type": "related_posts", "id": "r1", "value": {"heading": "More", "posts": [4, 7], "limit": 2}},
        {"type": "related_posts", "id": "r2", "value": {"heading": "Set", "posts": [], "limit": None, "tags": "x"}},
    ]
    field = ArticlePage.body  # the descriptor, as the migration hands it over
    operation = AddStructChildrenOperation({"tags": "", "categories": []})
    migrated = apply_changes_to_raw_data(stored, "related_posts", operation, field)
    assert migrated[0] == stored[0]
    assert migrated[1]["value"] == {"heading": "More", "posts": [4, 7], "limit": 2, "tags": "", "categories": []}
    assert migrated[2]["value"]["tags"] == "x" and migrated[2]["value"]["categories"] == []
    assert migrated[1]["value"]["categories"] is not migrated[2]["value"]["categories"]


def _related_posts_form(page, tags: str, category_ids=()) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": rich_text("<p>Up and up.</p>"),
            "body": streamfield(
                [
                    (
                        "related_posts",
                        {
                            "heading": "Read next",
                            "posts": streamfield([]),
                            "limit": "",
                            "tags": tags,
                            "categories": streamfield([("item", pk) for pk in category_ids]),
                        },
                    )
                ]
            ),
            "action-publish": "action-publish",
        }
    )


def test_the_editor_sees_which_tag_names_are_unknown_and_nothing_is_saved(admin_client, index_page):
    page = article(index_page, "Hill sprints")
    revisions = Revision.objects.for_instance(page).count()
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), _related_posts_form(page, "no-such-tag")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "No tag is called" in html and "no-such-tag" in html.split("No tag is called", 1)[1][:40]
    assert Revision.objects.for_instance(page).count() == revisions


def test_the_editor_saves_tags_and_categories_that_exist(admin_client, index_page):
    article(index_page, "Tagged", tags=["marathon"])
    category = ArticleCategoryFactory()
    page = article(index_page, "Hill sprints")
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), _related_posts_form(page, "Marathon", [category.pk])
    )
    assert response.status_code == 302
    value = ArticlePage.objects.get(pk=page.pk).body[0].value
    assert value.tag_names == ["Marathon"] and value.category_ids == [category.pk]


def test_a_new_block_starts_without_categories_and_an_empty_chooser_is_not_an_error():
    block = RelatedPostsBlock()
    assert list(block.get_default()["categories"]) == []
    value = block.clean(block_value(categories=[None]))
    assert value.category_ids == []
