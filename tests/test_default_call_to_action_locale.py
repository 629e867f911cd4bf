"""The site's default call to action in each language: a blank block on a French page shows the French one.

Each site keeps its default call to action in ``RunStrengthSettings``; editors
add one per other language on the same settings screen
(``LocalizedCallToAction``). A language without its own keeps showing the
site's default, as every page did before languages had their own.
"""

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from tests.factories import ArticleIndexPageFactory, ArticlePageFactory
from wagtail_runstrength.blocks import CallToActionBlock
from wagtail_runstrength.models import RunStrengthSettings
from wagtail_runstrength.models.settings import LocalizedCallToAction

pytestmark = pytest.mark.django_db

FORMSET = "localized_calls_to_action"


@pytest.fixture
def french():
    return Locale.objects.create(language_code="fr")


@pytest.fixture
def site_settings(site):
    return RunStrengthSettings.objects.create(
        site=site,
        cta_heading="Our physical therapists are ready to help",
        cta_button_label="Book an appointment",
        cta_url="https://example.com/book/",
    )


@pytest.fixture
def french_index(site, french):
    return ArticleIndexPageFactory(parent=site.root_page, slug="blogue", title="Blogue", locale=french)


def french_article(french_index, **kwargs):
    return ArticlePageFactory(parent=french_index, locale=french_index.locale, body=[("call_to_action", {})], **kwargs)


def french_call_to_action(site_settings, french, **fields):
    return LocalizedCallToAction.objects.create(
        site_settings=site_settings,
        locale=french,
        **{
            "heading": "Nos kinésithérapeutes sont là pour vous aider",
            "button_label": "Prendre rendez-vous",
            "url": "https://example.com/fr/rendez-vous/",
            **fields,
        },
    )


def test_french_article_with_a_blank_block_shows_the_sites_french_call_to_action(
    client, site_settings, french, french_index
):
    french_call_to_action(site_settings, french)
    html = client.get(french_article(french_index).url).content.decode()
    assert 'href="https://example.com/fr/rendez-vous/">Prendre rendez-vous</a>' in html
    assert "Nos kinésithérapeutes sont là pour vous aider" in html
    assert "Book an appointment" not in html


def test_english_article_keeps_the_site_default_when_a_french_one_exists(client, site_settings, french, index_page):
    french_call_to_action(site_settings, french)
    article = ArticlePageFactory(parent=index_page, body=[("call_to_action", {})])
    html = client.get(article.url).content.decode()
    assert 'href="https://example.com/book/">Book an appointment</a>' in html
    assert "Prendre rendez-vous" not in html


def test_article_in_a_language_without_its_own_call_to_action_shows_the_site_default(
    client, site_settings, french_index
):
    # What every page showed before: existing per-site values keep working in every language.
    html = client.get(french_article(french_index).url).content.decode()
    assert 'href="https://example.com/book/">Book an appointment</a>' in html


def test_french_call_to_action_without_a_link_borrows_the_default_link(client, site_settings, french, french_index):
    french_call_to_action(site_settings, french, url="")
    html = client.get(french_article(french_index).url).content.decode()
    assert 'href="https://example.com/book/">Prendre rendez-vous</a>' in html


def test_french_call_to_action_links_to_its_own_page(client, site_settings, french, french_index):
    booking = ArticleIndexPageFactory(parent=french_index.get_parent(), slug="rendez-vous", locale=french)
    french_call_to_action(site_settings, french, url="", page=booking)
    html = client.get(french_article(french_index).url).content.decode()
    assert 'href="/rendez-vous/">Prendre rendez-vous</a>' in html


def test_french_call_to_action_works_on_a_site_with_no_default_of_its_own(client, site, french, french_index):
    settings = RunStrengthSettings.objects.create(site=site)
    french_call_to_action(settings, french)
    html = client.get(french_article(french_index).url).content.decode()
    assert "Prendre rendez-vous" in html


def test_api_v2_and_v3_return_the_french_call_to_action_for_a_french_article(
    client, site_settings, french, french_index
):
    french_call_to_action(site_settings, french)
    article = french_article(french_index)
    expected = {
        "heading": "Nos kinésithérapeutes sont là pour vous aider",
        "text": "",
        "button_label": "Prendre rendez-vous",
        "url": "https://example.com/fr/rendez-vous/",
    }
    assert client.get(f"/api/v2/articles/{article.pk}/").json()["body"][0]["value"] == expected
    assert client.get(f"/api/v3/pages/{article.pk}/").json()["body"][0]["value"] == expected


def test_block_outside_a_page_follows_the_active_language(rf, site_settings, french):
    french_call_to_action(site_settings, french)
    block = CallToActionBlock()
    with translation.override("fr"):
        html = block.render(block.to_python({}), {"request": rf.get("/", HTTP_HOST="localhost")})
    assert "Prendre rendez-vous" in html
    with translation.override("en"):
        html = block.render(block.to_python({}), {"request": rf.get("/", HTTP_HOST="localhost")})
    assert "Book an appointment" in html


def test_page_with_several_blank_blocks_reads_the_languages_once(
    client, site_settings, french, french_index, django_assert_max_num_queries, settings
):
    settings.WAGTAIL_RUNSTRENGTH = {"FRAGMENT_CACHE_TIMEOUT": 0}
    french_call_to_action(site_settings, french)
    article = ArticlePageFactory(
        parent=french_index,
        locale=french,
        body=[("call_to_action", {}), ("paragraph", "<p>Entre deux.</p>"), ("call_to_action", {})],
    )
    with django_assert_max_num_queries(100) as captured:
        html = client.get(article.url).content.decode()
    assert html.count("Prendre rendez-vous") == 2
    table = LocalizedCallToAction._meta.db_table
    assert sum(table in query["sql"] for query in captured.captured_queries) == 1


def test_saving_a_french_call_to_action_refreshes_cached_french_pages(client, site_settings, french, french_index):
    article = french_article(french_index)
    assert "Book an appointment" in client.get(article.url).content.decode()  # now cached
    french_call_to_action(site_settings, french)
    assert "Prendre rendez-vous" in client.get(article.url).content.decode()


def test_one_site_has_one_call_to_action_per_language(site_settings, french):
    french_call_to_action(site_settings, french)
    with pytest.raises(IntegrityError):
        french_call_to_action(site_settings, french, button_label="Réserver")


# The settings screen


def settings_url(site) -> str:
    return reverse("wagtailsettings:edit", args=("wagtail_runstrength", "runstrengthsettings", site.pk))


def settings_form(*rows: dict, **overrides) -> dict:
    data = {
        "clinic_name": "Riverside Physio",
        "logo": "",
        "cta_heading": "Our physical therapists are ready to help",
        "cta_text": "",
        "cta_button_label": "Book an appointment",
        "cta_page": "",
        "cta_url": "https://example.com/book/",
        "frontend_base_url": "",
        "review_interval_months": "12",
        "review_due_soon_days": "30",
        "overdue_notice": "",
        f"{FORMSET}-TOTAL_FORMS": str(len(rows)),
        f"{FORMSET}-INITIAL_FORMS": "0",
        f"{FORMSET}-MIN_NUM_FORMS": "0",
        f"{FORMSET}-MAX_NUM_FORMS": "1000",
        **overrides,
    }
    for index, row in enumerate(rows):
        fields = {"locale": "", "heading": "", "text": "", "button_label": "", "page": "", "url": "", **row}
        fields = {"id": "", "ORDER": str(index), "DELETE": "", **fields}
        data.update({f"{FORMSET}-{index}-{name}": value for name, value in fields.items()})
    return data


def test_settings_screen_offers_a_call_to_action_per_language(admin_client, site, french):
    html = admin_client.get(settings_url(site)).content.decode()
    assert "Default call to action in other languages" in html
    assert f'id="id_{FORMSET}-TOTAL_FORMS"' in html


def test_editor_adds_a_french_call_to_action_that_french_pages_show(admin_client, site, french, french_index):
    row = {"locale": french.pk, "heading": "Besoin d’aide ?", "button_label": "Prendre rendez-vous"}
    response = admin_client.post(settings_url(site), settings_form(row))
    assert response.status_code == 302

    (saved,) = RunStrengthSettings.for_site(site).localized_calls_to_action.all()
    assert (saved.locale, saved.button_label, saved.url) == (french, "Prendre rendez-vous", "")
    html = admin_client.get(french_article(french_index).url).content.decode()
    assert 'href="https://example.com/book/">Prendre rendez-vous</a>' in html


def test_a_second_call_to_action_for_a_language_gets_an_error_on_its_language(admin_client, site, french):
    rows = [
        {"locale": french.pk, "button_label": "Prendre rendez-vous"},
        {"locale": french.pk, "button_label": "Réserver"},
    ]
    response = admin_client.post(settings_url(site), settings_form(*rows))
    assert response.status_code == 200
    first, second = response.context["form"].formsets[FORMSET].forms
    assert not first.errors
    assert second.errors == {"locale": ["There is already a call to action in French above."]}
    assert not LocalizedCallToAction.objects.exists()


def test_a_language_can_be_moved_to_a_new_row_in_one_save(admin_client, site_settings, french):
    existing = french_call_to_action(site_settings, french)
    removed = {"id": existing.pk, "locale": french.pk, "button_label": existing.button_label, "DELETE": "on"}
    data = settings_form(removed, {"locale": french.pk, "button_label": "Réserver"})
    data[f"{FORMSET}-INITIAL_FORMS"] = "1"
    response = admin_client.post(settings_url(site_settings.site), data)
    assert response.status_code == 302
    assert [cta.button_label for cta in LocalizedCallToAction.objects.all()] == ["Réserver"]


def test_language_call_to_action_linking_to_a_page_and_an_address_gets_field_errors(admin_client, site, french):
    row = {"locale": french.pk, "button_label": "Réserver", "page": site.root_page.pk, "url": "https://example.com/fr/"}
    response = admin_client.post(settings_url(site), settings_form(row))
    assert response.status_code == 200
    (form,) = response.context["form"].formsets[FORMSET].forms
    message = ["Link the button to a page or to an address, not both."]
    assert form.errors["page"] == form.errors["url"] == message
    assert not LocalizedCallToAction.objects.exists()


def test_language_call_to_action_needs_a_language_and_a_button_label(admin_client, site):
    response = admin_client.post(settings_url(site), settings_form({"heading": "Besoin d’aide ?"}))
    assert response.status_code == 200
    (form,) = response.context["form"].formsets[FORMSET].forms
    assert set(form.errors) >= {"locale", "button_label"}
