"""The example clinic's clinical review set-up: a "Clinicians" group and a "Clinical review" workflow.

Clinicians may open the admin, edit pages and publish them (approving the last
task of a workflow publishes the page); only they can approve the "Clinical review" task. The
workflow is attached to exercises and to every article index that exists when
this runs; the demo command attaches it to the blog it creates. "Clinic editors" get nothing here:
they can submit articles for review but not approve them.
"""

import swapper
from django.db import migrations

GROUP_NAME = "Clinicians"
WORKFLOW_NAME = "Clinical review"


def _permission(apps, app_label, model_name, action, verbose_name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model_name}",
        defaults={"name": f"Can {action} {verbose_name}"},
    )
    return permission


def create_review_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    page_app_label, page_model = swapper.split(swapper.get_model_name("wagtailcore", "Page"))
    Page = apps.get_model(page_app_label, page_model)
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    ClinicalReviewTask = apps.get_model("wagtail_runstrength", "ClinicalReviewTask")
    ArticleIndexPage = apps.get_model("wagtail_runstrength", "ArticleIndexPage")

    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        _permission(apps, "wagtailadmin", "admin", "access", "Wagtail admin"),
        _permission(apps, "wagtail_runstrength", "clinician", "view", "clinician"),
        _permission(apps, "wagtail_runstrength", "exercisesnippet", "view", "exercise"),
    )
    # Approving the last task of a workflow publishes the page, so clinicians need "publish" too.
    for root in Page.objects.filter(depth=1):
        for action in ("change", "publish"):
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=_permission(apps, page_app_label, page_model.lower(), action, "page")
            )

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtail_runstrength", model="clinicalreviewtask")
    task = ClinicalReviewTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = ClinicalReviewTask.objects.create(name=WORKFLOW_NAME, content_type=task_type, active=True)
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if created:
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    for index in ArticleIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page_id=index.pk, defaults={"workflow": workflow})
    # Exercises' safety notes are clinical content too.
    exercise_type, _ = ContentType.objects.get_or_create(app_label="wagtail_runstrength", model="exercisesnippet")
    WorkflowContentType.objects.get_or_create(content_type=exercise_type, defaults={"workflow": workflow})


def remove_review_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("wagtail_runstrength", "ClinicalReviewTask").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0002_demorecord"),
        ("wagtail_runstrength", "0015_clinical_review"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_review_workflow, remove_review_workflow)]
