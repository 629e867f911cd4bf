"""The fragment cache's generation, kept in the database so that no cache outage can lose a change."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_hex(16)


class FragmentGeneration(models.Model):
    """One row per change a reader could see; the newest row's token is the current generation.

    Rows are only ever added (and older ones deleted after commit), never
    updated: an editor's transaction then holds no lock that another editor's
    save would wait for. The token is random rather than the id so that a
    database restored from a backup, whose ids start again from an older
    number, never matches a fragment cached before the restore.
    """

    token = models.CharField(_("token"), max_length=32, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("fragment cache generation")
        verbose_name_plural = _("fragment cache generations")

    def __str__(self) -> str:
        return self.token
