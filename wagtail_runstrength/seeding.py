"""The seeded muscle groups in every content language, translated from the package's catalogues.

Migration 0002 seeds ``seed_data.RUNNING_MUSCLES`` in the default locale.
Each other locale gets its own rows, linked to the default locale's by
``translation_key`` (so they are translations of each other, as
wagtail-localize's would be) and named with the package's ``gettext``
catalogue in that language. Migration 0014 does it for the locales a site
already has, a ``Locale`` receiver for each locale added later
(``signal_handlers.py``), and ``manage.py runstrength_seed_muscles`` on
demand. Nothing an editor made is touched: a locale that already has a
translation of a group, or a group with its slug, keeps it, and a group the
editors deleted from the default locale is not brought back.
"""

from __future__ import annotations

from django.utils import translation

from .seed_data import RUNNING_MUSCLES


def seed_muscles_in_locale(muscle_model, locale, default_locale, muscles=RUNNING_MUSCLES) -> int:
    """Create the seeded muscle groups ``locale`` lacks; return how many were created.

    Takes the models as arguments so migration 0014 can pass its historical
    ones. ``muscles`` holds ``(slug, English name, region)`` triples.
    """
    if locale.pk == default_locale.pk:
        return 0
    slugs = [slug for slug, _name, _region in muscles]
    sources = {row.slug: row for row in muscle_model.objects.filter(locale_id=default_locale.pk, slug__in=slugs)}
    present = muscle_model.objects.filter(locale_id=locale.pk)
    taken_keys = set(present.values_list("translation_key", flat=True))
    taken_slugs = set(present.values_list("slug", flat=True))
    created = 0
    with translation.override(locale.language_code):
        for slug, name, region in muscles:
            source = sources.get(slug)
            if source is None or source.translation_key in taken_keys or slug in taken_slugs:
                continue
            muscle_model.objects.create(
                name=translation.gettext(name),
                slug=slug,
                region=source.region or region,
                locale_id=locale.pk,
                translation_key=source.translation_key,
            )
            created += 1
    return created


def seed_muscles(locales=None) -> dict[str, int]:
    """Seed every locale (or those given) from the default locale's muscle groups; counts by language code."""
    from wagtail.models import Locale

    from .models import MuscleGroup

    default = Locale.get_default()
    locales = Locale.objects.all() if locales is None else locales
    return {locale.language_code: seed_muscles_in_locale(MuscleGroup, locale, default) for locale in locales}


def on_locale_saved(sender, instance, created, raw=False, **kwargs) -> None:
    """A locale added to the site gets the seeded muscle groups in its language (fixtures excepted)."""
    if created and not raw:
        seed_muscles([instance])
