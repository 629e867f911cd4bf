"""A host's own landing page whose StreamField lists every package block, as a reader gets it."""

import datetime
import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertInHTML

from tests.factories import (
    ArticlePageFactory,
    ExerciseFactory,
    ImageFactory,
    LandingPageFactory,
    MuscleGroupFactory,
)
from tests.testapp.models import LandingPage
from wagtail_runstrength import blocks as package_blocks
from wagtail_runstrength.blocks import ArticleBodyBlock, ExerciseChooserBlock
from wagtail_runstrength.delete_guard import allow_deleting_content_in_use

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=landing"


def landing_page(home, body, **kwargs) -> LandingPage:
    return LandingPageFactory(parent=home, title="Spring running clinic", slug="spring", body=body, **kwargs)


def every_block(*, exercise, group, image, picks, cta_page, link_target):
    """One block of every type the landing page offers, in the order a host might write them."""
    return [
        ("heading", {"text": "Strength in ten minutes", "level": "h2", "anchor": "key-exercises"}),
        ("paragraph", f'<p>Start with the <a linktype="page" id="{link_target.pk}">warm-up</a>.</p>'),
        (
            "image",
            {
                "image": {"image": image, "alt_text": "A runner lunging on a trail", "decorative": False},
                "caption": "Lunges build single-leg strength.",
            },
        ),
        ("key_points", {"items": [{"title": "Fewer injuries", "text": "Tendons adapt to load."}]}),
        ("exercise", {"exercise": exercise, "note": "Lower slowly.", "sets": 4, "reps": 6}),
        (
            "exercise_group",
            {"heading": "The routine", "intro": "Twice a week.", "exercises": [{"exercise": e} for e in group]},
        ),
        ("heading", {"text": "Before you start", "level": "h3", "anchor": ""}),
        ("tips", {"items": [{"title": "Start light", "text": "Add load when every rep is controlled."}]}),
        (
            "call_to_action",
            {
                "heading": "Read more",
                "text": "Our articles explain why.",
                "button_label": "Visit the blog",
                "page": cta_page,
            },
        ),
        ("quote", {"quote": "My knees stopped aching.", "attribution": "A clinic patient"}),
        ("embed", VIDEO_URL),
        ("related_posts", {"heading": "From our blog", "posts": list(picks), "limit": 2}),
    ]


def test_the_landing_page_offers_every_exported_block_under_the_article_names():
    offered = LandingPage._meta.get_field("body").stream_block.child_blocks
    article = ArticleBodyBlock().child_blocks
    assert list(offered) == list(article)
    for name, block in offered.items():
        assert type(block) is type(article[name]), name
    # Every block the package exports for a stream, not only those the article body uses today.
    exported = {getattr(package_blocks, name) for name in package_blocks.__all__}
    assert {type(block) for block in offered.values()} == exported - {ArticleBodyBlock, ExerciseChooserBlock}


def test_a_reader_sees_every_block_on_a_host_landing_page(client, index_page):
    home = index_page.get_parent()
    muscle = MuscleGroupFactory(name="Calves")
    single = ExerciseFactory(name="Eccentric calf raise", target_muscles=[muscle], sets=3, reps=15)
    group = [ExerciseFactory(name="Split squat", sets=3, reps=10, rest_seconds=60), ExerciseFactory(name="Side plank")]
    warm_up = ArticlePageFactory(
        parent=index_page, title="Warm-up drills", slug="warm-up", date=datetime.date(2026, 1, 1)
    )
    ArticlePageFactory(parent=index_page, title="Hill repeats", slug="hills", date=datetime.date(2026, 3, 1))
    ArticlePageFactory(parent=index_page, title="Older post", slug="older", date=datetime.date(2025, 1, 1))
    page = landing_page(
        home,
        every_block(
            exercise=single,
            group=group,
            image=ImageFactory(),
            picks=[warm_up],
            cta_page=index_page,
            link_target=warm_up,
        ),
    )

    response = client.get(page.url)

    assert response.status_code == 200
    assert [template.name for template in response.templates][0] == "runstrength_testapp/landing_page.html"
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'href="/static/wagtail_runstrength/css/runstrength.css"' in html
    assert 'src="/static/wagtail_runstrength/js/runstrength.js"' in html
    # Headings keep the editor's anchor, or get one made from their text.
    assertInHTML('<h2 id="key-exercises" class="rs-root rs-heading">Strength in ten minutes</h2>', html)
    assertInHTML('<h3 id="before-you-start" class="rs-root rs-heading">Before you start</h3>', html)
    # Rich text links are expanded to the page's address.
    assertInHTML(
        '<div class="rs-root rs-prose"><p>Start with the <a href="/blog/warm-up/">warm-up</a>.</p></div>', html
    )
    # The image block draws the editor's alt text and the caption.
    assert 'alt="A runner lunging on a trail"' in html
    assertInHTML("<figcaption>Lunges build single-leg strength.</figcaption>", html)
    assertInHTML(
        '<ol class="rs-root rs-key-points"><li><strong>Fewer injuries</strong> Tendons adapt to load.</li></ol>', html
    )
    assertInHTML(
        '<ul class="rs-root rs-tips"><li><strong>Start light</strong> Add load when every rep is controlled.</li></ul>',
        html,
    )
    # A single exercise: its name, the page's own dose replacing the default, its note and muscles.
    assertInHTML('<h3 class="rs-card__title">Eccentric calf raise</h3>', html)
    assertInHTML('<div class="rs-exercise-card__dose"><dt>Dose</dt><dd>4 × 6 reps</dd></div>', html)
    assertInHTML('<p class="rs-exercise-card__note">Lower slowly.</p>', html)
    assertInHTML("<div><dt>Targets</dt><dd>Calves</dd></div>", html)
    # The group: its heading and intro, then each exercise with its default dose.
    assert "The routine</h2>" in html and "<p>Twice a week.</p>" in html
    assertInHTML('<h3 class="rs-card__title">Split squat</h3>', html)
    assertInHTML('<div class="rs-exercise-card__dose"><dt>Dose</dt><dd>3 × 10 reps, rest 60\u00a0s</dd></div>', html)
    assertInHTML('<h3 class="rs-card__title">Side plank</h3>', html)
    assert html.count("rs-card rs-exercise-card") == 3
    # Each exercise photo carries the exercise's alt text.
    assert f'alt="{single.alt_text}"' in html
    # The call to action links to the chosen page.
    assertInHTML('<a class="rs-button" href="/blog/">Visit the blog</a>', html)
    assert "Read more</h2>" in html and "<p>Our articles explain why.</p>" in html
    assertInHTML("<blockquote><p>My knees stopped aching.</p></blockquote>", html)
    assertInHTML("<figcaption>A clinic patient</figcaption>", html)
    # The video starts as a link to the provider's page, the player waiting in a template.
    assert f'href="{VIDEO_URL}"' in html and f'<iframe title="Demonstration video" src="{VIDEO_URL}"' in html
    # Related posts: the editor's pick first, then the newest article; never more than the limit.
    assert "From our blog</h2>" in html
    assertInHTML('<h3 class="rs-card__title"><a href="/blog/warm-up/">Warm-up drills</a></h3>', html)
    assertInHTML('<h3 class="rs-card__title"><a href="/blog/hills/">Hill repeats</a></h3>', html)
    assert html.index("Warm-up drills</a>") < html.index("Hill repeats</a>")
    assert "Older post" not in html
    assert html.count("rs-card rs-article-card") == 2


def test_blocks_appear_in_the_order_the_editor_placed_them(client, index_page):
    exercise = ExerciseFactory(name="Glute bridge")
    page = landing_page(
        index_page.get_parent(),
        [
            ("quote", {"quote": "First the quote.", "attribution": ""}),
            ("exercise", {"exercise": exercise}),
            ("heading", {"text": "Then a heading", "level": "h2", "anchor": ""}),
        ],
    )
    html = client.get(page.url).content.decode()
    positions = [html.index(text) for text in ("First the quote.", "Glute bridge", "Then a heading")]
    assert positions == sorted(positions)


def test_deleted_or_unpublished_exercises_and_deleted_images_leave_their_cards_out(client, index_page):
    gone, hidden, kept, photo_gone = (
        ExerciseFactory(name="Deleted move"),
        ExerciseFactory(name="Unpublished move"),
        ExerciseFactory(name="Kept move"),
        ExerciseFactory(name="Move without photo"),
    )
    image = ImageFactory()
    page = landing_page(
        index_page.get_parent(),
        [
            ("exercise", {"exercise": gone}),
            ("exercise_group", {"heading": "Routine", "exercises": [{"exercise": hidden}, {"exercise": kept}]}),
            ("exercise", {"exercise": photo_gone}),
            (
                "image",
                {
                    "image": {"image": image, "alt_text": "A photo that was deleted", "decorative": False},
                    "caption": "Caption of the deleted photo",
                },
            ),
            ("quote", {"quote": "Still here.", "attribution": ""}),
        ],
    )
    with allow_deleting_content_in_use():  # the live page uses it
        gone.delete()
    hidden.live = False
    hidden.save()
    photo_gone.image.delete()
    image.delete()

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Deleted move" not in html and "Unpublished move" not in html
    assert "A photo that was deleted" not in html and "Caption of the deleted photo" not in html
    assert 'class="rs-root rs-figure"' not in html
    assertInHTML('<h3 class="rs-card__title">Kept move</h3>', html)
    # An exercise whose photo was deleted keeps its card, without a picture.
    assertInHTML('<h3 class="rs-card__title">Move without photo</h3>', html)
    assert html.count("rs-card rs-exercise-card") == 2
    assert html.count("<picture>") == 1
    assert "Still here." in html


def test_a_draft_landing_page_is_not_served(client, index_page):
    page = landing_page(index_page.get_parent(), [], live=False)
    assert client.get("/spring/").status_code == 404
    page.save_revision().publish()
    assert client.get("/spring/").status_code == 200


# Query counts -------------------------------------------------------------------------------


@pytest.fixture(params=["off", "on"])
def fragment_cache(request, settings):
    """The package's fragment cache off, or on (it keeps the related-post choice between requests)."""
    if request.param == "off":
        settings.WAGTAIL_RUNSTRENGTH = {**getattr(settings, "WAGTAIL_RUNSTRENGTH", {}), "FRAGMENT_CACHE_TIMEOUT": 0}
    return request.param


def query_shape(sql: str) -> str:
    """A query with its numbers blanked, so the same query for another row counts as a repeat."""
    return re.sub(r"\d+", "N", sql)


def count_queries(client, url) -> list[str]:
    client.get(url)  # warm up: renditions are generated and site paths cached on the first view
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries]


def scaled_landing_page(home, index, slug, n):
    """A landing page with ``n`` single exercises, a group of ``n`` and ``n`` picked related articles."""
    muscles = [MuscleGroupFactory() for _ in range(2)]
    singles = [ExerciseFactory(target_muscles=muscles) for _ in range(n)]
    grouped = [ExerciseFactory(target_muscles=muscles) for _ in range(n)]
    picks = []
    for _ in range(n):
        article = ArticlePageFactory(parent=index, hero_image=ImageFactory())
        article.tags.add("running")
        article.save()
        picks.append(article)
    body = [
        *[("exercise", {"exercise": exercise, "note": "Slowly."}) for exercise in singles],
        ("exercise_group", {"heading": "Routine", "exercises": [{"exercise": exercise} for exercise in grouped]}),
        ("image", {"image": {"image": ImageFactory(), "alt_text": "A runner", "decorative": False}, "caption": ""}),
        ("related_posts", {"heading": "From our blog", "posts": picks, "limit": n}),
    ]
    return LandingPageFactory(parent=home, slug=slug, body=body)


def test_query_count_does_not_grow_with_exercise_blocks_or_related_cards(client, index_page, fragment_cache):
    home = index_page.get_parent()
    small = scaled_landing_page(home, index_page, "small", 2)
    large = scaled_landing_page(home, index_page, "large", 6)
    html = client.get(large.url).content.decode()
    assert html.count("rs-card rs-exercise-card") == 12 and html.count("rs-card rs-article-card") == 6
    few, many = count_queries(client, small.url), count_queries(client, large.url)
    repeated = Counter(map(query_shape, many)) - Counter(map(query_shape, few))
    assert len(few) == len(many), f"queries repeated per block or card: {repeated}"


def test_exercise_names_link_to_the_sites_library_on_a_host_page(client, index_page):
    from wagtail_runstrength.models import ExerciseLibraryPage

    home = index_page.get_parent()
    home.add_child(instance=ExerciseLibraryPage(title="Exercise library", slug="exercises"))
    single, grouped = ExerciseFactory(name="Copenhagen plank"), ExerciseFactory(name="Nordic curl")
    page = landing_page(
        home,
        [
            ("exercise", {"exercise": single}),
            ("exercise_group", {"heading": "Hamstrings", "exercises": [{"exercise": grouped}]}),
        ],
    )
    html = client.get(page.url).content.decode()
    assert f'<a href="/exercises/{single.slug}/">Copenhagen plank</a>' in html
    assert f'<a href="/exercises/{grouped.slug}/">Nordic curl</a>' in html


def test_without_a_library_exercise_names_are_plain_text_on_a_host_page(client, index_page):
    exercise = ExerciseFactory(name="Copenhagen plank")
    page = landing_page(index_page.get_parent(), [("exercise", {"exercise": exercise})])
    html = client.get(page.url).content.decode()
    assert "Copenhagen plank" in html and f"/{exercise.slug}/" not in html
