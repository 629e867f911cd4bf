"""When a clinical review falls due: calendar-month arithmetic, states, overrides and the site's policy."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from tests.factories import ArticlePageFactory, ExerciseFactory
from wagtail_runstrength.models import RunStrengthSettings
from wagtail_runstrength.review import ReviewState, add_months, review_status, status_for

D = datetime.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # leap day to a common year
        (D(2024, 2, 29), 48, D(2028, 2, 29)),  # leap day to the next leap day four years on
        (D(2025, 3, 31), 1, D(2025, 4, 30)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2025, 11, 15), 2, D(2026, 1, 15)),  # across the year end
        (D(2025, 5, 10), 12, D(2026, 5, 10)),
        (D(2025, 12, 31), 36, D(2028, 12, 31)),
    ],
)
def test_months_are_added_on_the_calendar_and_clamped_to_the_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_a_review_is_current_until_the_due_soon_window_opens():
    status = review_status(D(2025, 1, 31), 1, 7, today=D(2025, 2, 20))
    assert status.next_review_due == D(2025, 2, 28)
    assert status.state == ReviewState.CURRENT
    assert review_status(D(2025, 1, 31), 1, 7, today=D(2025, 2, 21)).state == ReviewState.DUE_SOON


def test_the_due_day_is_still_due_soon_and_the_day_after_is_overdue():
    assert review_status(D(2024, 1, 31), 1, 30, today=D(2024, 2, 29)).state == ReviewState.DUE_SOON
    assert review_status(D(2024, 1, 31), 1, 30, today=D(2024, 3, 1)).state == ReviewState.OVERDUE


def test_content_never_reviewed_has_no_due_date_and_needs_attention():
    status = review_status(None, 12, 30, today=D(2025, 1, 1))
    assert status.state == ReviewState.NOT_REVIEWED
    assert status.next_review_due is None
    assert status.needs_attention and status.is_overdue


@freeze_time("2026-03-01")
def test_today_defaults_to_the_current_date():
    assert review_status(D(2025, 2, 28), 12, 0).state == ReviewState.OVERDUE
    assert review_status(D(2025, 3, 1), 12, 0).state == ReviewState.DUE_SOON


@pytest.mark.django_db
def test_the_site_interval_applies_unless_the_article_sets_its_own(index_page, site):
    settings = RunStrengthSettings.for_site(site)
    settings.review_interval_months = 6
    settings.review_due_soon_days = 10
    settings.save()
    article = ArticlePageFactory(parent=index_page, last_reviewed=D(2025, 8, 31))
    assert status_for(article, site, today=D(2026, 1, 1)).next_review_due == D(2026, 2, 28)
    assert status_for(article, site, today=D(2026, 2, 19)).state == ReviewState.DUE_SOON
    article.review_interval_months = 24
    status = status_for(article, site, today=D(2026, 3, 1))
    assert status.next_review_due == D(2027, 8, 31)
    assert status.state == ReviewState.CURRENT


@pytest.mark.django_db
def test_an_exercise_overrides_the_site_interval(site):
    exercise = ExerciseFactory(last_reviewed=D(2025, 1, 31), review_interval_months=1)
    status = status_for(exercise, site, today=D(2025, 3, 1))
    assert status.next_review_due == D(2025, 2, 28)
    assert status.state == ReviewState.OVERDUE
    exercise.review_interval_months = None
    assert status_for(exercise, site, today=D(2025, 3, 1)).state == ReviewState.CURRENT


@pytest.mark.django_db
def test_the_site_settings_default_to_twelve_months_and_thirty_days(site):
    settings = RunStrengthSettings.for_site(site)
    assert (settings.review_interval_months, settings.review_due_soon_days) == (12, 30)


@pytest.mark.django_db
def test_a_review_interval_of_zero_months_is_refused(site):
    settings = RunStrengthSettings.for_site(site)
    settings.review_interval_months = 0
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert "review_interval_months" in error.value.message_dict
