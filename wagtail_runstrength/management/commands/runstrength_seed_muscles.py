"""``manage.py runstrength_seed_muscles``: the seeded muscle groups in every locale the site has."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create the package's seeded muscle groups in every locale (or the given language codes) that lacks them, "
        "named from the package's translations and linked to the default locale's groups. Existing groups are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("language_codes", nargs="*", help="Only these locales, for example: fr de")

    def handle(self, *args, language_codes=(), **options):
        from wagtail.models import Locale

        from ...seeding import seed_muscles

        locales = None
        if language_codes:
            locales = list(Locale.objects.filter(language_code__in=language_codes))
            missing = set(language_codes) - {locale.language_code for locale in locales}
            if missing:
                raise CommandError(f"No locale with the language code(s): {', '.join(sorted(missing))}")
        for code, created in sorted(seed_muscles(locales).items()):
            self.stdout.write(f"{code}: {created} muscle group(s) created")
