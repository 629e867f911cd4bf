"""The host's stored related-posts blocks gain the package's two new criteria (as the package's 0008 does)."""

from django.db import migrations
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData

from wagtail_runstrength.block_migrations import AddStructChildrenOperation


class Migration(migrations.Migration):
    dependencies = [("clinic", "0002_related_posts_tags_categories")]

    operations = [
        MigrateStreamData(
            app_name="clinic",
            model_name="ClinicArticlePage",
            field_name="body",
            operations_and_block_paths=[
                (AddStructChildrenOperation({"tags": "", "categories": []}), "related_posts"),
            ],
        ),
    ]
