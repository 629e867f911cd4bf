"""Load the demo clinic: home page, blog, settings, clinicians, exercise library and articles.

Safe to run again: anything that already exists (matched by slug, name or
title) is left as it is, so a second run creates nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from clinic.demo.builder import DemoBuilder


class Command(BaseCommand):
    help = "Create the demo clinic's pages, snippets, images and articles (idempotent)."

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        builder = DemoBuilder(log=self.stdout.write if verbosity >= 2 else _quiet)
        with transaction.atomic():
            builder.build()

        created = sum(builder.created.values())
        kept = sum(builder.kept.values())
        if verbosity >= 1:
            for kind in sorted(builder.created | builder.kept):
                self.stdout.write(f"  {kind}: {builder.created[kind]} created, {builder.kept[kind]} already there")
        guide = builder.articles.get("essential-guide-strength-training-runners")
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {created} created, {kept} already there."))
        if guide is not None:
            self.stdout.write(f"Start reading at {guide.url}")


def _quiet(message: str) -> None:
    """Per-object messages are only shown with --verbosity 2."""
