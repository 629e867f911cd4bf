"""How the admin refuses to delete a library item that published content uses: a message, never an error page.

The guard itself lives on the models (``delete_guard.py``). Here the admin
asks it first, in the ``before_delete_snippet`` hook that Wagtail runs before
the confirmation page, the deletion and bulk deletion, so the editor sees
which content uses the item instead of a confirmation they cannot complete.
The delete view also catches the guard's refusal, in case content starts
using the item between the confirmation and the deletion.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.snippets.views.snippets import DeleteView

from .delete_guard import ContentInUseError, guarded_models, refuse_if_in_use


def refusal_redirect(obj, single: bool):
    """Where a refused editor lands: the item's usage list, or the listing after a bulk action.

    Muscle groups go back to the listing too: exercises use them through a
    many-to-many field, which the usage view (the reference index) does not list.
    """
    from .models import MuscleGroup

    viewset = obj.snippet_viewset
    if single and not isinstance(obj, MuscleGroup):
        return redirect(reverse(viewset.get_url_name("usage"), args=(quote(obj.pk),)))
    return redirect(reverse(viewset.get_url_name("list")))


def refuse_deleting_content_in_use(request, instances):
    """``before_delete_snippet`` hook: refuse, naming the published content, when any of ``instances`` is in use."""
    if not instances or not isinstance(instances[0], tuple(guarded_models())):
        return None
    try:
        refuse_if_in_use(type(instances[0]), list(instances))
    except ContentInUseError as error:
        for message in error.messages:
            messages.error(request, message)
        return refusal_redirect(next(iter(error.in_use)), single=len(instances) == 1)
    return None


class GuardedDeleteView(DeleteView):
    """Wagtail's snippet delete view, turning a late refusal by the guard into the same admin message."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ContentInUseError as error:
            for message in error.messages:
                messages.error(self.request, message)
            return refusal_redirect(self.object, single=True)
