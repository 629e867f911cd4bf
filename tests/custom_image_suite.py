"""The fragment cache on a host with its own image model (``tests.settings_custom_image``).

Not collected by the main run (the file name does not start with ``test_``):
``tests/test_signal_senders.py`` runs it in a subprocess, because the image
model is fixed once Django has loaded its apps. The test database is built by
the migrations, the package's included, so the image foreign keys they create are
the ones the articles and exercises below are saved through. Run it alone with
``pytest tests/custom_image_suite.py --ds=tests.settings_custom_image``.
"""

import pytest
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.images.models import Image

from tests.customimage.models import ClinicImage
from tests.factories import ArticlePageFactory, ExerciseFactory, ImageFactory
from wagtail_runstrength import fragment_cache, invalidation

pytestmark = pytest.mark.django_db


def generation():
    return fragment_cache.current_generation()


def package_receivers(signal, sender) -> list:
    return [
        r for r in signal._live_receivers(sender)[0] if getattr(r, "__module__", "").startswith("wagtail_runstrength")
    ]


def test_the_hosts_image_model_is_the_one_the_receivers_listen_to():
    assert get_image_model() is ClinicImage
    assert invalidation.on_save in package_receivers(post_save, ClinicImage)
    assert invalidation.on_delete in package_receivers(post_delete, ClinicImage)


def test_renditions_of_the_hosts_images_run_none_of_the_receivers():
    assert package_receivers(post_save, ClinicImage.get_rendition_model()) == []


def test_saving_and_deleting_an_image_of_the_hosts_model_replaces_the_generation():
    before = generation()
    image = ImageFactory(credit="Northside Running Clinic")
    assert isinstance(image, ClinicImage)
    saved = generation()
    assert saved != before
    image.delete()
    assert generation() != saved


def test_wagtails_own_image_model_is_left_alone_when_the_host_has_another():
    # Not the image model, so not watched; and not installed as a sender either.
    assert Image not in invalidation.watched_models()
    assert package_receivers(post_save, Image) == []


def test_an_article_and_an_exercise_with_the_hosts_images_save_render_and_serialise(client, index_page):
    # The foreign keys the migrations created point at ClinicImage: with Wagtail's
    # image table behind them, saving here failed with a FOREIGN KEY error.
    photo = ImageFactory(title="Calf raise on a step", credit="Northside Running Clinic")
    hero = ImageFactory(title="Runners on a bridge")
    exercise = ExerciseFactory(name="Single-leg calf raise", image=photo)
    page = ArticlePageFactory(
        parent=index_page,
        title="Calves for hills",
        hero_image=hero,
        body=[("exercise", {"exercise": exercise, "note": "Slow on the way down."})],
    )
    page.refresh_from_db()
    assert isinstance(page.hero_image, ClinicImage)
    exercise.refresh_from_db()
    assert exercise.image == photo

    html = client.get(page.url).content.decode()
    assert "Single-leg calf raise" in html
    for image in (hero, photo):
        renditions = ClinicImage.get_rendition_model().objects.filter(image=image)
        assert renditions.exists()
        assert all(rendition.url in html for rendition in renditions)

    data = client.get(f"/api/v2/articles/{page.pk}/").json()
    assert data["hero_image"]["id"] == hero.pk
