"""An exercise in a published article cannot be deleted by accident, and deletions and unpublishing are logged."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from tests.factories import ArticlePageFactory, ExerciseFactory
from wagtail_runstrength.models import ExerciseSnippet

pytestmark = pytest.mark.django_db


def exercise_url(view, exercise) -> str:
    return reverse(ExerciseSnippet.snippet_viewset.get_url_name(view), args=(exercise.pk,))


def group_of(*exercises):
    return ("exercise_group", {"heading": "Key exercises", "exercises": [{"exercise": e} for e in exercises]})


@pytest.fixture
def squat_in_two_articles(index_page):
    squat = ExerciseFactory(name="Squat to calf raise")
    ArticlePageFactory(parent=index_page, title="Strength for runners", body=[group_of(squat)])
    ArticlePageFactory(parent=index_page, title="Calf care", body=[("exercise", {"exercise": squat})])
    return squat


def test_delete_view_refuses_an_exercise_in_published_articles_and_names_them(admin_client, squat_in_two_articles):
    squat = squat_in_two_articles
    response = admin_client.get(exercise_url("delete", squat))
    assert response.status_code == 302 and response.url == exercise_url("usage", squat)
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == (
        "“Squat to calf raise” cannot be deleted: 2 published items use it: “Calf care” (article page), "
        "“Strength for runners” (article page). Remove it from them, or unpublish them, first."
    )

    usage = admin_client.get(response.url).content.decode()
    assert "Calf care" in usage and "Strength for runners" in usage

    assert admin_client.post(exercise_url("delete", squat)).status_code == 302
    assert ExerciseSnippet.objects.filter(pk=squat.pk).exists()
    assert not ModelLogEntry.objects.filter(action="wagtail.delete").exists()


def test_bulk_delete_refuses_when_any_exercise_is_in_a_published_article(admin_client, squat_in_two_articles):
    unused = ExerciseFactory(name="Clamshell")
    url = reverse("wagtail_bulk_action", args=("wagtail_runstrength", "exercisesnippet", "delete"))
    query = f"?id={squat_in_two_articles.pk}&id={unused.pk}"
    response = admin_client.post(url + query)
    assert response.status_code == 302 and response.url == reverse(ExerciseSnippet.snippet_viewset.get_url_name("list"))
    assert ExerciseSnippet.objects.filter(pk__in=[squat_in_two_articles.pk, unused.pk]).count() == 2


def test_an_exercise_only_in_a_draft_asks_for_confirmation_then_deletes_and_logs(admin_client, index_page):
    clamshell = ExerciseFactory(name="Clamshell")
    draft = ArticlePageFactory(parent=index_page, title="Hip strength", body=[group_of(clamshell)])
    draft.unpublish()

    confirm = admin_client.get(exercise_url("delete", clamshell)).content.decode()
    assert "This exercise is referenced 1 time." in confirm and "Yes, delete" in confirm
    response = admin_client.post(exercise_url("delete", clamshell))
    assert response.status_code == 302
    assert not ExerciseSnippet.objects.filter(name="Clamshell").exists()

    entry = ModelLogEntry.objects.get(action="wagtail.delete")
    assert entry.label == "Clamshell" and entry.user.is_superuser
    report = admin_client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Clamshell" in report and "Deleted" in report


def test_unpublishing_an_exercise_is_logged_in_its_history_and_the_site_history(admin_client):
    squat = ExerciseFactory(name="Squat to calf raise")
    squat.save_revision().publish()
    response = admin_client.post(exercise_url("unpublish", squat))
    assert response.status_code == 302
    squat.refresh_from_db()
    assert not squat.live

    assert ModelLogEntry.objects.filter(action="wagtail.unpublish", object_id=str(squat.pk)).exists()
    history = admin_client.get(exercise_url("history", squat)).content.decode()
    assert "Unpublished" in history
    report = admin_client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Squat to calf raise" in report and "Unpublished" in report


def test_unpublishing_an_article_is_logged(admin_client, index_page):
    article = ArticlePageFactory(parent=index_page, title="Strength for runners")
    admin_client.post(reverse("wagtailadmin_pages:unpublish", args=(article.pk,)))
    article.refresh_from_db()
    assert not article.live
    assert PageLogEntry.objects.filter(page=article, action="wagtail.unpublish").exists()
