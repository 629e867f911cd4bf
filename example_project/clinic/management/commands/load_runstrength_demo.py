"""Load the demo clinic: home page, blog, settings, clinicians, exercise library and articles.

Safe to run again (``make demo`` runs it every time): the loader records what
it has made and never brings back what an editor deleted, never overwrites
what an editor changed, and never deletes or re-points anything it did not
make. The one exception is Wagtail's own welcome page, replaced by the demo
home page only while it is exactly as Wagtail created it.

``--reset`` starts over: it deletes what the loader made (apart from what
content the demo did not make depends on), then loads the demo again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from clinic.demo.builder import DemoBuilder
from wagtail_runstrength import changes


class Command(BaseCommand):
    help = (
        "Create the demo clinic's pages, snippets, images and articles. Run again, it creates only what it never "
        "made before and leaves editors' changes and deletions alone; --reset deletes what it made and starts over."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo content this command made (editors' changes to it are lost), then load it again.",
        )

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        builder = DemoBuilder(
            log=self.stdout.write if verbosity >= 2 else _quiet,
            warn=lambda message: self.stdout.write(self.style.WARNING(message)),
        )
        # One warm-up task and webhook per publish would make the load take minutes: none while building.
        with changes.suspended(), transaction.atomic():
            adopt_sites = builder.reset() if options["reset"] else []
            builder.build(adopt_sites=adopt_sites)

        created = sum(builder.created.values())
        kept = sum(builder.kept.values())
        skipped = sum(builder.skipped.values())
        if verbosity >= 1:
            for kind in sorted(builder.created | builder.kept | builder.skipped):
                line = f"  {kind}: {builder.created[kind]} created, {builder.kept[kind]} already there"
                if builder.skipped[kind]:
                    line += f", {builder.skipped[kind]} deleted since and left out"
                self.stdout.write(line)
        summary = f"Demo content ready: {created} created, {kept} already there"
        if skipped:
            summary += f", {skipped} deleted since and left out"
        self.stdout.write(self.style.SUCCESS(summary + "."))
        guide = builder.articles.get("essential-guide-strength-training-runners")
        if guide is not None and builder.site_root_is_demo and guide.url:
            self.stdout.write(f"Start reading at {guide.url}")


def _quiet(message: str) -> None:
    """Per-object messages are only shown with --verbosity 2."""
