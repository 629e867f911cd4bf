"""``manage.py runstrength_clear_fragments``: make every cached fragment stale.

The signals see every change made through Django. Run this after changes
they cannot see: a deploy that changes templates or hashed static files, a
raw SQL update or ``QuerySet.update()``, or restoring a database backup.
"""

from django.core.management.base import BaseCommand

from wagtail_runstrength import fragment_cache


class Command(BaseCommand):
    help = (
        "Make every cached wagtail-runstrength fragment stale, for every process sharing the cache. "
        "Run it after a deploy, a raw SQL change or a database restore."
    )

    def handle(self, *args, **options):
        before = fragment_cache.get_cache().get(fragment_cache.GENERATION_KEY)
        fragment_cache.new_generation()
        after = fragment_cache.get_cache().get(fragment_cache.GENERATION_KEY)
        if after is None or after == before:
            self.stderr.write("The cache did not take the new generation; check CACHES and WAGTAIL_RUNSTRENGTH.")
            raise SystemExit(1)
        self.stdout.write("Every cached fragment is now stale; pages render afresh on their next view.")
