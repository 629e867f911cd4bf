"""Shared base for the package's translatable, slugged snippets."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, TranslatableMixin

from ..delete_guard import DeleteGuardMixin, DeleteGuardQuerySet

PLACEHOLDER_SLUG_PREFIX = "untitled-"


def can_match(text: str) -> bool:
    """False for reader input no row can hold: text with a NUL character.

    No slug or name contains one, and PostgreSQL refuses one anywhere in a
    query (``DataError``), so lookups answer "no match" without asking.
    """
    return "\x00" not in text


class SluggedTranslatableModel(DeleteGuardMixin, TranslatableMixin, models.Model):
    """A snippet with a name and a slug that is unique within its locale.

    The admin form has no ``locale`` field, so Django skips the
    ``(slug, locale)`` uniqueness check and a duplicate would reach the
    database as an ``IntegrityError``. ``clean()`` turns it into a field error.

    The slug is never blank in the database, even in a draft: a blank slug is
    made from the name, and when there is no name yet (an empty draft, which
    autosave stores too) or the name has no letters or digits, it is a
    placeholder made from the ``translation_key``, unique in its locale. The
    placeholder gives way to a slug from the name as soon as there is one.
    Otherwise two empty drafts would share the blank slug and the second save
    would fail on the ``(slug, locale)`` constraint.

    Published content that uses an entry keeps it from being deleted
    (``delete_guard.py``).
    """

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        blank=True,
        allow_unicode=True,
        help_text=_("Used in web addresses and API filters. Leave blank to make one from the name."),
    )

    objects = DeleteGuardQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.name or self.untitled_label()

    def save(self, *args, **kwargs) -> None:
        self.fill_slug()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.fill_slug()
        locale_id = self.locale_id or self.get_default_locale().pk
        clash = type(self)._default_manager.filter(slug=self.slug, locale_id=locale_id).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"slug": _("Another entry in this language already uses this slug.")})

    def untitled_label(self) -> str:
        """What the admin calls an entry saved before it has a name: "Untitled exercise (draft)"."""
        if getattr(self, "live", True):
            return _("Untitled %(type)s") % {"type": self._meta.verbose_name}
        return _("Untitled %(type)s (draft)") % {"type": self._meta.verbose_name}

    def listing_name(self) -> str:
        """The name column of admin listings: the name, or the untitled label instead of an empty cell."""
        return str(self)

    listing_name.short_description = _("name")
    listing_name.admin_order_field = "name"

    @property
    def placeholder_slug(self) -> str:
        return f"{PLACEHOLDER_SLUG_PREFIX}{self.translation_key.hex}"

    def fill_slug(self) -> None:
        """Make the slug from the name when it is blank or still the placeholder; else keep the editor's."""
        if not self.slug or self.slug == self.placeholder_slug:
            made = slugify(self.name, allow_unicode=True)[: self._meta.get_field("slug").max_length]
            self.slug = made or self.placeholder_slug

    @classmethod
    def for_slug(cls, slug: str, locale=None, queryset=None):
        """The entry with ``slug``, read in ``locale`` first: slugs are unique per language, not overall.

        A translation usually keeps its source's slug, so ``.filter(slug=...).first()``
        would return either language's row. Falls back to the default locale, then to
        any locale, so an English slug still works on a page or request in French.
        ``None`` when no entry has the slug. ``queryset`` narrows the candidates
        (say, to published exercises, with what the caller needs loaded).
        """
        if not can_match(slug):
            return None
        candidates = queryset if queryset is not None else cls._default_manager.all()
        rows = {row.locale_id: row for row in candidates.filter(slug=slug)}
        wanted = getattr(locale, "pk", locale)
        if wanted in rows or len(rows) <= 1:
            return rows.get(wanted) or next(iter(rows.values()), None)
        # Only a slug shared by other languages needs the default locale (one more query).
        return rows.get(Locale.get_default().pk) or rows[min(rows)]
