"""Seed the running muscle groups in every locale the site already has, not only the default one.

Each locale's rows are translations of the default locale's (the same
``translation_key``), named from the package's catalogues. Locales added
later are seeded by a ``Locale`` receiver (``seeding.on_locale_saved``).
Reversing removes the seeded translations no exercise uses.
"""

from django.conf import settings
from django.db import migrations

# Frozen here, as in 0002: a migration must not change when seed_data.py does.
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


def _default_locale(Locale):
    from wagtail.coreutils import get_supported_content_language_variant

    return Locale.objects.filter(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)).first()


def seed(apps, schema_editor):
    from wagtail_runstrength.seeding import seed_muscles_in_locale

    Locale = apps.get_model("wagtailcore", "Locale")
    MuscleGroup = apps.get_model("wagtail_runstrength", "MuscleGroup")
    default = _default_locale(Locale)
    if default is None:
        return
    for locale in Locale.objects.exclude(pk=default.pk):
        seed_muscles_in_locale(MuscleGroup, locale, default, RUNNING_MUSCLES)


def unseed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    MuscleGroup = apps.get_model("wagtail_runstrength", "MuscleGroup")
    default = _default_locale(Locale)
    if default is None:
        return
    slugs = [slug for slug, _name, _region in RUNNING_MUSCLES]
    seeded_keys = MuscleGroup.objects.filter(locale=default, slug__in=slugs).values("translation_key")
    MuscleGroup.objects.exclude(locale=default).filter(
        slug__in=slugs, translation_key__in=seeded_keys, exercises__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_runstrength", "0013_webhookdelivery"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
