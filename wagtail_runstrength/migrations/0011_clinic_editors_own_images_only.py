"""Clinic editors edit and delete only the images they uploaded; they still add and choose any image.

Wagtail's image permissions count deleting as editing: with "change" on a
collection, a member could delete every image in it, other people's and those
published pages show. This migration takes "change" away from the "Clinic
editors" group wherever migration 0004 (or an administrator) granted it.
With "add" left, Wagtail still lets members edit and delete the images they
uploaded themselves. Alt text never needs someone else's image edited: every
image field of the package has its own alt text override.

Reversing it grants "change" on the top-level collections again, as 0004 did.
"""

from django.db import migrations

GROUP_NAME = "Clinic editors"


def _change_image(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailimages", model="image")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="change_image", defaults={"name": "Can change image"}
    )
    return permission


def remove_change_image(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name=GROUP_NAME,
        permission__content_type__app_label="wagtailimages",
        permission__codename="change_image",
    ).delete()


def restore_change_image(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    permission = _change_image(apps)
    for group in Group.objects.filter(name=GROUP_NAME):
        for collection in Collection.objects.filter(depth=1):
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_runstrength", "0010_fill_blank_slugs"),
        ("wagtail_runstrength", "0004_clinic_editors_group"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(remove_change_image, restore_change_image)]
