"""What tells people a review is due: the "Clinical reviews" report, its exports and the reminder e-mails."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from freezegun import freeze_time

from tests.factories import ArticleCategoryFactory, ArticlePageFactory, ClinicianFactory, ExerciseFactory
from wagtail_runstrength.models import ClinicalReview, ReviewReminder
from wagtail_runstrength.review_items import due_items

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/clinical-reviews/"
MARKER = 'data-rs-review="overdue"'


def reviewed(obj, clinician, day):
    when = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    ClinicalReview.record(obj, clinician, when=when)
    return obj


@pytest.fixture
def dana(django_user_model):
    user = django_user_model.objects.create_user(username="dana", email="dana@example.com", password="x")
    return ClinicianFactory(name="Dana Ortiz", user=user)


@pytest.fixture
def lee(django_user_model):
    user = django_user_model.objects.create_user(username="lee", email="lee@example.com", password="x")
    return ClinicianFactory(name="Lee Chan", user=user)


@freeze_time("2026-06-15")
def test_due_items_are_the_due_soon_overdue_and_unreviewed_ones(index_page, dana):
    current = reviewed(ArticlePageFactory(parent=index_page, title="Current"), dana, datetime.date(2026, 1, 1))
    soon = reviewed(ArticlePageFactory(parent=index_page, title="Soon"), dana, datetime.date(2025, 7, 1))
    late = reviewed(ArticlePageFactory(parent=index_page, title="Late"), dana, datetime.date(2025, 1, 1))
    never = ArticlePageFactory(parent=index_page, title="Never")
    exercise = reviewed(ExerciseFactory(name="Step up"), dana, datetime.date(2025, 2, 1))
    titles = [item.title for item in due_items()]
    assert current.title not in titles
    assert titles == [never.title, late.title, exercise.name, soon.title]
    assert {item.status.state for item in due_items()} == {"not_reviewed", "overdue", "due_soon"}


@freeze_time("2026-06-15")
def test_the_report_lists_and_filters_by_reviewer_and_category(admin_client, index_page, dana, lee):
    knees = ArticleCategoryFactory(name="Knees")
    reviewed(
        ArticlePageFactory(parent=index_page, title="Dana's knee article", category=knees),
        dana,
        datetime.date(2025, 1, 1),
    )
    reviewed(ArticlePageFactory(parent=index_page, title="Lee's hip article"), lee, datetime.date(2025, 1, 1))
    reviewed(ExerciseFactory(name="Lee's exercise"), lee, datetime.date(2025, 1, 1))

    html = admin_client.get(REPORT).content.decode()
    assert "Dana&#x27;s knee article" in html and "Lee&#x27;s hip article" in html and "Lee&#x27;s exercise" in html

    html = admin_client.get(REPORT, {"reviewer": lee.pk}).content.decode()
    assert "Dana&#x27;s knee article" not in html and "Lee&#x27;s exercise" in html

    html = admin_client.get(REPORT, {"category": knees.pk}).content.decode()
    assert (
        "Dana&#x27;s knee article" in html
        and "Lee&#x27;s hip article" not in html
        and "Lee&#x27;s exercise" not in html
    )


@freeze_time("2026-06-15")
def test_the_report_filters_by_site(admin_client, index_page, site, dana):
    from wagtail.models import Page, Site

    from tests.factories import ArticleIndexPageFactory, HomePageFactory

    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-clinic")
    other_site = Site.objects.create(hostname="other.example", root_page=other_home, site_name="Other clinic")
    other_blog = ArticleIndexPageFactory(parent=other_home, slug="other-blog")
    reviewed(ArticlePageFactory(parent=index_page, title="Local article"), dana, datetime.date(2025, 1, 1))
    reviewed(ArticlePageFactory(parent=other_blog, title="Remote article"), dana, datetime.date(2025, 1, 1))
    assert "Local article" in admin_client.get(REPORT).content.decode()
    html = admin_client.get(REPORT, {"site": other_site.pk}).content.decode()
    assert "Remote article" in html and "Local article" not in html


@freeze_time("2026-06-15")
def test_the_report_exports_csv_and_xlsx(admin_client, index_page, dana):
    reviewed(ArticlePageFactory(parent=index_page, title="Hill strength"), dana, datetime.date(2025, 1, 1))
    response = admin_client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    csv_text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    header, row = csv_text.splitlines()[:2]
    assert header.startswith("Title,Type,Language,Site,Reviewer,Category,State")
    assert row.startswith("Hill strength,article,") and "Review overdue" in row and "2026-01-01" in row
    xlsx = admin_client.get(REPORT, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")


@freeze_time("2026-06-15")
def test_the_report_query_count_does_not_grow_with_the_rows(
    admin_client, index_page, dana, django_assert_max_num_queries
):
    for n in range(2):
        reviewed(ArticlePageFactory(parent=index_page), dana, datetime.date(2025, 1, n + 1))
    reviewed(ExerciseFactory(), dana, datetime.date(2025, 1, 1))
    with django_assert_max_num_queries(200) as few:
        assert admin_client.get(REPORT).status_code == 200
    for n in range(8):
        reviewed(ArticlePageFactory(parent=index_page), dana, datetime.date(2025, 2, n + 1))
        reviewed(ExerciseFactory(), dana, datetime.date(2025, 2, n + 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(REPORT)
    assert response.content.decode().count("Review overdue") >= 19


def test_clinic_editors_see_the_report_and_other_users_do_not(client, django_user_model):
    editor = django_user_model.objects.create_user(username="sam", password="x")
    editor.groups.add(Group.objects.get(name="Clinic editors"))
    client.force_login(editor)
    assert client.get(REPORT).status_code == 200
    outsider = django_user_model.objects.create_user(username="outsider", password="x")
    outsider.groups.add(Group.objects.create(name="Readers"))
    client.force_login(outsider)
    assert client.get(REPORT).status_code in (302, 403)


@freeze_time("2026-06-15")
def test_each_reviewer_gets_one_email_a_day_with_their_items(settings, index_page, dana, lee):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reviewed(ArticlePageFactory(parent=index_page, title="Dana's overdue"), dana, datetime.date(2025, 1, 1))
    reviewed(ExerciseFactory(name="Dana's exercise"), dana, datetime.date(2025, 6, 20))
    reviewed(ArticlePageFactory(parent=index_page, title="Lee's due soon"), lee, datetime.date(2025, 7, 1))
    reviewed(ArticlePageFactory(parent=index_page, title="Lee's current"), lee, datetime.date(2026, 5, 1))

    call_command("runstrength_review_reminders", stdout=open("/dev/null", "w"))
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"dana@example.com", "lee@example.com"}
    assert "Dana's overdue" in by_recipient["dana@example.com"].body
    assert "Dana's exercise" in by_recipient["dana@example.com"].body
    assert "Lee's due soon" in by_recipient["lee@example.com"].body
    assert "Lee's current" not in by_recipient["lee@example.com"].body

    call_command("runstrength_review_reminders", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2
    assert ReviewReminder.objects.count() == 2

    with freeze_time("2026-06-16"):
        call_command("runstrength_review_reminders", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 4


@freeze_time("2026-06-15")
def test_the_dashboard_panel_counts_what_needs_review(admin_client, index_page, dana):
    reviewed(ArticlePageFactory(parent=index_page, title="Hill strength"), dana, datetime.date(2025, 1, 1))
    reviewed(ArticlePageFactory(parent=index_page, title="Fresh article"), dana, datetime.date(2026, 5, 1))
    html = admin_client.get("/admin/").content.decode()
    assert "Clinical reviews" in html
    assert "Hill strength" in html and "Fresh article" not in html
    assert "1 article or exercise needs a clinical review (1 overdue)." in html


@freeze_time("2026-06-15")
def test_the_page_listing_marks_overdue_articles_at_a_constant_query_cost(
    admin_client, index_page, dana, django_assert_max_num_queries
):
    url = f"/admin/pages/{index_page.pk}/"
    late = reviewed(ArticlePageFactory(parent=index_page, title="Late one"), dana, datetime.date(2025, 1, 1))
    reviewed(ArticlePageFactory(parent=index_page, title="Fresh one"), dana, datetime.date(2026, 5, 1))
    admin_client.get(url)
    with django_assert_max_num_queries(200) as few:
        html = admin_client.get(url).content.decode()
    assert html.count(MARKER) == 1
    assert late.title in html
    for n in range(6):
        reviewed(ArticlePageFactory(parent=index_page), dana, datetime.date(2024, 1, n + 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = admin_client.get(url).content.decode()
    assert html.count(MARKER) == 7


def test_an_approved_review_is_on_the_page_history(admin_client, index_page, dana):
    page = ArticlePageFactory(parent=index_page)
    ClinicalReview.record(page, dana, note="Checked the cues.")
    html = admin_client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Clinically reviewed" in html


@freeze_time("2026-06-15")
def test_a_clinician_sees_the_report_and_only_their_own_items_on_the_dashboard(client, index_page, dana, lee):
    clinicians = Group.objects.create(name="Clinicians")
    clinicians.permissions.add(*Group.objects.get(name="Clinic editors").permissions.filter(codename="access_admin"))
    dana.user.groups.add(clinicians)
    reviewed(ArticlePageFactory(parent=index_page, title="Dana's late article"), dana, datetime.date(2025, 1, 1))
    reviewed(ArticlePageFactory(parent=index_page, title="Lee's late article"), lee, datetime.date(2025, 1, 1))
    client.force_login(dana.user)
    assert client.get(REPORT).status_code == 200
    html = client.get("/admin/").content.decode()
    assert "Dana&#x27;s late article" in html and "Lee&#x27;s late article" not in html


@freeze_time("2026-06-15")
def test_the_report_shows_due_dates_as_calendar_dates_even_in_the_future(admin_client, index_page, dana):
    # Wagtail's relative date cell writes any future date as "Just now"; the due date must stay readable.
    reviewed(ArticlePageFactory(parent=index_page, title="Soon"), dana, datetime.date(2025, 7, 1))
    html = admin_client.get(REPORT).content.decode()
    assert '<time datetime="2026-07-01">July 1, 2026</time>' in html
    assert '<time datetime="2025-07-01">July 1, 2025</time>' in html
    assert "Just now" not in html
