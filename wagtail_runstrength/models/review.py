"""Clinical review: the fields reviewed content carries, the review history and the workflow task.

A review is only ever recorded by ``ClinicalReviewTask`` when a member of the
clinicians group approves it. The ``reviewer`` and ``last_reviewed`` fields on
articles and exercises are a copy of the latest ``ClinicalReview`` of published
content, kept for cheap listing and filtering; they change when the reviewed
revision goes live, and no editing form and no revision can set them.
"""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.log_actions import log
from wagtail.models import Task, TaskState

from ..conf import get_setting

# Fields set only from a completed review; revisions and forms never change them.
REVIEW_RECORD_FIELDS = ("reviewer", "last_reviewed")


class ReviewedContentMixin(models.Model):
    """Clinical content with a reviewer, a last review date and an optional review interval of its own."""

    reviewer = models.ForeignKey(
        "wagtail_runstrength.Clinician",
        verbose_name=_("clinical reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The clinician who last approved a clinical review. Set by the review workflow."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When the last clinical review was approved. Set by the review workflow."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review every (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leave blank to use the site's review interval."),
    )

    # A translation is new content for readers in its language: it needs a review of its own.
    exclude_fields_in_copy = list(REVIEW_RECORD_FIELDS)

    review_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("reviewer", read_only=True), FieldPanel("last_reviewed", read_only=True)]),
                "review_interval_months",
            ],
            heading=_("Clinical review"),
            help_text=_("A clinician records a review by approving the page's clinical review workflow task."),
        ),
    ]

    class Meta:
        abstract = True

    def with_content_json(self, content):
        """Keep the stored review: restoring or publishing an old revision must not change who reviewed when."""
        obj = super().with_content_json(content)
        obj.reviewer_id = self.reviewer_id
        obj.last_reviewed = self.last_reviewed
        return obj

    def review_status(self, site=None, today: datetime.date | None = None):
        """Where this stands on ``today`` against its review schedule (``review.ReviewStatus``)."""
        from ..review import status_for

        if site is None and hasattr(self, "get_site"):
            site = self.get_site()
        return status_for(self, site, today)

    def review_status_for_request(self, request=None, today: datetime.date | None = None):
        """The review status using the settings of the request's site (read once per request by Wagtail)."""
        from ..review import policy_from_settings, status_for
        from .settings import RunStrengthSettings

        if request is None:
            return self.review_status(today=today)
        return status_for(self, today=today, policy=policy_from_settings(RunStrengthSettings.for_request(request)))


class ClinicalReview(models.Model):
    """One completed clinical review: who approved which revision of what, when, with what note."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=255)
    content_object = GenericForeignKey("content_type", "object_id")
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        "wagtail_runstrength.Clinician",
        verbose_name=_("reviewer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="clinical_reviews",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("clinical review")
        verbose_name_plural = _("clinical reviews")
        ordering = ["-reviewed_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-reviewed_at"], name="rs_review_object")]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.reviewed_at:%Y-%m-%d}"

    @classmethod
    def for_object(cls, obj):
        """The reviews of ``obj``, newest first."""
        return cls.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))

    @classmethod
    @transaction.atomic
    def record(
        cls, obj, clinician, user=None, revision=None, note: str = "", when=None, apply: bool = True
    ) -> ClinicalReview:
        """Record a completed review of ``obj``; with ``apply``, copy it onto ``obj``'s review fields now.

        The workflow task records with ``apply=False``: what readers see changes
        only when the reviewed revision is published (``apply_published``).
        Imports and scripts keep the default and change the fields at once.
        """
        when = when or timezone.now()
        review = cls.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            locale_id=obj.locale_id,
            revision=revision,
            reviewer=clinician,
            user=user,
            reviewed_at=when,
            note=note,
        )
        if apply:
            review.apply_to(obj)
        # The entry on the object's history, beside its publishes and workflow steps.
        log(
            obj,
            "wagtail_runstrength.clinical_review",
            user=user,
            revision=revision,
            data={"reviewer": str(clinician) if clinician else "", "note": note},
        )
        return review

    @property
    def reviewed_on(self) -> datetime.date:
        return timezone.localdate(self.reviewed_at)

    def apply_to(self, obj) -> None:
        """Copy this review onto ``obj``'s ``reviewer`` and ``last_reviewed``.

        Written with ``update()`` so the live row changes without a new
        revision and without touching anything else the object holds.
        """
        day = self.reviewed_on
        type(obj)._default_manager.filter(pk=obj.pk).update(reviewer_id=self.reviewer_id, last_reviewed=day)
        obj.reviewer, obj.last_reviewed = self.reviewer, day

    @classmethod
    def apply_published(cls, obj, revision) -> ClinicalReview | None:
        """After ``revision`` of ``obj`` goes live, show the newest review of that revision or an earlier one.

        A review approved on a workflow step before the last one waits here
        until its content is published. Publishing an older revision again
        never moves the shown review back: only a review newer than the one
        shown (or of the same day by someone else) is applied. A publish
        scheduled for later leaves the object not live: the review waits for
        the scheduled publish.
        """
        if revision is None or not getattr(obj, "live", True):
            return None
        review = cls.for_object(obj).filter(revision__isnull=False, revision_id__lte=revision.pk).first()
        if review is None:
            return None
        shown = (obj.reviewer_id, obj.last_reviewed)
        if shown == (review.reviewer_id, review.reviewed_on):
            return None
        if obj.last_reviewed is not None and review.reviewed_on < obj.last_reviewed:
            return None
        review.apply_to(obj)
        return review


def apply_review_on_publish(sender, instance, revision=None, **kwargs) -> None:
    """``published`` receiver for reviewed models: show a review that waited for its content to go live."""
    ClinicalReview.apply_published(instance, revision)


class ReviewReminder(models.Model):
    """A reminder e-mail sent to one clinician on one day, so a second run that day sends nothing."""

    reviewer = models.ForeignKey("wagtail_runstrength.Clinician", on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    item_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [models.UniqueConstraint(fields=["reviewer", "sent_on"], name="rs_review_reminder_once_a_day")]

    def __str__(self) -> str:
        return f"{self.reviewer_id} {self.sent_on}"


def user_is_clinician(user) -> bool:
    """Whether ``user`` belongs to the clinicians group (``CLINICIANS_GROUP``); cached on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_runstrength_is_clinician", None)
    if cached is None:
        cached = user.groups.filter(name=get_setting("CLINICIANS_GROUP")).exists()
        user._runstrength_is_clinician = cached
    return cached


def clinician_for_user(user, locale_id=None):
    """The ``Clinician`` profile linked to ``user``, in ``locale_id`` when the profile is translated."""
    from .people import Clinician

    profiles = list(Clinician.objects.filter(user=user))
    if not profiles:
        return None
    profile = profiles[0]
    if locale_id is not None and profile.locale_id != locale_id:
        translated = Clinician.objects.filter(translation_key=profile.translation_key, locale_id=locale_id).first()
        return translated or profile
    return profile


class ClinicalReviewForm(forms.Form):
    """What a clinician adds when approving: an optional note kept with the review."""

    comment = forms.CharField(
        label=_("Review note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Kept in the article's review history, for example what you checked or changed."),
    )


class ClinicalReviewTask(Task):
    """A workflow step only clinicians can approve; approving records a clinical review.

    Members of the clinicians group (``WAGTAIL_RUNSTRENGTH["CLINICIANS_GROUP"]``)
    with a linked ``Clinician`` profile may approve or request changes; nobody
    else, superusers included, since the review names the clinician who did it.
    """

    @classmethod
    def get_description(cls):
        return _("Members of the clinicians group approve the clinical content; approving records a review.")

    def _can_review(self, user) -> bool:
        return user_is_clinician(user) and clinician_for_user(user) is not None

    def user_can_access_editor(self, obj, user):
        return self._can_review(user)

    def locked_for_user(self, obj, user):
        return not (user.is_superuser or self._can_review(user))

    def get_actions(self, obj, user):
        if not self._can_review(user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve clinical review"), True),
        ]

    def get_form_for_action(self, action):
        if action == "approve":
            return ClinicalReviewForm
        return super().get_form_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            obj = task_state.workflow_state.content_object
            obj = getattr(obj, "specific", obj)
            clinician = clinician_for_user(user, getattr(obj, "locale_id", None))
            # Recorded now, shown to readers when the reviewed revision is published (``apply_published``).
            ClinicalReview.record(
                obj, clinician, user=user, revision=task_state.revision, note=kwargs.get("comment", ""), apply=False
            )
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self._can_review(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    class Meta:
        verbose_name = _("clinical review task")
        verbose_name_plural = _("clinical review tasks")
