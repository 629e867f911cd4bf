import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    ClinicianFactory,
    ExerciseFactory,
    ImageFactory,
    MuscleGroupFactory,
)
from tests.testapp.models import HomePage
from wagtail_runstrength.models import (
    ArticleIndexPage,
    ArticlePage,
    ExerciseSnippet,
    MuscleGroup,
    RunStrengthSettings,
)

pytestmark = pytest.mark.django_db


def test_running_muscles_are_seeded_by_migration():
    slugs = set(MuscleGroup.objects.values_list("slug", flat=True))
    assert {
        "quadriceps",
        "hamstrings",
        "glute-max",
        "glute-medius",
        "calves",
        "hip-flexors",
        "adductors",
        "core",
        "tibialis-anterior",
    } <= slugs
    assert MuscleGroup.objects.get(slug="glute-medius").region == MuscleGroup.Region.HIP


def test_articles_live_only_under_an_article_index(index_page):
    home = index_page.get_parent().specific
    article = ArticlePageFactory(parent=index_page)
    # Where an editor may add an article, and what an index and an article may hold.
    assert ArticlePage.can_create_at(index_page)
    assert not ArticlePage.can_create_at(home)
    assert ArticleIndexPage.can_create_at(home)
    assert not HomePage.can_create_at(index_page)  # an index holds articles only
    assert not ArticlePage.can_create_at(article)  # an article has no children
    # Moving obeys the same rules: an article cannot leave its index for the home page.
    assert not article.can_move_to(home)
    assert article.can_move_to(ArticleIndexPageFactory(parent=home, slug="archive"))


def test_exercise_image_without_any_alt_text_is_refused():
    exercise = ExerciseFactory.build(image=ImageFactory(description=""), locale=Locale.get_default())
    with pytest.raises(ValidationError) as error:
        exercise.full_clean()
    assert "image_alt" in error.value.message_dict


def test_exercise_alt_text_override_wins_over_the_image_description():
    exercise = ExerciseFactory(image=ImageFactory(description="Library text"), image_alt="A runner stepping up")
    assert exercise.alt_text == "A runner stepping up"
    exercise.image_alt = ""
    assert exercise.alt_text == "Library text"


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"reps": 10, "seconds": 30}, {"reps", "seconds"}),
        ({"sets": 0}, {"sets"}),
        ({"sets": 11}, {"sets"}),
        ({"reps": 101}, {"reps"}),
        ({"rest_seconds": 601}, {"rest_seconds"}),
    ],
)
def test_exercise_prescription_must_be_sound_and_bounded(fields, errors):
    exercise = ExerciseFactory()
    for name, value in fields.items():
        setattr(exercise, name, value)
    if "seconds" in fields:
        exercise.reps = fields.get("reps")
    with pytest.raises(ValidationError) as error:
        exercise.full_clean()
    assert errors <= set(error.value.message_dict)


def test_duplicate_slug_in_the_same_locale_is_a_field_error_not_a_crash():
    MuscleGroupFactory(slug="quads-2", name="Quads")
    duplicate = MuscleGroup(name="Quads again", slug="quads-2", region="thigh")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "slug" in error.value.message_dict


def test_slug_is_made_from_the_name_when_left_blank():
    exercise = ExerciseFactory(name="Single-leg Romanian deadlift", slug="")
    assert exercise.slug == "single-leg-romanian-deadlift"


def test_prescription_reads_like_a_coach_writes_it():
    exercise = ExerciseFactory.build(sets=3, reps=None, seconds=30, per_side=True, rest_seconds=45)
    assert str(exercise.prescription) == "3 × 30\u00a0s hold each side, rest 45\u00a0s"


def test_exercise_is_a_snippet_with_drafts_and_revisions():
    exercise = ExerciseFactory(live=False)
    revision = exercise.save_revision()
    revision.publish()
    exercise.refresh_from_db()
    assert exercise.live and exercise.live_revision == revision
    # A later draft is kept as a revision; readers keep seeing the published name.
    published_name = exercise.name
    exercise.name = "Draft name"
    exercise.save_revision()
    stored = ExerciseSnippet.objects.get(pk=exercise.pk)
    assert stored.name == published_name and stored.has_unpublished_changes
    assert stored.latest_revision.as_object().name == "Draft name"


def test_clinician_byline_includes_credentials():
    assert ClinicianFactory.build(name="Dana Ortiz", credentials="DPT, OCS").display_name == "Dana Ortiz, DPT, OCS"
    assert ClinicianFactory.build(name="Sam Lee", credentials="").display_name == "Sam Lee"


def test_excerpt_falls_back_to_the_start_of_the_intro(index_page):
    page = ArticlePageFactory(parent=index_page, intro="<p>" + "word " * 60 + "</p>")
    assert page.card_excerpt.endswith("…") and len(page.card_excerpt.split()) == 40
    page.excerpt = "Hand-written."
    assert page.card_excerpt == "Hand-written."


def test_date_defaults_to_the_first_publish(index_page):
    page = ArticlePageFactory(parent=index_page, live=False)
    assert page.date is None
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.date == page.first_published_at.date()


def test_used_exercises_follow_the_body_on_save(index_page):
    squat, lunge = ExerciseFactory(), ExerciseFactory()
    page = ArticlePageFactory(
        parent=index_page,
        body=[
            ("exercise", {"exercise": squat}),
            (
                "exercise_group",
                {"exercises": [{"exercise": lunge}, {"exercise": squat}]},
            ),
        ],
    )
    assert set(page.exercises.all()) == {squat, lunge}
    page.body = [("exercise", {"exercise": lunge})]
    page.save()
    assert list(page.exercises.all()) == [lunge]


def test_related_posts_cannot_pick_the_page_itself(index_page):
    page = ArticlePageFactory(parent=index_page)
    page.body = [("related_posts", {"heading": "More", "posts": [page]})]
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "body" in error.value.message_dict


def test_site_settings_refuse_a_button_with_two_links_or_no_label(site):
    both = RunStrengthSettings(
        site=site,
        cta_button_label="Book",
        cta_page=site.root_page,
        cta_url="https://example.com",
    )
    with pytest.raises(ValidationError) as error:
        both.full_clean()
    assert {"cta_page", "cta_url"} <= set(error.value.message_dict)
    unlabelled = RunStrengthSettings(site=site, cta_url="https://example.com")
    with pytest.raises(ValidationError) as error:
        unlabelled.full_clean()
    assert "cta_button_label" in error.value.message_dict


def test_site_settings_default_call_to_action_links_to_a_page(site):
    settings = RunStrengthSettings(site=site, cta_heading="Help", cta_button_label="Book", cta_page=site.root_page)
    assert settings.default_call_to_action()["href"] == site.root_page.url
    assert RunStrengthSettings(site=site).default_call_to_action() is None


def test_articles_are_found_by_the_names_of_their_exercises(index_page):
    lunge = ExerciseFactory(name="Bulgarian split lunge", summary="Single-leg strength.")
    page = ArticlePageFactory(
        parent=index_page,
        title="Hill strength",
        body=[("exercise", {"exercise": lunge})],
    )
    ArticlePageFactory(parent=index_page, title="Shoes")
    assert list(ArticlePage.objects.live().search("Bulgarian")) == [page]
