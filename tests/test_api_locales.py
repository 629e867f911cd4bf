"""Both APIs answer in one language: ``?locale=``, else the reader's language, else the default one.

The site is the two-language tree of ``test_translated_trees.py`` (the French
tree a sibling of the English root, built with ``copy_for_translation``).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from tests.factories import ExerciseFactory
from tests.translated_tree import tree_fixture, two_languages_fixture  # noqa: F401 (fixtures)
from wagtail_runstrength.affected import affected_by

pytestmark = pytest.mark.django_db

V2_ARTICLES = "/api/v2/articles/"
EXERCISE_LISTINGS = ["/api/v2/exercises/", "/api/v3/exercises/"]


def items(client, url, **headers) -> list[dict]:
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def titles(client, url, **headers) -> set[str]:
    return {item["title"] for item in items(client, url, **headers)}


def test_the_article_listing_answers_in_the_default_language_unless_asked(client, tree):
    assert titles(client, V2_ARTICLES) == {page.title for page in tree["en"]}
    assert titles(client, f"{V2_ARTICLES}?locale=fr") == {page.title for page in tree["fr"]}
    assert titles(client, f"{V2_ARTICLES}?locale=en") == {page.title for page in tree["en"]}


def test_the_readers_language_is_the_default_when_it_is_a_content_language(client, tree, settings):
    # Django's LocaleMiddleware reads Accept-Language where no i18n_patterns prefix decides the language.
    settings.ROOT_URLCONF = "tests.urls"
    assert titles(client, V2_ARTICLES, HTTP_ACCEPT_LANGUAGE="fr") == {page.title for page in tree["fr"]}
    # German is no content language here: the site's default answers.
    assert titles(client, V2_ARTICLES, HTTP_ACCEPT_LANGUAGE="de") == {page.title for page in tree["en"]}


@pytest.mark.parametrize("url", [V2_ARTICLES, *EXERCISE_LISTINGS, "/api/v2/exercises/find/?slug=squat&"])
@pytest.mark.parametrize("locale", ["zz", "", "de", "fr%27"])
def test_a_locale_that_is_no_content_language_is_a_400_with_a_message(client, tree, url, locale):
    separator = "" if url.endswith("&") else "?"
    response = client.get(f"{url}{separator}locale={locale}")
    assert response.status_code == 400
    body = response.json()
    message = body.get("message") or body.get("detail")
    assert "unknown locale" in message and "en, fr" in message


def test_a_v3_slug_lookup_with_a_bad_locale_is_a_400(client, tree):
    response = client.get("/api/v3/exercises/by-slug/squat/?locale=zz")
    assert response.status_code == 400
    assert "unknown locale" in response.json()["detail"]


@pytest.mark.parametrize("url", EXERCISE_LISTINGS)
def test_exercise_listings_list_each_slug_once_in_the_requested_language(client, tree, url):
    english = items(client, url)
    french = items(client, f"{url}?locale=fr")
    assert [item["slug"] for item in english] == ["squat"]
    assert [item["name"] for item in english] == ["Squat"]
    assert [item["name"] for item in french] == ["Flexion"]


@pytest.mark.parametrize(
    "url", ["/api/v2/exercises/find/?slug=squat&", "/api/v2/exercises/squat/?", "/api/v3/exercises/by-slug/squat/?"]
)
def test_slug_lookups_answer_in_the_requested_language(client, tree, url):
    assert client.get(url, follow=True).json()["name"] == "Squat"
    assert client.get(f"{url}locale=fr", follow=True).json()["name"] == "Flexion"


def test_a_slug_with_no_translation_is_not_found_in_that_language(client, tree):
    ExerciseFactory(name="Plank", slug="plank")
    assert client.get("/api/v2/exercises/find/?slug=plank&locale=fr", follow=True).status_code == 404
    assert client.get("/api/v3/exercises/by-slug/plank/?locale=fr").status_code == 404


def test_article_details_link_their_readable_translations(client, tree):
    english, french = tree["en"][0], tree["fr"][0]
    expected = [{"id": french.pk, "locale": "fr", "url": "http://localhost/fr/blog/francais-0/"}]
    assert client.get(f"{V2_ARTICLES}{english.pk}/").json()["translations"] == expected
    assert client.get(f"/api/v3/pages/{english.pk}/").json()["translations"] == expected
    back = client.get(f"{V2_ARTICLES}{french.pk}/").json()["translations"]
    assert back == [{"id": english.pk, "locale": "en", "url": "http://localhost/blog/english-0/"}]


def test_listings_carry_no_translations(client, tree):
    assert "translations" not in items(client, V2_ARTICLES)[0]
    response = client.get(f"{V2_ARTICLES}?fields=translations")
    assert response.status_code == 400


def test_an_unpublished_translation_is_never_linked(client, tree):
    french = tree["fr"][1]
    french.unpublish()
    exercise_fr = tree["squat_fr"]
    exercise_fr.live = False
    exercise_fr.save()
    assert client.get(f"{V2_ARTICLES}{tree['en'][1].pk}/").json()["translations"] == []
    assert client.get(f"/api/v2/exercises/{tree['squat'].pk}/").json()["translations"] == []
    assert client.get(f"/api/v3/exercises/{tree['squat'].pk}/").json()["translations"] == []


def test_exercise_details_link_their_translations_to_the_library_of_that_language(client, tree):
    squat, flexion = tree["squat"], tree["squat_fr"]
    expected = [{"id": flexion.pk, "locale": "fr", "url": "http://localhost/fr/exercices/squat/"}]
    assert client.get(f"/api/v2/exercises/{squat.pk}/").json()["translations"] == expected
    assert client.get(f"/api/v3/exercises/{squat.pk}/").json()["translations"] == expected
    back = client.get("/api/v3/exercises/by-slug/squat/?locale=fr").json()["translations"]
    assert back == [{"id": squat.pk, "locale": "en", "url": "http://localhost/exercises/squat/"}]


def test_a_language_without_a_library_links_its_translation_without_a_url(client, tree):
    tree["library_fr"].unpublish()
    translations = client.get(f"/api/v2/exercises/{tree['squat'].pk}/").json()["translations"]
    assert translations == [{"id": tree["squat_fr"].pk, "locale": "fr", "url": None}]


def counted(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "detail",
    [
        lambda tree: (f"{V2_ARTICLES}{tree['en'][0].pk}/", f"{V2_ARTICLES}{tree['fr'][0].pk}/"),
        lambda tree: (f"/api/v3/pages/{tree['en'][0].pk}/", f"/api/v3/pages/{tree['fr'][0].pk}/"),
        lambda tree: (f"/api/v2/exercises/{tree['squat'].pk}/", f"/api/v2/exercises/{tree['squat_fr'].pk}/"),
        lambda tree: (f"/api/v3/exercises/{tree['squat'].pk}/", f"/api/v3/exercises/{tree['squat_fr'].pk}/"),
    ],
    ids=["v2-article", "v3-article", "v2-exercise", "v3-exercise"],
)
@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_a_french_api_detail_costs_the_queries_of_the_english_one(
    client, tree, detail, warm, django_assert_num_queries
):
    from django.core.cache import cache

    english_url, french_url = detail(tree)
    client.get(english_url)
    client.get(french_url)
    if not warm:
        cache.clear()
    english = counted(client, english_url)
    if not warm:
        cache.clear()
    with django_assert_num_queries(english):
        client.get(french_url)


def test_a_french_listing_costs_the_queries_of_the_english_one(client, tree, django_assert_num_queries):
    for url in [V2_ARTICLES, *EXERCISE_LISTINGS]:
        client.get(url)
        client.get(f"{url}?locale=fr")  # both warm
        english = counted(client, url)
        with django_assert_num_queries(english):
            client.get(f"{url}?locale=fr")


def test_a_french_exercise_change_names_its_listing_and_lookups_in_french(tree):
    urls = affected_by(tree["squat_fr"]).api_urls
    assert {
        "/api/v2/exercises/?locale=fr",
        "/api/v2/exercises/squat/?locale=fr",
        "/api/v2/exercises/find/?slug=squat&locale=fr",
        "/api/v3/exercises/?locale=fr",
        "/api/v3/exercises/by-slug/squat/?locale=fr",
    } <= urls
    assert not any("locale=en" in url for url in urls)


def test_without_i18n_details_carry_an_empty_translations_list(client, tree, settings):
    settings.WAGTAIL_I18N_ENABLED = False
    assert Locale.objects.filter(language_code="fr").exists()
    assert client.get(f"/api/v2/exercises/{tree['squat'].pk}/").json()["translations"] == []


def test_a_regional_variant_reads_as_its_configured_language(client, tree):
    assert titles(client, f"{V2_ARTICLES}?locale=fr-ca") == {page.title for page in tree["fr"]}


def test_a_content_language_without_content_answers_an_empty_listing(client, tree, settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [("en", "English"), ("fr", "French"), ("de", "German")]
    assert items(client, f"{V2_ARTICLES}?locale=de") == []
    assert items(client, "/api/v3/exercises/?locale=de") == []


def test_a_translation_listing_keeps_every_language_unless_asked(client, tree):
    english, french = tree["en"][0], tree["fr"][0]
    assert titles(client, f"{V2_ARTICLES}?translation_of={english.pk}") == {french.title}
    assert titles(client, f"{V2_ARTICLES}?translation_of={english.pk}&locale=en") == set()


def test_wagtails_v3_pages_listing_keeps_its_own_locale_rules(client, tree):
    french = {item["id"] for item in items(client, "/api/v3/pages/?locale=fr")}
    assert {page.pk for page in tree["fr"]} <= french
    assert not {page.pk for page in tree["en"]} & french
    assert client.get("/api/v3/pages/?locale=zz").status_code == 404


def test_v2_and_v3_path_lookups_find_both_trees(client, tree):
    """v2's find/ reads the language prefix (api/page_paths.py), and so does v3's (api/v3_find.py), where
    Wagtail's own view routes ``html_path`` from the site's root page only (wagtail#6679)."""
    english = client.get(f"{V2_ARTICLES}find/?html_path=/blog/english-0/")
    assert english.status_code == 200  # an article is answered in place (cached_detail.py)
    assert english.json()["id"] == tree["en"][0].pk
    assert client.get(f"{V2_ARTICLES}find/?html_path=/fr/blog/francais-0/").json()["id"] == tree["fr"][0].pk
    assert client.get(f"{V2_ARTICLES}find/?html_path=/blog/francais-0/&locale=fr").status_code == 404
    assert client.get("/api/v3/pages/find/?html_path=/blog/english-0/").status_code == 302
    french = client.get("/api/v3/pages/find/?html_path=/fr/blog/francais-0/")
    assert french.status_code == 302 and french["Location"] == f"/api/v3/pages/{tree['fr'][0].pk}/?"


def landing_and_french_copy(tree, cards: int = 1, slug: str = "landing"):
    """A published host landing page with ``cards`` exercise cards and a group of as many, all of the English
    squat, and its published French copy (which keeps the English exercise chosen)."""
    from tests.factories import LandingPageFactory
    from tests.testapp.models import LandingPage

    squat = tree["squat"]
    body = [("exercise", {"exercise": squat})] * cards + [
        ("exercise_group", {"heading": "Routine", "exercises": [{"exercise": squat}] * cards}),
    ]
    landing = LandingPageFactory(parent=tree["site"].root_page, title="Landing", slug=slug, body=body)
    landing.save_revision().publish()
    copy = LandingPage.objects.get(pk=landing.pk).copy_for_translation(tree["french"])
    copy.save_revision().publish()
    return landing, copy


def test_exercise_cards_on_a_host_page_answer_in_the_pages_language(client, tree):
    """A host's own page type (not an article) reusing the exercise blocks: a French copy keeps the
    English exercise chosen, and both APIs show its French translation, as they do on an article."""
    squat = tree["squat"]
    landing, copy = landing_and_french_copy(tree)
    assert {block.value["exercise"].pk for block in copy.body if block.block_type == "exercise"} == {squat.pk}
    for url in (f"/api/v2/pages/{copy.pk}/", f"/api/v3/pages/{copy.pk}/"):
        stream = client.get(url).json()["body"]
        assert stream[0]["value"]["exercise"]["name"] == "Flexion", url
        assert stream[1]["value"]["exercises"][0]["exercise"]["name"] == "Flexion", url
        muscles = [group["name"] for group in stream[0]["value"]["exercise"]["target_muscles"]]
        assert muscles == ["Mollets"], url
    for url in (f"/api/v2/pages/{landing.pk}/", f"/api/v3/pages/{landing.pk}/"):
        english = client.get(url).json()["body"]
        assert english[0]["value"]["exercise"]["name"] == "Squat", url
        assert english[1]["value"]["exercises"][0]["exercise"]["name"] == "Squat", url


def test_a_host_pages_french_cards_cost_the_same_queries_for_one_card_or_many(client, tree, django_assert_num_queries):
    """On v3 the blocks get the page, and the whole page's cards are localized at once: no query per card."""
    urls = [f"/api/v3/pages/{landing_and_french_copy(tree, n, f'landing-{n}')[1].pk}/" for n in (1, 6)]
    for url in urls:
        client.get(url)  # both warm
    one_card = counted(client, urls[0])
    with django_assert_num_queries(one_card):
        stream = client.get(urls[1]).json()["body"]
    names = [block["value"]["exercise"]["name"] for block in stream[:-1]]
    names += [card["exercise"]["name"] for card in stream[-1]["value"]["exercises"]]
    assert names == ["Flexion"] * 12
