"""The exercise library in the admin through wagtail-modeladmin, for hosts that manage their models with it.

Add ``"wagtail_modeladmin"`` and ``"wagtail_runstrength.contrib.modeladmin"``
to ``INSTALLED_APPS`` (next to ``"wagtail_runstrength"``). The "Run strength"
menu then comes from ``ModelAdmin``; the snippets stay registered, without
menu items of their own, because the exercise blocks choose exercises through
the snippet chooser.
"""
