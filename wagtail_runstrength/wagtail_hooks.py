from wagtail.snippets.models import register_snippet

from .viewsets import RunStrengthViewSetGroup

register_snippet(RunStrengthViewSetGroup)
