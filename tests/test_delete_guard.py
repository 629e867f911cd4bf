"""Library items that published content uses are never deleted, whichever path asks: model, queryset, collector, admin, API.

What counts as "in use" is in ``wagtail_runstrength/usage.py``: live pages and
published snippets that refer to the item, published exercises that list an
exercise as a progression or regression, and published exercises that target a
muscle group. Drafts never protect an item.
"""

import pytest
from django.contrib.messages import get_messages
from django.db import transaction
from django.db.models.deletion import Collector
from django.urls import reverse
from wagtail.models import APIToken, ModelLogEntry

from tests.factories import (
    ArticleCategoryFactory,
    ArticlePageFactory,
    ClinicianFactory,
    ExerciseFactory,
    LandingPageFactory,
    MuscleGroupFactory,
)
from wagtail_runstrength import usage
from wagtail_runstrength.delete_guard import ContentInUseError, allow_deleting_content_in_use
from wagtail_runstrength.models import ArticleCategory, ArticlePage, Clinician, ExerciseSnippet, MuscleGroup

pytestmark = pytest.mark.django_db


def exists(obj) -> bool:
    return type(obj).objects.filter(pk=obj.pk).exists()


def in_body(exercise):
    return [("exercise", {"exercise": exercise})]


def related_posts(*categories):
    return [("related_posts", {"heading": "More", "posts": [], "limit": 3, "tags": "", "categories": list(categories)})]


@pytest.fixture
def squat(index_page):
    squat = ExerciseFactory(name="Squat to calf raise")
    ArticlePageFactory(parent=index_page, title="Strength for runners", body=in_body(squat))
    return squat


# What "in use" means, model by model


def test_an_exercise_in_a_live_article_refuses_delete_and_names_the_article(squat):
    with pytest.raises(ContentInUseError) as refused:
        squat.delete()
    assert str(refused.value) == (
        "“Squat to calf raise” cannot be deleted: 1 published item uses it: “Strength for runners” (article page). "
        "Remove it from there, or unpublish that item, first."
    )
    assert [page.title for page in refused.value.protected_objects] == ["Strength for runners"]
    # Refused before Django's collector opened its transaction: the caller's transaction still works.
    assert exists(squat)


def test_a_queryset_delete_refuses_all_when_one_item_is_in_use_and_deletes_nothing(squat):
    unused = ExerciseFactory(name="Clamshell")
    with pytest.raises(ContentInUseError, match="Squat to calf raise"):
        ExerciseSnippet.objects.filter(pk__in=[squat.pk, unused.pk]).delete()
    assert exists(squat) and exists(unused)


def test_unused_items_delete_one_by_one_and_in_bulk(index_page):
    exercise, muscle, category, clinician = (
        ExerciseFactory(),
        MuscleGroupFactory(),
        ArticleCategoryFactory(),
        ClinicianFactory(),
    )
    exercise.delete()
    MuscleGroup.objects.filter(pk=muscle.pk).delete()
    category.delete()
    Clinician.objects.filter(pk=clinician.pk).delete()
    assert not any(map(exists, (exercise, muscle, category, clinician)))


def test_an_exercise_only_draft_articles_use_can_be_deleted(index_page):
    exercise = ExerciseFactory()
    ArticlePageFactory(parent=index_page, live=False, body=in_body(exercise))
    unpublished = ArticlePageFactory(parent=index_page, body=in_body(exercise))
    unpublished.unpublish()
    exercise.delete()
    assert not exists(exercise)


def test_an_exercise_only_unpublished_changes_of_a_live_article_use_can_be_deleted(index_page):
    exercise = ExerciseFactory()
    article = ArticlePageFactory(parent=index_page)
    article.body = in_body(exercise)
    article.save_revision()  # a draft of the live article; readers still see the published body
    exercise.delete()
    assert not exists(exercise)


def test_an_exercise_in_a_hosts_own_live_page_type_is_protected(site):
    exercise = ExerciseFactory(name="Pogo hops")
    LandingPageFactory(parent=site.root_page, title="Plyometrics day", body=in_body(exercise))
    with pytest.raises(ContentInUseError, match="“Plyometrics day” \\(landing page\\)"):
        exercise.delete()


def test_an_exercise_a_published_exercise_lists_as_progression_or_regression_is_protected():
    easier, harder, draft_link = (
        ExerciseFactory(name="Wall sit"),
        ExerciseFactory(name="Pistol squat"),
        ExerciseFactory(),
    )
    squat = ExerciseFactory(name="Split squat")
    squat.progressions.set([harder])
    squat.regressions.set([easier])
    squat.save()
    draft = ExerciseFactory(live=False)
    draft.progressions.set([draft_link])
    draft.save()

    for linked in (easier, harder):
        with pytest.raises(ContentInUseError, match="“Split squat” \\(exercise\\)"):
            linked.delete()
    draft_link.delete()  # only a draft links to it
    # Deleted together, the exercises do not protect one another.
    ExerciseSnippet.objects.filter(pk__in=[squat.pk, easier.pk, harder.pk]).delete()
    assert not ExerciseSnippet.objects.filter(pk__in=[squat.pk, easier.pk, harder.pk]).exists()


def test_a_muscle_group_a_published_exercise_targets_is_protected_but_not_one_only_drafts_target():
    calves, adductors = MuscleGroupFactory(name="Calf group"), MuscleGroupFactory(name="Adductor group")
    ExerciseFactory(name="Calf raise", target_muscles=[calves])
    ExerciseFactory(name="Copenhagen plank", live=False, target_muscles=[adductors])
    with pytest.raises(ContentInUseError, match="“Calf group” cannot be deleted: .*“Calf raise” \\(exercise\\)"):
        calves.delete()
    with pytest.raises(ContentInUseError):
        MuscleGroup.objects.filter(pk=calves.pk).delete()
    adductors.delete()
    assert exists(calves) and not exists(adductors)


def test_a_category_a_live_article_is_filed_under_or_a_related_posts_block_matches_is_protected(index_page):
    filed, matched, drafts_only = (ArticleCategoryFactory() for _ in range(3))
    ArticlePageFactory(parent=index_page, title="Filed", category=filed)
    ArticlePageFactory(parent=index_page, title="Matching", body=related_posts(matched))
    ArticlePageFactory(parent=index_page, live=False, category=drafts_only, body=related_posts(drafts_only))
    with pytest.raises(ContentInUseError, match="“Filed” \\(article page\\)"):
        filed.delete()
    with pytest.raises(ContentInUseError, match="“Matching” \\(article page\\)"):
        ArticleCategory.objects.filter(pk=matched.pk).delete()
    drafts_only.delete()
    assert not exists(drafts_only)


def test_a_clinician_credited_on_a_live_article_is_protected(index_page):
    author, reviewer = ClinicianFactory(name="Maya Okafor"), ClinicianFactory(name="Daniel Reyes")
    ArticlePageFactory(parent=index_page, title="Hill repeats", author=author, reviewer=reviewer)
    for clinician in (author, reviewer):
        with pytest.raises(ContentInUseError, match="“Hill repeats”"):
            clinician.delete()
    assert exists(author) and exists(reviewer)


def test_a_message_names_five_users_and_counts_the_rest(index_page):
    squat = ExerciseFactory(name="Squat")
    for n in range(7):
        ArticlePageFactory(parent=index_page, title=f"Article {n}", body=in_body(squat))
    with pytest.raises(ContentInUseError) as refused:
        squat.delete()
    assert "7 published items use it" in str(refused.value) and "“Article 4” (article page) and 2 more" in str(
        refused.value
    )


# Every path


def test_djangos_collector_used_directly_still_meets_the_guard(squat):
    collector = Collector(using="default")
    collector.collect([ExerciseSnippet.objects.get(pk=squat.pk)])
    # The pre_delete receiver refuses inside the collector's transaction, which the caller's block rolls back.
    with pytest.raises(ContentInUseError), transaction.atomic():
        collector.delete()
    assert exists(squat)


def test_the_guard_can_be_switched_off_for_a_block_of_code(squat):
    with allow_deleting_content_in_use():
        squat.delete()
    assert not exists(squat)
    article = ArticlePage.objects.get(title="Strength for runners")
    assert article.body[0].value["exercise"] is None  # the block stays; its exercise is gone


@pytest.mark.parametrize("model_name", ["exercise", "musclegroup", "category", "clinician"])
def test_the_admin_delete_view_refuses_each_kind_with_a_message(admin_client, index_page, model_name):
    exercise_target = MuscleGroupFactory(name="Glute group")
    item = {
        "exercise": lambda: ExerciseFactory(name="Glute bridge", target_muscles=[exercise_target]),
        "musclegroup": lambda: exercise_target,
        "category": ArticleCategoryFactory,
        "clinician": ClinicianFactory,
    }[model_name]()
    exercise = (
        item if model_name == "exercise" else ExerciseFactory(name="Glute bridge", target_muscles=[exercise_target])
    )
    ArticlePageFactory(
        parent=index_page,
        title="Bridges",
        body=in_body(exercise),
        category=item if model_name == "category" else None,
        author=item if model_name == "clinician" else None,
    )
    url = reverse(type(item).snippet_viewset.get_url_name("delete"), args=(item.pk,))
    for response in (admin_client.get(url), admin_client.post(url)):
        assert response.status_code == 302
        *_, message = [str(m) for m in get_messages(response.wsgi_request)]
        assert message.startswith(f"“{item}” cannot be deleted: 1 published item uses it:")
    assert exists(item)
    assert not ModelLogEntry.objects.filter(action="wagtail.delete").exists()


def test_bulk_delete_of_muscle_groups_refuses_when_one_is_in_use(admin_client):
    used, unused = MuscleGroupFactory(name="Hamstring group"), MuscleGroupFactory()
    ExerciseFactory(name="Nordic curl", target_muscles=[used])
    url = reverse("wagtail_bulk_action", args=("wagtail_runstrength", "musclegroup", "delete"))
    response = admin_client.post(f"{url}?id={used.pk}&id={unused.pk}")
    assert response.status_code == 302
    assert response.url == reverse(MuscleGroup.snippet_viewset.get_url_name("list"))
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert "“Nordic curl” (exercise)" in message
    assert exists(used) and exists(unused)


def test_the_delete_view_shows_a_late_refusal_as_a_message_not_an_error(admin_client, squat, monkeypatch):
    # As if an article started using the exercise after the confirmation page was shown.
    monkeypatch.setattr("wagtail_runstrength.admin_deletion.refuse_if_in_use", lambda model, objects: None)
    response = admin_client.post(reverse(ExerciseSnippet.snippet_viewset.get_url_name("delete"), args=(squat.pk,)))
    assert response.status_code == 302
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("“Squat to calf raise” cannot be deleted")
    assert exists(squat)
    assert not ModelLogEntry.objects.filter(action="wagtail.delete").exists()


# API v3 (Wagtail's snippet endpoints, with a bearer token)


@pytest.fixture
def bearer(admin_user):
    _, token = APIToken.create_token(user=admin_user, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.mark.parametrize("route", ["{pk}/", "{pk}/actions/delete/"])
def test_api_v3_refuses_deleting_an_exercise_in_use_with_409_and_the_reason(client, bearer, squat, route):
    url = "/api/v3/snippets/wagtail_runstrength.ExerciseSnippet/" + route.format(pk=squat.pk)
    response = client.delete(url, **bearer)
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 409 and problem["title"] == "Conflict"
    assert problem["detail"].startswith("“Squat to calf raise” cannot be deleted")
    article = ArticlePage.objects.get(title="Strength for runners")
    assert problem["errors"] == [
        {
            "type": "content_in_use",
            "msg": problem["detail"],
            "used_by": [{"type": "wagtail_runstrength.ArticlePage", "id": article.pk, "title": "Strength for runners"}],
        }
    ]
    assert exists(squat)


def test_api_v3_deletes_an_unused_exercise(client, bearer):
    unused = ExerciseFactory()
    response = client.delete(
        f"/api/v3/snippets/wagtail_runstrength.ExerciseSnippet/{unused.pk}/actions/delete/", **bearer
    )
    assert response.status_code == 204
    assert not exists(unused)


def test_api_v3_exposes_no_other_library_snippet_to_delete(client, bearer):
    # Only exercises have API fields, so Wagtail's snippet endpoints know no other library model.
    clinician = ClinicianFactory()
    response = client.delete(f"/api/v3/snippets/wagtail_runstrength.Clinician/{clinician.pk}/", **bearer)
    assert response.status_code == 422 and response.json()["errors"][0]["loc"] == ["path", "type"]
    assert exists(clinician)


@pytest.mark.parametrize("count", [2, 12])
def test_checking_a_bulk_delete_costs_the_same_few_queries_however_many_items(
    index_page, count, django_assert_max_num_queries
):
    exercises = [ExerciseFactory() for _ in range(count)]
    for exercise in exercises:
        ArticlePageFactory(parent=index_page, body=in_body(exercise))
    usage.published_users(ExerciseSnippet, exercises[:1])  # content types cached, as in any running site
    # The reference index, the live pages it names, and the progression and regression link tables.
    with django_assert_max_num_queries(4):
        in_use = usage.published_users(ExerciseSnippet, exercises)
        messages = [usage.in_use_message(exercise, users) for exercise, users in in_use.items()]
    assert len(messages) == count
