"""Admin registrations: the "Run strength" menu (or, with the modeladmin integration, the snippets without it)."""

from django.apps import apps
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .usage import refuse_deleting_exercises_in_use
from .viewsets import RunStrengthSnippetsWithoutMenu, RunStrengthViewSetGroup

# With wagtail_runstrength.contrib.modeladmin installed, ModelAdmin provides the
# menu; the snippets stay registered for the exercise blocks' choosers.
if apps.is_installed("wagtail_runstrength.contrib.modeladmin"):
    register_snippet(RunStrengthSnippetsWithoutMenu)
else:
    register_snippet(RunStrengthViewSetGroup)

hooks.register("before_delete_snippet", refuse_deleting_exercises_in_use)
