"""``manage.py runstrength_clear_fragments``: make every cached fragment stale.

The signals see every change made through Django. Run this after changes
they cannot see: a deploy that changes templates or hashed static files, a
raw SQL update or ``QuerySet.update()``, or restoring a database backup.
The new generation is a database row, so this works while the cache is down.

It also drops the two cached lookups that a save deletes from the cache
rather than outdating through the generation, each site's frontend base URL
and Wagtail's site root paths: a save made while the cache was unreachable
could not delete them.
"""

from django.core.cache import cache
from django.core.management.base import BaseCommand
from wagtail.models import Site

from wagtail_runstrength import fragment_cache
from wagtail_runstrength.public_urls import frontend_cache_key


class Command(BaseCommand):
    help = (
        "Make every cached wagtail-runstrength fragment stale, for every process sharing the cache. "
        "Run it after a deploy, a raw SQL change or a database restore."
    )

    def handle(self, *args, **options):
        fragment_cache.new_generation()
        cache.delete_many([frontend_cache_key(pk) for pk in Site.objects.values_list("pk", flat=True)])
        Site.clear_site_root_paths_cache()
        self.stdout.write("Every cached fragment is now stale; pages render afresh on their next view.")
