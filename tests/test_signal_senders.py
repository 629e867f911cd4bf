"""The package's receivers listen to the models that matter, by sender, and to nothing else."""

import pytest
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.factories import ArticlePageFactory, ExerciseFactory, MuscleGroupFactory
from tests.testapp.models import LandingPage
from wagtail_runstrength import fragment_cache, invalidation
from wagtail_runstrength.models import ArticlePage, ExerciseSnippet

pytestmark = pytest.mark.django_db


def generation():
    return fragment_cache.get_cache().get(fragment_cache.GENERATION_KEY)


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
