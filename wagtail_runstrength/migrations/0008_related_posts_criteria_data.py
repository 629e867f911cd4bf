"""Stored related-posts blocks gain the two new criteria, empty, in every revision."""

from django.db import migrations
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData

from wagtail_runstrength.block_migrations import AddStructChildrenOperation


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_runstrength", "0007_related_posts_tags_categories"),
    ]

    operations = [
        MigrateStreamData(
            app_name="wagtail_runstrength",
            model_name="ArticlePage",
            field_name="body",
            operations_and_block_paths=[
                (AddStructChildrenOperation({"tags": "", "categories": []}), "related_posts"),
            ],
        ),
    ]
