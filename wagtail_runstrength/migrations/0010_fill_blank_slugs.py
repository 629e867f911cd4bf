"""Give every exercise, muscle group and category a slug: none is blank any more.

A blank slug was possible for an exercise draft saved before it had a name (or
for a name without letters or digits). Two of them in one language collided on
the ``(slug, locale)`` constraint. The models now always fill the slug; this
migration does the same for rows saved before: a slug made from the name when
no other entry in that language has it, otherwise the placeholder
``untitled-<translation key>``, which the next save with a name replaces.
"""

from django.db import migrations
from django.utils.text import slugify

MODELS = ["ExerciseSnippet", "MuscleGroup", "ArticleCategory"]


def fill_blank_slugs(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("wagtail_runstrength", name)
        for row in model.objects.filter(slug=""):
            made = slugify(row.name, allow_unicode=True)[:255]
            if not made or model.objects.filter(slug=made, locale_id=row.locale_id).exists():
                made = f"untitled-{row.translation_key.hex}"
            model.objects.filter(pk=row.pk).update(slug=made)


class Migration(migrations.Migration):
    dependencies = [("wagtail_runstrength", "0009_cache_generation")]

    operations = [migrations.RunPython(fill_blank_slugs, migrations.RunPython.noop)]
