"""API v2: every article field and block resolved, the exercises endpoint, filters, bad input and no leaks."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pydantic import TypeAdapter
from wagtail.models import Page, PageViewRestriction, Site

from tests.factories import (
    ArticleCategoryFactory,
    ArticleIndexPageFactory,
    ArticlePageFactory,
    ClinicianFactory,
    ExerciseFactory,
    HomePageFactory,
    ImageFactory,
    MuscleGroupFactory,
)
from wagtail_runstrength.blocks import ArticleBodyBlock
from wagtail_runstrength.delete_guard import allow_deleting_content_in_use
from wagtail_runstrength.models import RunStrengthSettings

pytestmark = pytest.mark.django_db

BODY = TypeAdapter(ArticleBodyBlock.api_schema)


def structured_article(index, exercises, picks=(), **kwargs):
    other = kwargs.pop("link_target", None)
    link = f'<a linktype="page" id="{other.pk}">warm-up</a>' if other else "warm-up"
    body = [
        ("heading", {"text": "Why lift", "level": "h2"}),
        ("paragraph", f"<p>Start with the {link}.</p>"),
        (
            "image",
            {
                "image": {"image": ImageFactory(), "alt_text": "A runner stretching", "decorative": False},
                "caption": "Stretch",
            },
        ),
        ("key_points", {"items": [{"title": "Economy", "text": "Less waste."}]}),
        ("exercise_group", {"heading": "Key exercises", "exercises": [{"exercise": e} for e in exercises[:2]]}),
        *[("exercise", {"exercise": e, "note": "Slowly.", "sets": 4, "reps": 6}) for e in exercises[2:]],
        ("tips", {"items": [{"title": "Rest", "text": "Sleep well."}]}),
        (
            "call_to_action",
            {"heading": "Book", "text": "Now.", "button_label": "Book", "url": "https://example.com/book"},
        ),
        ("quote", {"quote": "Strong legs.", "attribution": "A patient"}),
        ("embed", "https://www.youtube.com/watch?v=abc"),
        ("related_posts", {"heading": "More", "posts": list(picks), "limit": max(len(picks), 1)}),
    ]
    return ArticlePageFactory(parent=index, body=body, hero_image=ImageFactory(), **kwargs)


def test_article_detail_resolves_every_field_and_block(client, index_page):
    muscle = MuscleGroupFactory(name="Calves", slug="calves-x")
    exercises = [ExerciseFactory(name=f"Move {n}", target_muscles=[muscle]) for n in range(3)]
    exercises[0].instructions = [("step", "Stand tall."), ("step", "Rise onto your toes.")]
    exercises[0].coaching_cues = "Knees soft\nSlow down"
    exercises[0].save()
    warm_up = ArticlePageFactory(parent=index_page, title="Warm-up", hero_image=ImageFactory())
    page = structured_article(
        index_page,
        exercises,
        picks=[warm_up],
        link_target=warm_up,
        intro=f'<p>Read the <a linktype="page" id="{warm_up.pk}">warm-up</a> first.</p>',
        category=ArticleCategoryFactory(name="Athletic Performance"),
        author=ClinicianFactory(name="Sam Lee"),
        reviewer=ClinicianFactory(name="Dana Ortiz", credentials="DPT, OCS"),
    )
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    data = response.json()
    raw = json.dumps(data)
    assert "linktype" not in raw
    assert data["intro"] == '<p>Read the <a href="/blog/warm-up/">warm-up</a> first.</p>'
    assert data["hero_image"]["alt"] and set(data["hero_image"]["renditions"]) == {"hero", "card", "thumbnail"}
    assert data["category"]["name"] == "Athletic Performance"
    assert data["reviewer"]["display_name"] == "Dana Ortiz, DPT, OCS"
    assert data["read_time_minutes"] >= 1 and data["excerpt"]
    body = BODY.validate_python(data["body"]).root  # every block matches its published schema
    kinds = [block.type for block in body]
    assert kinds == [
        "heading",
        "paragraph",
        "image",
        "key_points",
        "exercise_group",
        "exercise",
        "tips",
        "call_to_action",
        "quote",
        "embed",
        "related_posts",
    ]
    group = data["body"][4]["value"]
    first = group["exercises"][0]["exercise"]
    assert first["name"] == "Move 0" and first["target_muscles"][0]["slug"] == "calves-x"
    assert first["instructions"] == ["Stand tall.", "Rise onto your toes."]
    assert first["coaching_cues"] == ["Knees soft", "Slow down"]
    assert first["image"]["renditions"]["card"]["url"].startswith("/media/")
    assert data["body"][5]["value"]["prescription"]["text"].startswith("4 × 6 reps")
    assert data["body"][5]["value"]["note"] == "Slowly."
    cards = data["body"][-1]["value"]["cards"]
    assert [card["title"] for card in cards] == ["Warm-up"]
    assert cards[0]["url"] == "http://localhost/blog/warm-up/" and cards[0]["thumbnail"]["renditions"]["thumbnail"]
    assert data["body"][2]["value"]["image"]["alt"] == "A runner stretching"


def test_deleted_exercise_and_image_become_null_not_errors(client, index_page):
    exercises = [ExerciseFactory() for _ in range(3)]
    page = structured_article(index_page, exercises)
    with allow_deleting_content_in_use():  # the live article uses it
        exercises[2].delete()
    page.hero_image.delete()
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["hero_image"] is None
    assert data["body"][5] == {"type": "exercise", "id": data["body"][5]["id"], "value": None}
    BODY.validate_python(data["body"])


def test_article_listing_filters_by_tag_category_muscle_and_exercise(client, index_page):
    glutes = MuscleGroupFactory(slug="glutes-x")
    bridge = ExerciseFactory(slug="bridge", target_muscles=[glutes])
    category = ArticleCategoryFactory(slug="performance")
    with_all = ArticlePageFactory(
        parent=index_page, title="Everything", category=category, body=[("exercise", {"exercise": bridge})]
    )
    with_all.tags.add("knee")
    with_all.save()
    ArticlePageFactory(parent=index_page, title="Nothing")
    for query in ("tag=knee", "category=performance", "muscle=glutes-x", "exercise=bridge", f"exercise={bridge.pk}"):
        response = client.get(f"/api/v2/articles/?{query}")
        assert response.status_code == 200, query
        assert [item["title"] for item in response.json()["items"]] == ["Everything"], query


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/v2/articles/?tag=nope", "unknown tag 'nope'"),
        ("/api/v2/articles/?category=nope", "unknown category 'nope'"),
        ("/api/v2/articles/?muscle=nope", "unknown muscle 'nope'"),
        ("/api/v2/articles/?exercise=nope", "unknown exercise 'nope'"),
        ("/api/v2/articles/?muscle=", "muscle needs a value"),
        ("/api/v2/articles/?limit=500", "limit cannot be higher than"),
        ("/api/v2/articles/?limit=abc", "limit must be a positive integer"),
        ("/api/v2/articles/?fields=nonsense", "unknown fields"),
        ("/api/v2/articles/?colour=red", "query parameter is not an operation or a recognised field: colour"),
        (
            "/api/v2/exercises/?difficulty=heroic",
            "unknown difficulty 'heroic'; use one of beginner, intermediate, advanced",
        ),
        ("/api/v2/exercises/?equipment=rocket", "unknown equipment 'rocket'"),
        ("/api/v2/exercises/?muscle=nope", "unknown muscle 'nope'"),
        ("/api/v2/exercises/?limit=100", "limit cannot be higher than"),
        ("/api/v2/pages/?type=wagtail_runstrength.Nope", "type doesn't exist"),
    ],
)
def test_bad_parameters_get_a_400_with_a_message(client, index_page, url, message):
    ArticlePageFactory(parent=index_page)
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert message in response.json()["message"]


@pytest.mark.parametrize(
    "url", ["/api/v2/articles/abc/", "/api/v2/exercises/999999/", "/api/v2/exercises/no-such-slug/"]
)
def test_malformed_or_unknown_ids_are_404_not_500(client, url):
    assert client.get(url).status_code == 404


def test_exercises_endpoint_filters_and_finds_by_slug(client, index_page):
    glutes = MuscleGroupFactory(slug="glutes-y")
    bridge = ExerciseFactory(
        name="Glute bridge", slug="glute-bridge", difficulty="beginner", equipment="bodyweight", target_muscles=[glutes]
    )
    ExerciseFactory(name="Barbell squat", slug="barbell-squat", difficulty="advanced", equipment="barbell")
    ExerciseFactory(name="Draft plank", slug="draft-plank", live=False)
    page = ArticlePageFactory(parent=index_page, title="Bridges", body=[("exercise", {"exercise": bridge})])
    names = lambda url: [item["name"] for item in client.get(url).json()["items"]]  # noqa: E731
    assert names("/api/v2/exercises/") == ["Barbell squat", "Glute bridge"]
    assert names("/api/v2/exercises/?muscle=glutes-y") == ["Glute bridge"]
    assert names("/api/v2/exercises/?difficulty=advanced") == ["Barbell squat"]
    assert names("/api/v2/exercises/?equipment=bodyweight") == ["Glute bridge"]
    assert names("/api/v2/exercises/?search=bridge") == ["Glute bridge"]
    detail = client.get("/api/v2/exercises/glute-bridge/").json()
    assert detail["id"] == bridge.pk and detail["articles"] == [
        {"id": page.pk, "title": "Bridges", "url": "http://localhost/blog/bridges/"}
    ]
    assert client.get(f"/api/v2/exercises/{bridge.pk}/").json()["slug"] == "glute-bridge"
    assert client.get("/api/v2/exercises/find/?slug=glute-bridge").status_code == 302
    assert client.get("/api/v2/exercises/draft-plank/").status_code == 404


def test_exercises_endpoint_is_public_and_lists_only_visible_articles(client, site, index_page):
    exercise = ExerciseFactory(slug="lunge")
    ArticlePageFactory(parent=index_page, title="Live", body=[("exercise", {"exercise": exercise})])
    ArticlePageFactory(parent=index_page, title="Draft", live=False, body=[("exercise", {"exercise": exercise})])
    private = ArticlePageFactory(parent=index_page, title="Private", body=[("exercise", {"exercise": exercise})])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-clinic")
    Site.objects.create(hostname="other.example", root_page=other_home)
    ArticlePageFactory(
        parent=ArticleIndexPageFactory(parent=other_home, slug="blog"),
        title="Elsewhere",
        body=[("exercise", {"exercise": exercise})],
    )
    titles = [article["title"] for article in client.get("/api/v2/exercises/lunge/").json()["articles"]]
    assert titles == ["Live"]


def test_drafts_private_pages_and_other_sites_never_leak(client, site, index_page):
    subject = ArticlePageFactory(parent=index_page, title="Subject")
    subject.tags.add("running")
    subject.save()
    draft = ArticlePageFactory(parent=index_page, title="Draft", live=False)
    private = ArticlePageFactory(parent=index_page, title="Private")
    private.tags.add("running")
    private.save()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-clinic")
    Site.objects.create(hostname="other.example", root_page=other_home)
    elsewhere = ArticlePageFactory(parent=ArticleIndexPageFactory(parent=other_home, slug="blog"), title="Elsewhere")
    elsewhere.tags.add("running")
    elsewhere.save()
    subject.body = [("related_posts", {"heading": "More", "posts": [draft, private, elsewhere]})]
    subject.save()
    for url in (
        "/api/v2/articles/?fields=*",
        "/api/v2/pages/?type=wagtail_runstrength.ArticlePage&fields=*",
        "/api/v2/articles/?tag=running",
    ):
        titles = {item["title"] for item in client.get(url).json()["items"]}
        assert titles == {"Subject"}, url
    for page in (draft, private, elsewhere):
        assert client.get(f"/api/v2/articles/{page.pk}/").status_code == 404
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    detail = client.get(f"/api/v2/articles/{subject.pk}/").json()
    assert detail["body"][0]["value"]["cards"] == []


def test_frontend_base_url_rewrites_page_urls(client, site, index_page):
    RunStrengthSettings.objects.create(site=site, frontend_base_url="https://www.clinic.example/")
    other = ArticlePageFactory(parent=index_page, title="Other")
    page = ArticlePageFactory(
        parent=index_page, title="Subject", body=[("related_posts", {"heading": "More", "posts": [other]})]
    )
    data = client.get(f"/api/v2/articles/{page.pk}/").json()
    assert data["meta"]["html_url"] == "https://www.clinic.example/blog/subject/"
    assert data["body"][0]["value"]["cards"][0]["url"] == "https://www.clinic.example/blog/other/"
    assert (
        client.get(f"/api/v2/pages/{page.pk}/").json()["meta"]["html_url"] == "https://www.clinic.example/blog/subject/"
    )


def count_queries(client, url) -> int:
    assert client.get(url).status_code == 200  # warm: renditions and site root paths
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_detail_query_count_is_constant_in_exercises_and_related_cards(client, index_page):
    cards = [ArticlePageFactory(parent=index_page, title=f"Card {n}", hero_image=ImageFactory()) for n in range(6)]
    for card in cards:
        card.tags.add("knee")
        card.save()
    muscles = [MuscleGroupFactory() for _ in range(2)]
    small = structured_article(index_page, [ExerciseFactory(target_muscles=muscles) for _ in range(4)], picks=cards[:3])
    large = structured_article(index_page, [ExerciseFactory(target_muscles=muscles) for _ in range(16)], picks=cards)
    assert len(client.get(f"/api/v2/articles/{large.pk}/").json()["body"][-1]["value"]["cards"]) == 6
    counts = {
        count_queries(client, f"/api/v2/{endpoint}/{page.pk}/") for page in (small, large) for endpoint in ("articles",)
    }
    assert len(counts) == 1, counts
    pages = {count_queries(client, f"/api/v2/pages/{page.pk}/") for page in (small, large)}
    assert len(pages) == 1, pages


def test_article_listing_query_count_is_the_same_for_5_and_20(client, index_page):
    # The site's settings row exists, as on any real site: its creation by the first request
    # (the review field reads it) would otherwise empty a cached lookup between the two counts.
    RunStrengthSettings.for_site(index_page.get_site())
    category = ArticleCategoryFactory()
    for n in range(5):
        ArticlePageFactory(parent=index_page, title=f"A{n}", category=category, hero_image=ImageFactory()).tags.add("x")
    five = count_queries(client, "/api/v2/articles/?fields=*")
    for n in range(15):
        ArticlePageFactory(parent=index_page, title=f"B{n}", category=category, hero_image=ImageFactory()).tags.add("x")
    assert len(client.get("/api/v2/articles/?fields=*").json()["items"]) == 20
    assert count_queries(client, "/api/v2/articles/?fields=*") == five


def test_exercise_listing_query_count_is_constant(client, index_page):
    muscles = [MuscleGroupFactory() for _ in range(2)]
    for _ in range(3):
        ExerciseFactory(target_muscles=muscles)
    three = count_queries(client, "/api/v2/exercises/?fields=*")
    for _ in range(12):
        ExerciseFactory(target_muscles=muscles)
    assert count_queries(client, "/api/v2/exercises/?fields=*") == three


def test_exercise_listing_with_articles_costs_the_same_for_3_and_12_exercises(client, index_page):
    def used_exercise():
        exercise = ExerciseFactory()
        ArticlePageFactory(parent=index_page, body=[("exercise", {"exercise": exercise})])
        return exercise

    for _ in range(3):
        used_exercise()
    three = count_queries(client, "/api/v2/exercises/?fields=*")
    for _ in range(9):
        used_exercise()
    assert count_queries(client, "/api/v2/exercises/?fields=*") == three


def test_exercise_field_filters_apply(client):
    ExerciseFactory(name="Glute bridge", slug="glute-bridge")
    ExerciseFactory(name="Side plank", slug="side-plank")
    items = client.get("/api/v2/exercises/?slug=glute-bridge").json()["items"]
    assert [item["name"] for item in items] == ["Glute bridge"]


def test_tags_filter_by_slug_or_name_and_all_of_several(client, index_page):
    both = ArticlePageFactory(parent=index_page, title="Both")
    both.tags.add("Knee", "Running")
    both.save()
    one = ArticlePageFactory(parent=index_page, title="One")
    one.tags.add("Knee")
    one.save()
    titles = lambda url: sorted(item["title"] for item in client.get(url).json()["items"])  # noqa: E731
    assert titles("/api/v2/articles/?tag=Knee") == ["Both", "One"]
    assert titles("/api/v2/articles/?tag=knee,running") == ["Both"]
    assert client.get("/api/v2/articles/?tag=,").status_code == 400


def test_articles_support_wagtails_tree_filters_and_refuse_rich_text_format(client, index_page):
    page = ArticlePageFactory(parent=index_page, title="Leaf")
    ArticlePageFactory(parent=index_page, title="Sibling")
    assert [i["title"] for i in client.get(f"/api/v2/articles/?ancestor_of={page.pk}").json()["items"]] == []
    assert {i["title"] for i in client.get(f"/api/v2/articles/?child_of={index_page.pk}").json()["items"]} == {
        "Leaf",
        "Sibling",
    }
    response = client.get("/api/v2/articles/?rich_text_format=markdown")
    assert response.status_code == 400 and "rich_text_format" in response.json()["message"]


def test_default_call_to_action_links_to_the_frontend(client, site, index_page):
    RunStrengthSettings.objects.create(
        site=site,
        frontend_base_url="https://www.clinic.example",
        cta_heading="Book",
        cta_button_label="Book now",
        cta_page=index_page,
    )
    page = ArticlePageFactory(parent=index_page, body=[("call_to_action", {})])
    cta = client.get(f"/api/v2/articles/{page.pk}/").json()["body"][0]["value"]
    assert cta["url"] == "https://www.clinic.example/blog/"


def test_changing_the_frontend_base_url_takes_effect_at_once(client, site, index_page):
    settings = RunStrengthSettings.objects.create(site=site, frontend_base_url="https://one.example")
    page = ArticlePageFactory(parent=index_page, title="Subject")
    assert client.get(f"/api/v2/articles/{page.pk}/").json()["meta"]["html_url"].startswith("https://one.example/")
    settings.frontend_base_url = "https://two.example"
    settings.save()
    assert client.get(f"/api/v2/articles/{page.pk}/").json()["meta"]["html_url"].startswith("https://two.example/")


def test_article_detail_looks_the_article_up_once_by_primary_key(client, index_page, settings):
    settings.WAGTAIL_RUNSTRENGTH = {"FRAGMENT_CACHE_TIMEOUT": 0}  # resolve the whole detail every time
    page = structured_article(index_page, [ExerciseFactory()])
    client.get(f"/api/v2/articles/{page.pk}/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/api/v2/articles/{page.pk}/").status_code == 200
    article_rows = [
        q["sql"]
        for q in queries
        if q["sql"].startswith('SELECT "wagtailcore_page"."id"')
        and '"wagtail_runstrength_articlepage"."body"' in q["sql"]
    ]
    assert len(article_rows) == 1, article_rows
    assert "IN (SELECT" not in article_rows[0]


def test_article_detail_of_a_draft_private_or_other_page_is_404(client, index_page, site):
    draft = ArticlePageFactory(parent=index_page, title="Draft", live=False)
    private = ArticlePageFactory(parent=index_page, title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    for page in (draft, private, index_page):
        assert client.get(f"/api/v2/articles/{page.pk}/").status_code == 404
    assert client.get("/api/v2/articles/999999/").status_code == 404


def test_an_articles_detail_url_is_the_articles_endpoint_except_in_the_untyped_pages_listing(client, index_page):
    """docs/api.md, "Registration order matters": the real ``meta.detail_url`` of an article in each place."""
    page = ArticlePageFactory(parent=index_page, title="Detail urls")
    articles_url = f"http://localhost/api/v2/articles/{page.pk}/"
    pages_url = f"http://localhost/api/v2/pages/{page.pk}/"

    def listed(url):
        (item,) = [item for item in client.get(url).json()["items"] if item["id"] == page.pk]
        assert item["meta"]["type"] == "wagtail_runstrength.ArticlePage"
        return item["meta"]["detail_url"]

    assert listed("/api/v2/articles/") == articles_url
    assert client.get(f"/api/v2/articles/{page.pk}/").json()["meta"]["detail_url"] == articles_url
    assert listed("/api/v2/pages/?type=wagtail_runstrength.ArticlePage") == articles_url
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["meta"]["detail_url"] == articles_url
    # Untyped, Wagtail lists plain ``Page`` objects: the pages endpoint's address, which serves the article too.
    assert listed("/api/v2/pages/") == pages_url
    assert listed(f"/api/v2/pages/?child_of={index_page.pk}") == pages_url
    detail = client.get(pages_url)
    assert detail.status_code == 200
    assert detail.json()["title"] == "Detail urls"
    assert detail.json()["meta"]["type"] == "wagtail_runstrength.ArticlePage"
