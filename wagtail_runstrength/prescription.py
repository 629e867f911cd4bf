"""A dose of exercise, shared by the exercise library's defaults and an article's override."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

MAX_SETS = 10
MAX_REPS = 100
MAX_SECONDS = 600
MAX_REST_SECONDS = 600


class Prescription:
    """A dose of an exercise: sets of reps or of timed holds, optionally per side, with rest.

    Used for an exercise's default and for an article's override so both read
    and print the same way ("3 sets × 10 reps each side, rest 60 s").
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
        if not self:
            return ""
        if self.seconds:
            dose = _("%(seconds)s\u00a0s hold") % {"seconds": self.seconds}
        elif self.reps:
            dose = _("%(reps)s reps") % {"reps": self.reps}
        else:
            dose = ""
        if self.sets and dose:
            text = _("%(sets)s × %(dose)s") % {"sets": self.sets, "dose": dose}
        elif self.sets:
            text = _("%(sets)s sets") % {"sets": self.sets}
        else:
            text = dose
        if self.per_side:
            text = _("%(dose)s each side") % {"dose": text}
        if self.rest_seconds:
            text = _("%(dose)s, rest %(rest)s\u00a0s") % {
                "dose": text,
                "rest": self.rest_seconds,
            }
        return str(text)


def prescription_errors(sets, reps, seconds) -> dict[str, str]:
    """Field errors for a prescription that counts both reps and seconds; empty when it is sound."""
    if reps and seconds:
        message = _("Give either reps or seconds, not both.")
        return {"reps": message, "seconds": message}
    return {}
