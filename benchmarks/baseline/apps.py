from django.apps import AppConfig


class BaselineConfig(AppConfig):
    """A plain Wagtail blog written the ordinary way: the yardstick every benchmark figure is divided by."""

    name = "benchmarks.baseline"
    label = "bench_baseline"
    default_auto_field = "django.db.models.BigAutoField"
