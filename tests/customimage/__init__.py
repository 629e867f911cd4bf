"""A host's own image model (``WAGTAILIMAGES_IMAGE_MODEL``), installed only by ``tests.settings_custom_image``."""
