"""Make sure the demo has a superuser to log in with, and print how to log in."""

from __future__ import annotations

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"
DEFAULT_PASSWORD = "runstrength-demo"  # noqa: S105 (a published demo password, by design)


class Command(BaseCommand):
    help = (
        "Create or update the superuser 'admin'. The password comes from "
        "DEMO_ADMIN_PASSWORD (default 'runstrength-demo') and is reset on every run."
    )

    def handle(self, *args, **options) -> None:
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or DEFAULT_PASSWORD
        port = os.environ.get("PORT") or "8000"
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME,
            defaults={"email": "admin@example.com"},
        )
        user.is_staff = True
        user.is_superuser = True
        user.is_active = True
        user.set_password(password)
        user.save()
        action = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{action} superuser '{USERNAME}'."))
        self.stdout.write(f"Admin login: {USERNAME} / {password} at http://127.0.0.1:{port}/admin/")
