"""Create the "Clinic editors" group: clinic staff who write articles and keep the exercise library.

Members can open the admin; add, edit and publish pages anywhere in the tree
(the permissions sit on the tree root, so they cover every site, including
article indexes created later); add, edit and choose images in every
collection; and add, edit and publish exercises, muscle groups, article
categories and clinicians. They cannot delete exercises (an exercise may be in
published articles) or change the site's Run strength settings. Reversing the
migration deletes the group.

Documents are left to the host: wagtaildocs' own migrations give every group
with admin access "choose document" when they run after this one, and
granting document permissions here could collide with them when they do.

Permissions are fetched with ``get_or_create`` because Django only creates a
model's permissions after all migrations have run (``post_migrate``), which on
a fresh database is after this migration.
"""

import swapper
from django.db import migrations

GROUP_NAME = "Clinic editors"

# (model name, verbose name, actions)
LIBRARY_PERMISSIONS = [
    ("exercisesnippet", "exercise", ["add", "change", "view", "publish"]),
    ("musclegroup", "muscle group", ["add", "change", "view"]),
    ("articlecategory", "article category", ["add", "change", "view"]),
    ("clinician", "clinician", ["add", "change", "view"]),
]
PAGE_ACTIONS = ["add", "change", "publish"]
IMAGE_ACTIONS = ["add", "change", "choose"]


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


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    page_app_label, page_model = swapper.split(swapper.get_model_name("wagtailcore", "Page"))
    Page = apps.get_model(page_app_label, page_model)
    page_model = page_model.lower()

    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(_permission(apps, "wagtailadmin", "admin", "access", "Wagtail admin"))
    for model_name, verbose_name, actions in LIBRARY_PERMISSIONS:
        group.permissions.add(
            *(_permission(apps, "wagtail_runstrength", model_name, action, verbose_name) for action in actions)
        )

    for root in Page.objects.filter(depth=1):
        for action in PAGE_ACTIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=_permission(apps, page_app_label, page_model, action, "page"),
            )
    for collection in Collection.objects.filter(depth=1):
        for action in IMAGE_ACTIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=_permission(apps, "wagtailimages", "image", action, "image"),
            )


def delete_group(apps, schema_editor):
    # Page, collection and model permissions of the group go with it (cascade).
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_runstrength", "0003_runstrengthsettings_frontend_base_url"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        swapper.dependency("wagtailcore", "Page"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
