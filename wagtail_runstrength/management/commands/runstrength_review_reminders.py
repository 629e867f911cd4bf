"""``manage.py runstrength_review_reminders``: e-mail each clinician the reviews they have due.

Meant for a daily scheduler. Safe to run more than once a day: a reviewer
already reminded today is skipped (see ``reminders.py``).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from wagtail_runstrength.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail each clinical reviewer the articles and exercises due soon or overdue (once a day at most)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD), for a catch-up run.")
        parser.add_argument(
            "--base-url", default="", help="The admin's address, such as https://cms.example.com, for the links."
        )

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}.") from error
        counts = send_reminders(today=today, base_url=options["base_url"])
        self.stdout.write(
            f"Sent {counts['sent']} reminder(s); {counts['skipped']} already sent today; "
            f"{counts['no_address']} reviewer(s) without an e-mail address."
        )
