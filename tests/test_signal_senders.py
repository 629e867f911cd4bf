"""The package's receivers listen to the models that matter, by sender, and to nothing else."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.factories import ArticlePageFactory, ExerciseFactory, MuscleGroupFactory
from tests.testapp.models import LandingPage
from wagtail_runstrength import fragment_cache, invalidation
from wagtail_runstrength.models import ArticlePage, ExerciseSnippet, MuscleGroup
from wagtail_runstrength.signal_handlers import watched_link_tables

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def generation():
    return fragment_cache.current_generation()


def package_receivers(signal, sender) -> list:
    return [
        r for r in signal._live_receivers(sender)[0] if getattr(r, "__module__", "").startswith("wagtail_runstrength")
    ]


@pytest.mark.parametrize("model", [Group, Collection])
def test_saving_a_model_the_package_does_not_watch_runs_none_of_its_receivers(model):
    assert package_receivers(post_save, model) == []
    assert package_receivers(post_delete, model) == []


@pytest.mark.parametrize("model", [ArticlePage, LandingPage, ExerciseSnippet, get_image_model()])
def test_every_watched_model_and_a_hosts_own_page_type_has_the_receivers(model):
    assert invalidation.on_save in package_receivers(post_save, model)
    assert invalidation.on_delete in package_receivers(post_delete, model)


def test_the_link_tables_of_many_to_many_fields_send_to_the_receiver():
    through = ExerciseSnippet.target_muscles.through
    assert invalidation.on_m2m_changed in package_receivers(m2m_changed, through)


def test_a_link_table_counts_from_either_side_of_the_relation():
    # The field is on ExerciseSnippet; muscle.exercisesnippet_set.add(...) sends with the muscle as instance.
    assert ExerciseSnippet.target_muscles.through in watched_link_tables([MuscleGroup])


def test_a_hosts_own_image_model_is_watched_and_invalidates():
    # The image model is fixed once Django has loaded its apps: a fresh process with settings that swap it.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/custom_image_suite.py",
            "--ds=tests.settings_custom_image",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout


def test_saving_an_unwatched_model_keeps_the_cache_and_a_host_page_invalidates_it(index_page):
    before = generation()
    Group.objects.create(name="Front desk")
    Collection.get_first_root_node().add_child(name="Leaflets")
    assert generation() == before
    landing = LandingPage(title="Welcome", slug="welcome")
    index_page.get_parent().add_child(instance=landing)
    assert generation() != before


def test_changing_an_exercises_muscles_invalidates_through_the_link_table(index_page):
    exercise = ExerciseFactory()
    ArticlePageFactory(parent=index_page, body=[("exercise", {"exercise": exercise})])
    before = generation()
    exercise.target_muscles.add(MuscleGroupFactory())
    assert generation() != before
