"""What the "Clinic editors" group may delete: only their own pages that are not live, and only their own images.

Wagtail lets anyone who may edit and publish a page delete it too, so the
group's edit and publish rights over the whole tree (migration 0004) would
let any clinic editor delete any published page. Deleting is permanent, and
the group exists to write and publish; taking a page off the site is what
"Unpublish" is for, and it can be undone.

So for deleting pages the group counts as "add" only, which is Wagtail's own
rule for creators: a member may delete a page they created that is not live
and has no children, and nothing else. Rights from any other group the user
belongs to still apply in full, and superusers are not affected. The rule is
enforced where Wagtail decides page deletions: the admin's delete view, bulk
delete, and the ``delete`` page action that API v3 uses.

Images need no code: Wagtail treats deleting an image as editing it, and
migration 0011 leaves the group "add" and "choose" only, so members edit and
delete the images they uploaded themselves, and choose any image.
"""

from __future__ import annotations

import swapper
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.actions.delete_page import DeletePageAction, DeletePagePermissionError
from wagtail.models import PagePermissionTester

GROUP_NAME = "Clinic editors"

# The group's rights that Wagtail would count towards deleting a page.
RIGHTS_NOT_COUNTED_FOR_DELETION = {"change", "publish", "bulk_delete"}


def _group_ids(user) -> set[int]:
    if not hasattr(user, "_runstrength_clinic_editor_groups"):
        user._runstrength_clinic_editor_groups = set(user.groups.filter(name=GROUP_NAME).values_list("pk", flat=True))
    return user._runstrength_clinic_editor_groups


def _action(grant) -> str:
    # "publish_page" -> "publish", as PagePermissionTester reads a grant.
    return grant.permission.codename.rsplit("_", maxsplit=1)[0]


def deletion_refused(user, page) -> bool:
    """True when Wagtail would let ``user`` delete ``page`` only because of the Clinic editors group's rights."""
    if not user.is_active or user.is_superuser or not _group_ids(user):
        return False
    tester = PagePermissionTester(user, page)
    if not tester.can_delete():
        return False
    clinic_editor_groups = _group_ids(user)
    tester.permissions = {
        _action(grant)
        for grant in tester.permission_policy.get_cached_permissions_for_user(user)
        if page.path.startswith(grant.page.path)
        and not (grant.group_id in clinic_editor_groups and _action(grant) in RIGHTS_NOT_COUNTED_FOR_DELETION)
    }
    return not tester.can_delete()


def refusal_message(page) -> str:
    return _(
        "“%(title)s” was not deleted: clinic editors may delete only pages they created that are not "
        "published. Unpublish it instead, or ask an administrator to delete it."
    ) % {"title": page.get_admin_display_title()}


def refuse_page_deletion(request, page):
    """``before_delete_page`` hook: send a clinic editor back to the page with the reason."""
    if deletion_refused(request.user, page):
        messages.error(request, refusal_message(page))
        return redirect(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    return None


def refuse_bulk_page_deletion(request, action_type, objects, action):
    """``before_bulk_action`` hook: the same refusal for bulk deletion, before anything is deleted."""
    page_model = swapper.load_model("wagtailcore", "Page")
    if action_type != "delete" or not issubclass(action.model, page_model):
        return None
    refused = [page for page in objects if deletion_refused(request.user, page)]
    for page in refused:
        messages.error(request, refusal_message(page))
    return redirect(action.next_url) if refused else None


class ClinicEditorsDeletePageAction(DeletePageAction):
    """Wagtail's page delete action, also refusing what clinic editors may not delete (used by API v3)."""

    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        if self.user and not skip_permission_checks and deletion_refused(self.user, self.page):
            raise DeletePagePermissionError(refusal_message(self.page))


def register_delete_page_action(registry) -> None:
    """``register_actions`` hook."""
    registry.register(swapper.load_model("wagtailcore", "Page"), ClinicEditorsDeletePageAction)
