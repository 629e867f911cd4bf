"""API v2 and v3 publish the clinical review of articles and exercises: state, dates and reviewer, typed in OpenAPI."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from tests.factories import ArticlePageFactory, ClinicianFactory, ExerciseFactory, ImageFactory
from tests.test_api_v2 import count_queries
from wagtail_runstrength.api.schemas import RunStrengthReview
from wagtail_runstrength.models import ClinicalReview

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed_article(index_page):
    page = ArticlePageFactory(parent=index_page)
    reviewer = ClinicianFactory(name="Dana Ortiz", credentials="DPT")
    with freeze_time("2025-01-31 12:00"):
        ClinicalReview.record(page, reviewer)
    return page


@freeze_time("2025-02-10")
def test_api_v2_article_detail_has_the_review(client, reviewed_article):
    data = client.get(f"/api/v2/pages/{reviewed_article.pk}/").json()
    review = data["review"]
    RunStrengthReview.model_validate(review)
    assert review["state"] == "current"
    assert review["last_reviewed"] == "2025-01-31"
    assert review["next_review_due"] == "2026-01-31"
    assert review["reviewer"]["display_name"] == "Dana Ortiz, DPT"


@freeze_time("2026-02-01")
def test_api_v3_article_detail_reports_an_overdue_review(client, reviewed_article):
    data = client.get(f"/api/v3/pages/{reviewed_article.pk}/").json()
    assert data["review"]["state"] == "overdue"
    assert data["review"]["next_review_due"] == "2026-01-31"


def test_an_unreviewed_article_says_so_without_a_reviewer(client, index_page):
    page = ArticlePageFactory(parent=index_page)
    review = client.get(f"/api/v2/pages/{page.pk}/").json()["review"]
    assert review == {"state": "not_reviewed", "last_reviewed": None, "next_review_due": None, "reviewer": None}


def test_the_review_is_typed_in_openapi(client):
    document = client.get("/api/v3/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert set(schemas["RunStrengthReview"]["properties"]["state"]["enum"]) == {
        "current",
        "due_soon",
        "overdue",
        "not_reviewed",
    }
    review_ref = str(schemas["ArticlePageSchema"]["properties"]["review"])
    assert "RunStrengthReview" in review_ref


def test_the_review_in_an_article_listing_costs_no_query_per_article(client, index_page, django_assert_max_num_queries):
    reviewer = ClinicianFactory()
    for _ in range(2):
        ClinicalReview.record(ArticlePageFactory(parent=index_page), reviewer)
    with django_assert_max_num_queries(100) as few:
        client.get("/api/v2/articles/?fields=review")
    for _ in range(5):
        ClinicalReview.record(
            ArticlePageFactory(parent=index_page), reviewer, when=datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        data = client.get("/api/v2/articles/?fields=review").json()
    assert len(data["items"]) == 7
    assert all(item["review"]["reviewer"] for item in data["items"])


@pytest.fixture
def reviewed_exercise():
    reviewer = ClinicianFactory(name="Dana Ortiz", credentials="DPT")
    exercise = ExerciseFactory(name="Calf raise", slug="calf-raise")
    with freeze_time("2025-01-31 12:00"):
        ClinicalReview.record(exercise, reviewer)
    return exercise


@freeze_time("2025-02-10")
@pytest.mark.parametrize("url", ["/api/v2/exercises/{pk}/", "/api/v3/exercises/{pk}/"])
def test_an_exercise_detail_has_its_review(client, index_page, reviewed_exercise, url):
    review = client.get(url.format(pk=reviewed_exercise.pk)).json()["review"]
    RunStrengthReview.model_validate(review)
    assert review["state"] == "current"
    assert review["last_reviewed"] == "2025-01-31"
    assert review["next_review_due"] == "2026-01-31"
    assert review["reviewer"]["display_name"] == "Dana Ortiz, DPT"


@freeze_time("2025-09-01")
@pytest.mark.parametrize("api", ["v2", "v3"])
def test_the_review_follows_the_request_sites_interval_in_both_apis(client, site, reviewed_article, api):
    # v3 hands its fields no request; the review still reads the request's site settings.
    from wagtail_runstrength.models import RunStrengthSettings

    settings = RunStrengthSettings.for_site(site)
    settings.review_interval_months = 6
    settings.save()
    review = client.get(f"/api/{api}/pages/{reviewed_article.pk}/").json()["review"]
    assert (review["state"], review["next_review_due"]) == ("overdue", "2025-07-31")


def test_the_exercise_review_is_typed_in_openapi(client):
    schemas = client.get("/api/v3/openapi.json").json()["components"]["schemas"]
    assert "RunStrengthReview" in str(schemas["RunStrengthExercisePublicSchema"]["properties"]["review"])


def reviewer_with_photo():
    return ClinicianFactory(photo=ImageFactory())


@pytest.mark.parametrize("url", ["/api/v2/exercises/?fields=review", "/api/v3/exercises/"])
def test_the_review_in_an_exercise_listing_costs_no_query_per_exercise(client, index_page, url):
    for _ in range(2):
        ClinicalReview.record(ExerciseFactory(), reviewer_with_photo())
    client.get(url)  # the portraits' renditions are made once
    two = count_queries(client, url)
    for _ in range(6):
        ClinicalReview.record(ExerciseFactory(), reviewer_with_photo())
    client.get(url)
    assert count_queries(client, url) == two
    items = client.get(url).json()["items"]
    assert len(items) == 8
    assert all(item["review"]["reviewer"]["photo"]["renditions"]["portrait"] for item in items)


def test_the_v3_article_review_adds_no_query_to_the_response(client, index_page, settings):
    """v3 hands its fields no request; the review still reads the request's settings row, shared with the URLs."""
    from django.core.cache import cache

    from tests.test_api_read_paths import article, cards
    from wagtail_runstrength.api import representation

    page = article(index_page, 1, cards(index_page, 1))  # related cards: the URL builder reads the settings too
    ClinicalReview.record(page, ClinicianFactory())
    settings.WAGTAIL_RUNSTRENGTH = {"FRAGMENT_CACHE_TIMEOUT": 0}
    url = f"/api/v3/pages/{page.pk}/"
    client.get(url)
    in_review = []
    original = representation.review

    def counted(obj, request=None):
        with CaptureQueriesContext(connection) as captured:
            result = original(obj, request)
        in_review.extend(query["sql"] for query in captured)
        return result

    representation.review = counted
    try:
        cache.clear()
        with CaptureQueriesContext(connection) as response_queries:
            assert client.get(url).json()["review"]["reviewer"]
    finally:
        representation.review = original
    settings_reads = [q["sql"] for q in response_queries if "runstrengthsettings" in q["sql"]]
    # One read of the settings row for the whole response, and it is the review's: no site lookup of its own.
    assert len(settings_reads) == 1
    assert in_review == settings_reads


@freeze_time("2025-09-01")
@pytest.mark.parametrize("api", ["v2", "v3"])
def test_an_exercise_review_uses_the_request_sites_interval_unless_it_has_its_own(client, site, reviewed_exercise, api):
    from wagtail_runstrength.models import RunStrengthSettings

    settings = RunStrengthSettings.for_site(site)
    settings.review_interval_months = 6
    settings.save()
    url = f"/api/{api}/exercises/{reviewed_exercise.pk}/"
    assert client.get(url).json()["review"]["next_review_due"] == "2025-07-31"
    reviewed_exercise.review_interval_months = 24
    reviewed_exercise.save()
    assert client.get(url).json()["review"]["next_review_due"] == "2027-01-31"
