# Copied from wagtail/test/basepage/migrations: adds locale and translation_key
# once wagtailcore has its Locale model, filling them for existing rows.

from django.db import migrations
from wagtail.models import (
    BootstrapLocaleField,
    BootstrapTranslatableModel,
    BootstrapTranslationKeyField,
)


class Migration(migrations.Migration):
    dependencies = [
        ("hostbase", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        BootstrapLocaleField("hostbase.BasePage"),
        BootstrapTranslationKeyField("hostbase.BasePage"),
        BootstrapTranslatableModel("hostbase.BasePage"),
    ]
