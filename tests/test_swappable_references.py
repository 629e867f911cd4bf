"""The package's migrations name no swappable model directly, so they follow the host's choices.

A literal ``to="wagtailimages.image"`` (or the user, document or base page
model) in a migration is what made a host with its own image model unable to
save an exercise. The models use ``get_image_model_string()`` and swapper; the
migrations must read the same settings when they load.
"""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

import wagtail_runstrength

MIGRATIONS = Path(wagtail_runstrength.__file__).parent / "migrations"
SWAPPABLE_LITERALS = re.compile(
    r"^(wagtailimages\.image|wagtaildocs\.document|auth\.user|wagtailcore\.page)$",
    re.IGNORECASE,
)


def string_constants(path: Path) -> list[str]:
    return [
        node.value
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


@pytest.mark.parametrize("migration", sorted(MIGRATIONS.glob("0*.py")), ids=lambda path: path.stem)
def test_no_migration_names_a_swappable_model(migration):
    assert [text for text in string_constants(migration) if SWAPPABLE_LITERALS.match(text)] == []


def test_the_packages_own_tables_have_no_key_to_the_user_or_document_model():
    # Keys inherited from Wagtail's Page (owner, locked_by) live in Wagtail's table.
    # If a model of ours gains one, its migration needs a swappable reference as
    # well: this test says so when that happens.
    targets = {
        field.related_model._meta.label
        for model in apps.get_app_config("wagtail_runstrength").get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey) and field.related_model is not None and field.model is model
    }
    assert "wagtailimages.Image" in targets
    # Clinical review keys to the user (Clinician.user, ClinicalReview.user, and LockableMixin's
    # locked_by on exercises) name settings.AUTH_USER_MODEL in migration 0015, which
    # test_no_migration_names_a_swappable_model checks.
    assert not targets & {"wagtaildocs.Document"}
