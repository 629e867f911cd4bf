"""Each site's Run strength settings are edited under Settings, with field errors for a muddled call to action."""

import pytest
from django.urls import reverse

from tests.factories import ArticlePageFactory, ImageFactory
from wagtail_runstrength.models import RunStrengthSettings

pytestmark = pytest.mark.django_db


def settings_url(site) -> str:
    return reverse("wagtailsettings:edit", args=("wagtail_runstrength", "runstrengthsettings", site.pk))


def settings_form(**overrides) -> dict:
    return {
        "clinic_name": "Riverside Physio",
        "logo": "",
        "cta_heading": "Our physical therapists are ready to help",
        "cta_text": "Book a running assessment with a clinician who runs.",
        "cta_button_label": "Book an appointment",
        "cta_page": "",
        "cta_url": "https://example.com/book/",
        "frontend_base_url": "",
        "review_interval_months": "12",
        "review_due_soon_days": "30",
        "overdue_notice": "",
        # The calls to action in other languages (an inline list), empty here.
        "localized_calls_to_action-TOTAL_FORMS": "0",
        "localized_calls_to_action-INITIAL_FORMS": "0",
        **overrides,
    }


def test_clinic_name_logo_and_default_call_to_action_are_saved_and_used(admin_client, site, index_page):
    logo = ImageFactory(title="Riverside logo")
    response = admin_client.post(settings_url(site), settings_form(logo=logo.pk))
    assert response.status_code == 302

    saved = RunStrengthSettings.for_site(site)
    assert (saved.clinic_name, saved.logo, saved.cta_button_label) == ("Riverside Physio", logo, "Book an appointment")
    # A call-to-action block left blank shows the site's default.
    article = ArticlePageFactory(parent=index_page, body=[("call_to_action", {})])
    html = admin_client.get(article.url).content.decode()
    assert 'href="https://example.com/book/">Book an appointment</a>' in html
    assert "Riverside Physio" in html


def test_call_to_action_linking_to_both_a_page_and_an_address_is_refused(admin_client, site):
    response = admin_client.post(settings_url(site), settings_form(cta_page=site.root_page.pk))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["cta_page"] == errors["cta_url"] == ["Link the button to a page or to an address, not both."]
    assert not RunStrengthSettings.objects.filter(site=site, clinic_name="Riverside Physio").exists()


def test_call_to_action_with_a_link_needs_a_button_label(admin_client, site):
    response = admin_client.post(settings_url(site), settings_form(cta_button_label=""))
    assert response.context["form"].errors["cta_button_label"] == ["A button needs a label."]


def test_the_review_interval_must_be_at_least_one_month(admin_client, site):
    response = admin_client.post(settings_url(site), settings_form(review_interval_months="0"))
    assert response.status_code == 200
    assert RunStrengthSettings.for_site(site).review_interval_months == 12
