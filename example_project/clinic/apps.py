from django.apps import AppConfig


class ClinicConfig(AppConfig):
    """The demo clinic's own pages and demo-content commands."""

    name = "clinic"
    label = "clinic"
    verbose_name = "Clinic"
    default_auto_field = "django.db.models.BigAutoField"
