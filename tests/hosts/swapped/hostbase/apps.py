from django.apps import AppConfig


class HostBaseConfig(AppConfig):
    name = "hostbase"
    label = "hostbase"
    default_auto_field = "django.db.models.BigAutoField"
