# Numbered 0013 on purpose: issue 15 adds a 0012 in parallel; point the dependency at it when both land.

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_runstrength", "0012_localized_call_to_action"),
    ]

    operations = [
        migrations.CreateModel(
            name="WebhookDelivery",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("uuid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="delivery id")),
                ("endpoint", models.URLField(max_length=500, verbose_name="endpoint")),
                ("event", models.CharField(max_length=100, verbose_name="event")),
                ("payload", models.JSONField(verbose_name="payload")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("retrying", "Retrying"),
                            ("delivered", "Delivered"),
                            ("failed", "Failed"),
                        ],
                        default="pending",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="attempts")),
                (
                    "last_status_code",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="last HTTP status"),
                ),
                ("last_error", models.TextField(blank=True, verbose_name="last error")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("last_attempt_at", models.DateTimeField(blank=True, null=True, verbose_name="last attempt at")),
                ("next_attempt_at", models.DateTimeField(blank=True, null=True, verbose_name="next attempt at")),
                ("delivered_at", models.DateTimeField(blank=True, null=True, verbose_name="delivered at")),
            ],
            options={
                "verbose_name": "revalidation webhook delivery",
                "verbose_name_plural": "revalidation webhook deliveries",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(fields=["-created_at"], name="rs_webhook_created"),
                    models.Index(fields=["status", "next_attempt_at"], name="rs_webhook_due"),
                ],
            },
        ),
    ]
