"""Admin forms that check more than one field or row at a time."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

LOCALIZED_CTA_FORMSET = "localized_calls_to_action"


class RunStrengthSettingsForm(WagtailAdminModelForm):
    """The site settings form: one call to action per language, said on the row that repeats one.

    The database refuses a second row for a language anyway; without this
    check the editor would read Django's generic "duplicate data for
    site_settings and locale" above the list instead of an error on the row.
    """

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get(LOCALIZED_CTA_FORMSET) if hasattr(self, "formsets") else None
        if formset is not None:
            self._refuse_repeated_languages(formset)
        return cleaned_data

    @staticmethod
    def _refuse_repeated_languages(formset) -> None:
        seen = set()
        for form in formset.forms:
            if not form.is_valid() or formset._should_delete_form(form):
                continue
            locale = form.cleaned_data.get("locale")
            if locale is None:
                continue
            if locale.pk in seen:
                form.add_error(
                    "locale",
                    _("There is already a call to action in %(language)s above.") % {"language": locale},
                )
            seen.add(locale.pk)
