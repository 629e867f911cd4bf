"""A dose of exercise, shared by the exercise library's defaults and an article's override."""

from __future__ import annotations

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

MAX_SETS = 10
MAX_REPS = 100
MAX_SECONDS = 600
MAX_REST_SECONDS = 600


class Prescription:
    """A dose of an exercise: sets of reps or of timed holds, optionally per side, with rest.

    Used for an exercise's default and for an article's override so both read
    and print the same way ("3 × 10 reps each side, rest 60 s").
    """

    def __init__(self, sets=None, reps=None, seconds=None, per_side=False, rest_seconds=None):
        self.sets = sets
        self.reps = reps
        self.seconds = seconds
        self.per_side = bool(per_side)
        self.rest_seconds = rest_seconds

    def __bool__(self) -> bool:
        return bool(self.sets or self.reps or self.seconds)

    def __eq__(self, other) -> bool:
        return isinstance(other, Prescription) and self.as_dict() == other.as_dict()

    def as_dict(self) -> dict:
        return {
            "sets": self.sets,
            "reps": self.reps,
            "seconds": self.seconds,
            "per_side": self.per_side,
            "rest_seconds": self.rest_seconds,
        }

    def __str__(self) -> str:
        """The dose in the active language, built from whole translatable phrases.

        Each piece is a full phrase with named placeholders (and plural forms
        where a number counts something), so a translation can reorder the
        words: "3 × 12 reps each side, rest 60 s" becomes
        "3 × 12 répétitions de chaque côté, repos 60 s".
        """
        if not self:
            return ""
        text = self._sets_and_dose()
        if self.per_side:
            # Translators: a dose done on each side of the body, e.g. "3 × 12 reps each side".
            text = gettext("%(dose)s each side") % {"dose": text}
        if self.rest_seconds:
            # Translators: the rest between sets; "s" is the symbol for seconds, after a no-break space.
            rest = ngettext("rest %(seconds)s s", "rest %(seconds)s s", self.rest_seconds) % {
                "seconds": self.rest_seconds
            }
            # Translators: a dose followed by the rest between sets, e.g. "3 × 12 reps, rest 60 s".
            text = gettext("%(dose)s, %(rest)s") % {"dose": text, "rest": rest}
        return text

    def _sets_and_dose(self) -> str:
        if self.seconds:
            # Translators: a timed hold, e.g. "30 s hold"; "s" is the symbol for seconds, after a no-break space.
            dose = ngettext("%(seconds)s s hold", "%(seconds)s s hold", self.seconds) % {"seconds": self.seconds}
        elif self.reps:
            dose = ngettext("%(reps)s rep", "%(reps)s reps", self.reps) % {"reps": self.reps}
        else:
            dose = ""
        if self.sets and dose:
            # Translators: a number of sets times what each set holds, e.g. "3 × 12 reps".
            return gettext("%(sets)s × %(dose)s") % {"sets": self.sets, "dose": dose}
        if self.sets:
            return ngettext("%(sets)s set", "%(sets)s sets", self.sets) % {"sets": self.sets}
        return dose


def prescription_errors(sets, reps, seconds) -> dict[str, str]:
    """Field errors for a prescription that counts both reps and seconds; empty when it is sound."""
    if reps and seconds:
        message = _("Give either reps or seconds, not both.")
        return {"reps": message, "seconds": message}
    return {}
