from django.apps import AppConfig


class CustomImageConfig(AppConfig):
    name = "tests.customimage"
    label = "runstrength_customimage"
    default_auto_field = "django.db.models.BigAutoField"
