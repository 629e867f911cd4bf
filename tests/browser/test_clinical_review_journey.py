"""The clinical review lifecycle in real headless Chromium: submit, approve with a note, read the new review.

An editor of "Clinic editors" edits an article and submits it to the
"Clinical review" workflow; a clinician (member of the clinicians group with
a linked ``Clinician`` profile) signs in, opens the "Clinical reviews" report,
then approves the task with a note through the editor's workflow action
dialog. The published article then names the clinician and the new dates,
in its meta list and in its JSON-LD. No clock is frozen: the live server and
the browser must agree on session expiry, so the expected dates are worked
out from today.

Screenshots land in ``test-artifacts/review-*.png``; ``docs/clinical-review.md``
shows copies of them.
"""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import dateformat, timezone
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from tests.factories import ArticlePageFactory, ClinicianFactory, ExerciseFactory
from wagtail_runstrength.models import ArticlePage, ClinicalReview, ClinicalReviewTask
from wagtail_runstrength.review import add_months

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def long_date(day: datetime.date) -> str:
    """A date as the article template writes it in English ("6 December 2026")."""
    return dateformat.format(day, "j F Y")


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


class AdminUser:
    """One person's browser session in the Wagtail admin."""

    def __init__(self, chromium, base_url: str, artifacts):
        self.context = chromium.new_context(viewport={"width": 1440, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.base_url = base_url
        self.artifacts = artifacts

    def open(self, url: str) -> None:
        self.page.goto(self.base_url + url)
        self.page.wait_for_load_state("networkidle")

    def log_in(self, username: str, password: str) -> None:
        self.open("/admin/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url("**/admin/")

    def action(self, label):
        """A button of the editor's footer action menu, opening the "More actions" menu when it is inside."""
        button = self.page.get_by_role("button", name=label, exact=isinstance(label, str))
        if not button.is_visible():
            self.page.get_by_role("button", name="More actions").click()
        return button

    def screenshot(self, name: str, **kwargs) -> None:
        self.page.screenshot(path=self.artifacts / f"review-{name}.png", **kwargs)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def review_setup(index_page, django_user_model):
    """The example project's set-up (``clinic.0003_clinical_review_workflow``), rebuilt on the test host."""
    task = ClinicalReviewTask.objects.create(name="Clinical review")
    workflow = Workflow.objects.create(name="Clinical review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=index_page, workflow=workflow)

    editors = Group.objects.get(name="Clinic editors")
    clinicians, _ = Group.objects.get_or_create(name="Clinicians")
    clinicians.permissions.add(*editors.permissions.filter(codename="access_admin"))
    for action in ("change", "publish"):
        GroupPagePermission.objects.create(group=clinicians, page=Page.get_first_root_node(), permission_type=action)

    editor = django_user_model.objects.create_user(username="sam", password="password")
    editor.groups.add(editors)
    clinician_user = django_user_model.objects.create_user(username="dana", password="password")
    clinician_user.groups.add(clinicians)
    dana = ClinicianFactory(name="Dana Ortiz", credentials="DPT, OCS", user=clinician_user)

    # Work for the report: one article due soon, one exercise overdue, and the article under review,
    # whose last review (by someone else) is overdue.
    earlier = ClinicianFactory(name="Lee Park", credentials="MSc")
    article = ArticlePageFactory(parent=index_page, title="Strength training for runners")
    ClinicalReview.record(article, earlier, when=days_ago(400))
    ClinicalReview.record(
        ArticlePageFactory(parent=index_page, title="Hill sprints for stronger legs"), dana, when=days_ago(350)
    )
    ClinicalReview.record(ExerciseFactory(name="Side hip abduction"), dana, when=days_ago(420))
    return article, editor, clinician_user, dana


def test_a_clinician_approves_a_submitted_article_and_readers_see_the_new_review(
    live_server, chromium, artifacts_dir, review_setup
):
    article, editor_user, clinician_user, dana = review_setup

    # 1. The editor edits the article and submits it to the workflow.
    editor = AdminUser(chromium, live_server.url, artifacts_dir)
    try:
        editor.log_in(editor_user.username, "password")
        editor.open(f"/admin/pages/{article.pk}/edit/")
        editor.page.locator("#id_excerpt").fill("Two short sessions a week make every run feel easier.")
        with editor.page.expect_navigation():
            editor.action("Submit to Clinical review").click()
        editor.page.wait_for_load_state("networkidle")
    finally:
        editor.close()
    task_state = ArticlePage.objects.get(pk=article.pk).current_workflow_task_state
    assert task_state is not None and isinstance(task_state.task.specific, ClinicalReviewTask)

    clinician = AdminUser(chromium, live_server.url, artifacts_dir)
    try:
        clinician.log_in(clinician_user.username, "password")

        # 2. The report lists what is due: the exercise and the article under review overdue, one article due soon.
        clinician.open("/admin/reports/clinical-reviews/")
        rows = clinician.page.locator("table tbody tr")
        report = {
            row.locator("td").first.inner_text().strip(): row.inner_text() for row in rows.all() if row.is_visible()
        }
        assert "Review overdue" in report["Side hip abduction"]
        assert "Review overdue" in report["Strength training for runners"]
        assert "Review due soon" in report["Hill sprints for stronger legs"]
        clinician.screenshot("report", clip={"x": 0, "y": 0, "width": 1440, "height": 340})

        # 3. The clinician approves with a note through the workflow action dialog.
        clinician.open(f"/admin/pages/{article.pk}/edit/")
        # On the workflow's last step Wagtail names the publish that approving brings.
        approve = re.compile(r"^\s*Approve clinical review and Publish\s*$")
        clinician.action(approve).click()
        dialog = clinician.page.locator("div.modal[role=dialog]")
        dialog.get_by_label("Review note").fill("Checked the knee cues and the loading advice.")
        clinician.page.wait_for_function(
            "getComputedStyle(document.querySelector('div.modal[role=dialog]')).opacity === '1'"
        )
        clinician.screenshot("approve")
        with clinician.page.expect_navigation():
            dialog.get_by_role("button", name="Approve clinical review", exact=True).click()
        clinician.page.wait_for_load_state("networkidle")
    finally:
        clinician.close()

    today = timezone.localdate()
    page = ArticlePage.objects.get(pk=article.pk)
    assert page.live and page.current_workflow_state is None
    assert (page.reviewer, page.last_reviewed) == (dana, today)
    assert ClinicalReview.for_object(page).first().note == "Checked the knee cues and the loading advice."
    assert page.excerpt == "Two short sessions a week make every run feel easier."

    # 4. Readers see the new review in the meta list and search engines in the JSON-LD.
    reader = AdminUser(chromium, live_server.url, artifacts_dir)
    try:
        reader.open(page.url)
        entries = reader.page.locator(".rs-review")
        assert entries.nth(0).locator("dt").inner_text() == "Clinically reviewed by"
        assert entries.nth(0).locator("dd").inner_text() == f"Dana Ortiz, DPT, OCS on {long_date(today)}"
        assert entries.nth(1).locator("dt").inner_text() == "Next review due"
        assert entries.nth(1).locator("dd").inner_text() == long_date(add_months(today, 12))
        assert reader.page.locator(".rs-review-notice").count() == 0  # no longer overdue
        graph = []
        for script in reader.page.locator('script[type="application/ld+json"]').all():
            data = json.loads(script.text_content())
            graph.extend(data.get("@graph", [data]))
        medical = next(item for item in graph if item.get("@type") == "MedicalWebPage")
        assert medical["lastReviewed"] == today.isoformat()
        assert medical["reviewedBy"]["name"] == "Dana Ortiz"
        assert medical["reviewedBy"]["honorificSuffix"] == "DPT, OCS"
        header = reader.page.locator("header", has=reader.page.get_by_role("heading", level=1)).first
        header.screenshot(path=artifacts_dir / "review-article.png")
    finally:
        reader.close()
