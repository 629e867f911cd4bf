"""Optional integrations, each an app of its own that a host adds to ``INSTALLED_APPS``."""
