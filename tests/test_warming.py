"""Warming after a change (``warming.py``): the first reader of a just-published article gets a warm page.

The task framework's default, immediate backend runs the task when the
transaction commits; ``tests/test_worker_first_view.py`` does the same with a
real worker process on PostgreSQL.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Page

from tests.factories import ArticlePageFactory, ClinicianFactory, ExerciseFactory, ImageFactory, publish
from wagtail_runstrength import warming
from wagtail_runstrength.affected import affected_by
from wagtail_runstrength.images import HERO_IMAGE_SPECS

pytestmark = pytest.mark.django_db

Rendition = get_image_model().get_rendition_model()


def reader_get(client, path):
    """A reader on the site's own host (the warm copy is stored under it)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST="localhost")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.fixture
def new_article(index_page):
    """A draft with fresh images everywhere a page draws them, and a live neighbour it will show on a card."""
    neighbour = ArticlePageFactory(parent=index_page, slug="neighbour", hero_image=ImageFactory())
    neighbour.tags.add("knee")
    publish(neighbour)
    Rendition.objects.all().delete()
    article = ArticlePageFactory(
        parent=index_page,
        slug="fresh",
        live=False,
        hero_image=ImageFactory(),
        author=ClinicianFactory(photo=ImageFactory()),
        body=[
            ("exercise", {"exercise": ExerciseFactory(), "note": ""}),
            ("image", {"image": {"image": ImageFactory(), "alt_text": "", "decorative": True}, "caption": ""}),
            ("related_posts", {"heading": "Read next", "posts": []}),
        ],
    )
    article.tags.add("knee")
    article.save()
    return article


def test_the_first_view_after_publishing_makes_no_rendition_and_costs_a_warm_view(
    settings, client, new_article, django_capture_on_commit_callbacks
):
    settings.WAGTAIL_RUNSTRENGTH = {"WARM_AFTER_PUBLISH": True}
    assert not Rendition.objects.filter(image=new_article.hero_image).exists()
    with django_capture_on_commit_callbacks(execute=True):
        article = publish(new_article)
    made = Rendition.objects.count()
    assert Rendition.objects.filter(image=article.hero_image).count() >= len(HERO_IMAGE_SPECS) - 1

    first, first_queries = reader_get(client, article.url)
    assert Rendition.objects.count() == made, "the first reader made renditions"
    second, second_queries = reader_get(client, article.url)
    assert first == second
    assert first_queries == second_queries


def test_without_warming_the_first_view_makes_the_renditions(
    settings, client, new_article, django_capture_on_commit_callbacks
):
    settings.WAGTAIL_RUNSTRENGTH = {"WARM_AFTER_PUBLISH": False}
    with django_capture_on_commit_callbacks(execute=True):
        article = publish(new_article)
    assert not Rendition.objects.filter(image=article.hero_image).exists()
    _html, first_queries = reader_get(client, article.url)
    assert Rendition.objects.filter(image=article.hero_image).exists()
    _html, second_queries = reader_get(client, article.url)
    assert first_queries > second_queries


def test_warming_twice_makes_nothing_new(settings, client, new_article):
    article = publish(new_article)
    affected = affected_by(article)
    warming.warm(affected)
    made = Rendition.objects.count()
    with CaptureQueriesContext(connection) as queries:
        warming.warm(affected)
    assert Rendition.objects.count() == made
    assert not any("INSERT" in query["sql"] and "rendition" in query["sql"] for query in queries.captured_queries)


def test_the_plan_names_every_image_the_article_draws(new_article):
    article = publish(new_article)
    plan = warming.rendition_plan([article])
    exercise = next(block.value["exercise"] for block in article.body if block.block_type == "exercise")
    content = next(block.value["image"] for block in article.body if block.block_type == "image")
    neighbour = Page.objects.get(slug="neighbour").specific
    assert {image.pk for image in plan} == {
        article.hero_image_id,
        article.author.photo_id,
        exercise.image_id,
        content.pk,
        neighbour.hero_image_id,
    }
