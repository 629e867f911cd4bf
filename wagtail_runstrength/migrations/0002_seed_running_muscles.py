"""Seed the muscle groups runners train, so a new site has a usable vocabulary on day one.

Runs after Wagtail has created the default locale. Existing rows (matched by
slug) are left untouched, and reversing removes only seeded rows that no
exercise uses.
"""

from django.conf import settings
from django.db import migrations

RUNNING_MUSCLES = [
    ("quadriceps", "Quadriceps", "thigh"),
    ("hamstrings", "Hamstrings", "thigh"),
    ("glute-max", "Gluteus maximus", "hip"),
    ("glute-medius", "Gluteus medius", "hip"),
    ("hip-flexors", "Hip flexors", "hip"),
    ("adductors", "Adductors", "thigh"),
    ("calves", "Calves (gastrocnemius and soleus)", "lower_leg"),
    ("tibialis-anterior", "Tibialis anterior", "lower_leg"),
    ("foot-intrinsics", "Foot and ankle stabilisers", "lower_leg"),
    ("core", "Core", "trunk"),
    ("obliques", "Obliques", "trunk"),
    ("lower-back", "Lower back", "trunk"),
]


def _default_locale(apps):
    from wagtail.coreutils import get_supported_content_language_variant

    Locale = apps.get_model("wagtailcore", "Locale")
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return locale


def seed(apps, schema_editor):
    MuscleGroup = apps.get_model("wagtail_runstrength", "MuscleGroup")
    locale = _default_locale(apps)
    for slug, name, region in RUNNING_MUSCLES:
        MuscleGroup.objects.get_or_create(slug=slug, locale=locale, defaults={"name": name, "region": region})


def unseed(apps, schema_editor):
    MuscleGroup = apps.get_model("wagtail_runstrength", "MuscleGroup")
    slugs = [slug for slug, _name, _region in RUNNING_MUSCLES]
    MuscleGroup.objects.filter(slug__in=slugs, exercises__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_runstrength", "0001_initial"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
