"""Bad input posted through the admin forms comes back as a clear field error, and nothing is saved."""

import pytest
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import ArticlePageFactory, ExerciseFactory, ImageFactory
from wagtail_runstrength.models import ArticlePage, ExerciseSnippet, MuscleGroup
from wagtail_runstrength.validators import NOT_EMBEDDABLE

pytestmark = pytest.mark.django_db

NOT_BOTH = "Give either reps or seconds, not both."
PAGE_OR_URL = "Choose a page or enter an address, but not both."


def exercise_form(**overrides) -> dict:
    glutes = MuscleGroup.objects.get(slug="glute-medius")
    data = nested_form_data(
        {
            "name": "Clamshell",
            "slug": "clamshell",
            "summary": "Wakes up the glute medius.",
            "image_alt": "",
            "equipment": "bodyweight",
            "difficulty": "beginner",
            "instructions": streamfield([("step", "Lie on your side with knees bent.")]),
            "coaching_cues": "",
            "safety_notes": "",
            "video_url": "",
            "action-publish": "action-publish",
        }
    )
    data["target_muscles"] = [glutes.pk]
    return {**data, **overrides}


def post_exercise(client, **overrides):
    return client.post(reverse(ExerciseSnippet.snippet_viewset.get_url_name("add")), exercise_form(**overrides))


def field_errors(response) -> dict:
    return {name: [str(message) for message in errors] for name, errors in response.context["form"].errors.items()}


def exercise_item(exercise, **dose) -> dict:
    return {
        "exercise": exercise.pk,
        "note": "",
        "sets": "",
        "reps": "",
        "seconds": "",
        "rest_seconds": "",
        **{name: str(value) for name, value in dose.items()},
    }


def post_article(client, index_page, body, slug="bad-article"):
    url = reverse("wagtailadmin_pages:add", args=("wagtail_runstrength", "articlepage", index_page.pk))
    data = nested_form_data(
        {
            "title": "Strength for runners",
            "slug": slug,
            "intro": rich_text("<p>Stronger hips, steadier knees.</p>"),
            "body": streamfield(body),
            "action-publish": "action-publish",
        }
    )
    return client.post(url, data)


def assert_article_refused(response, message, slug="bad-article"):
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ArticlePage.objects.filter(slug=slug).exists()


# The exercise library


def test_exercise_image_without_alt_text_is_refused(admin_client):
    response = post_exercise(admin_client, image=ImageFactory(description="").pk)
    assert "no description to use as alt text" in field_errors(response)["image_alt"][0]
    assert not ExerciseSnippet.objects.filter(slug="clamshell").exists()


def test_exercise_image_with_a_description_needs_no_override(admin_client):
    response = post_exercise(admin_client, image=ImageFactory(description="A runner lying on their side").pk)
    assert response.status_code == 302
    assert ExerciseSnippet.objects.get(slug="clamshell").alt_text == "A runner lying on their side"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sets", "0", "Ensure this value is greater than or equal to 1."),
        ("sets", "11", "Ensure this value is less than or equal to 10."),
        ("reps", "0", "Ensure this value is greater than or equal to 1."),
        ("reps", "101", "Ensure this value is less than or equal to 100."),
        ("seconds", "601", "Ensure this value is less than or equal to 600."),
        ("rest_seconds", "-30", "Ensure this value is greater than or equal to 0."),
        ("rest_seconds", "601", "Ensure this value is less than or equal to 600."),
    ],
)
def test_exercise_default_dose_must_be_positive_and_bounded(admin_client, field, value, message):
    response = post_exercise(admin_client, **{field: value})
    assert message in field_errors(response)[field]
    assert not ExerciseSnippet.objects.filter(slug="clamshell").exists()


def test_exercise_default_dose_counts_reps_or_seconds_not_both(admin_client):
    response = post_exercise(admin_client, sets="3", reps="10", seconds="30")
    errors = field_errors(response)
    assert errors["reps"] == [NOT_BOTH] and errors["seconds"] == [NOT_BOTH]
    assert not ExerciseSnippet.objects.exists()


def test_exercise_video_must_be_embeddable(admin_client):
    response = post_exercise(admin_client, video_url="https://example.com/squat.mp4")
    assert field_errors(response)["video_url"] == [str(NOT_EMBEDDABLE)]
    assert not ExerciseSnippet.objects.exists()


def test_exercise_video_from_a_known_provider_is_accepted(admin_client):
    assert post_exercise(admin_client, video_url="https://www.youtube.com/watch?v=abcdefghijk").status_code == 302
    assert ExerciseSnippet.objects.get(slug="clamshell").video_url.startswith("https://www.youtube.com/")


# Blocks in an article


@pytest.mark.parametrize(
    ("dose", "message"),
    [
        ({"sets": 0}, "Ensure this value is greater than or equal to 1."),
        ({"sets": 11}, "Ensure this value is less than or equal to 10."),
        ({"reps": 101}, "Ensure this value is less than or equal to 100."),
        ({"seconds": -5}, "Ensure this value is greater than or equal to 1."),
        ({"rest_seconds": 601}, "Ensure this value is less than or equal to 600."),
        ({"reps": 8, "seconds": 30}, NOT_BOTH),
    ],
)
def test_exercise_block_dose_is_positive_bounded_and_reps_or_seconds(admin_client, index_page, dose, message):
    body = [("exercise", exercise_item(ExerciseFactory(), **dose))]
    assert_article_refused(post_article(admin_client, index_page, body), message)


@pytest.mark.parametrize(
    ("cta", "message"),
    [
        ({"button_label": "", "url": "https://example.com/book/"}, "A call to action needs a button label."),
        ({"button_label": "Book", "url": ""}, PAGE_OR_URL),
        ({"button_label": "Book", "url": "https://example.com/book/", "page": "own-index"}, PAGE_OR_URL),
    ],
)
def test_call_to_action_needs_a_label_and_exactly_one_of_page_or_url(admin_client, index_page, cta, message):
    value = {"heading": "Ready to run stronger?", "text": "", "page": "", **cta}
    if value["page"] == "own-index":
        value["page"] = index_page.pk
    assert_article_refused(post_article(admin_client, index_page, [("call_to_action", value)]), message)


def test_exercise_group_needs_at_least_one_exercise(admin_client, index_page):
    body = [("exercise_group", {"heading": "Key exercises", "intro": "", "exercises": streamfield([])})]
    assert_article_refused(post_article(admin_client, index_page, body), "The minimum number of items is 1")


def test_exercise_group_refuses_the_same_exercise_twice(admin_client, index_page):
    squat = ExerciseFactory(name="Squat to calf raise")
    items = streamfield([("item", exercise_item(squat)), ("item", exercise_item(squat))])
    body = [("exercise_group", {"heading": "Key exercises", "intro": "", "exercises": items})]
    assert_article_refused(
        post_article(admin_client, index_page, body), "Squat to calf raise is already in this group."
    )


def test_related_posts_cannot_pick_the_article_itself(admin_client, index_page):
    page = ArticlePageFactory(parent=index_page, title="Hill sprints")
    revisions = Revision.objects.for_instance(page).count()
    data = nested_form_data(
        {
            "title": "Hill sprints",
            "slug": page.slug,
            "intro": rich_text("<p>Up and up.</p>"),
            "body": streamfield(
                [
                    (
                        "related_posts",
                        {
                            "heading": "Read next",
                            "posts": streamfield([("item", page.pk)]),
                            "limit": "",
                            "tags": "",
                            "categories": streamfield([]),
                        },
                    )
                ]
            ),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 200
    assert "An article cannot be related to itself." in response.content.decode()
    assert "The page could not be saved due to validation errors" in response.content.decode()
    assert Revision.objects.for_instance(page).count() == revisions


@pytest.mark.parametrize(
    ("url", "accepted"),
    [("https://example.com/squat.mp4", False), ("https://vimeo.com/123456", True)],
)
def test_video_block_must_be_embeddable(admin_client, index_page, url, accepted):
    response = post_article(admin_client, index_page, [("embed", url)])
    if accepted:
        assert response.status_code == 302
        assert ArticlePage.objects.get(slug="bad-article").body[0].value.url == url
    else:
        assert_article_refused(response, str(NOT_EMBEDDABLE))
