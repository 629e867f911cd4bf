"""An index on the article date: listings, feeds and the related-posts window read the newest articles first."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_runstrength", "0005_exercise_library_page"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="articlepage",
            index=models.Index(fields=["-date"], name="rs_articlepage_date"),
        ),
    ]
