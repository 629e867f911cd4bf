"""API v2 and v3 publish an article's clinical review: state, dates and reviewer, typed in OpenAPI."""

import datetime

import pytest
from freezegun import freeze_time

from tests.factories import ArticlePageFactory, ClinicianFactory
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
