"""``manage.py runstrength_send_webhooks``: send the revalidation webhooks whose retry is due.

A task backend that can defer (``django_tasks_db``) runs each retry at its
time by itself. The default, immediate backend cannot wait, so a failed
delivery stays "retrying" until this command sends it: run it every minute
from cron on one machine. It is safe beside a worker and on several machines
at once: each attempt is claimed in the database before it is made.
"""

from django.core.management.base import BaseCommand

from wagtail_runstrength import webhooks


class Command(BaseCommand):
    help = "Send the wagtail-runstrength revalidation webhooks that are due (first attempts and retries)."

    def handle(self, *args, **options):
        statuses = webhooks.send_due()
        self.stdout.write(f"{len(statuses)} due deliveries attempted: " + (", ".join(statuses) or "none"))
