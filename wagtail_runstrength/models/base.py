"""Shared base for the package's translatable, slugged snippets."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, TranslatableMixin


class SluggedTranslatableModel(TranslatableMixin, models.Model):
    """A snippet with a name and a slug that is unique within its locale.

    The admin form has no ``locale`` field, so Django skips the
    ``(slug, locale)`` uniqueness check and a duplicate would reach the
    database as an ``IntegrityError``. ``clean()`` turns it into a field error.
    """

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        blank=True,
        allow_unicode=True,
        help_text=_("Used in web addresses and API filters. Leave blank to make one from the name."),
    )

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug and self.name:
            self.slug = slugify(self.name, allow_unicode=True)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if not self.slug and self.name:
            self.slug = slugify(self.name, allow_unicode=True)
        locale_id = self.locale_id or self.get_default_locale().pk
        clash = type(self)._default_manager.filter(slug=self.slug, locale_id=locale_id).exclude(pk=self.pk)
        if self.slug and clash.exists():
            raise ValidationError({"slug": _("Another entry in this language already uses this slug.")})

    @classmethod
    def for_slug(cls, slug: str, locale=None, queryset=None):
        """The entry with ``slug``, read in ``locale`` first: slugs are unique per language, not overall.

        A translation usually keeps its source's slug, so ``.filter(slug=...).first()``
        would return either language's row. Falls back to the default locale, then to
        any locale, so an English slug still works on a page or request in French.
        ``None`` when no entry has the slug. ``queryset`` narrows the candidates
        (say, to published exercises, with what the caller needs loaded).
        """
        candidates = queryset if queryset is not None else cls._default_manager.all()
        rows = {row.locale_id: row for row in candidates.filter(slug=slug)}
        wanted = getattr(locale, "pk", locale)
        if wanted in rows or len(rows) <= 1:
            return rows.get(wanted) or next(iter(rows.values()), None)
        # Only a slug shared by other languages needs the default locale (one more query).
        return rows.get(Locale.get_default().pk) or rows[min(rows)]
