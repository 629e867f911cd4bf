"""The article fragment cache: what a warm page costs, and that no edit a reader could notice is served stale."""

from io import StringIO

import pytest
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

from tests.factories import (
    ArticleCategoryFactory,
    ArticleIndexPageFactory,
    ArticlePageFactory,
    ClinicianFactory,
    ExerciseFactory,
    ImageFactory,
    publish,
)
from wagtail_runstrength import fragment_cache
from wagtail_runstrength.delete_guard import allow_deleting_content_in_use
from wagtail_runstrength.models import FragmentGeneration, RunStrengthSettings
from wagtail_runstrength.public_urls import PublicUrls, frontend_cache_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(index_page):
    """An article whose exercise card, byline, category and related card can all change under it."""
    category = ArticleCategoryFactory(name="Injury prevention")
    author = ClinicianFactory(name="Dana Ortiz")
    exercise = ExerciseFactory(name="Single-leg calf raise")
    neighbour = ArticlePageFactory(parent=index_page, title="Hip strength for hills", category=category)
    neighbour.tags.add("knee")
    neighbour = publish(neighbour)
    article = ArticlePageFactory(
        parent=index_page,
        title="Calf work for runners",
        category=category,
        author=author,
        hero_image=ImageFactory(description="A runner on a step"),
        body=[
            ("exercise", {"exercise": exercise, "note": ""}),
            ("related_posts", {"heading": "Read next", "posts": []}),
        ],
    )
    article.tags.add("knee")
    article = publish(article)
    return {"article": article, "neighbour": neighbour, "exercise": exercise, "category": category, "author": author}


def read(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def warm(client, page) -> str:
    """Read twice and check the second read came from the fragment cache (no query touches the body)."""
    first = read(client, page)
    with CaptureQueriesContext(connection) as queries:
        second = read(client, page)
    assert second == first
    assert not any("exercisesnippet" in query["sql"] for query in queries.captured_queries)
    return second


def fragment_keys() -> list[str]:
    backend = fragment_cache.get_cache()
    if isinstance(backend, LocMemCache):
        return [key for key in backend._cache if fragment_cache.FRAGMENT_PREFIX in key]
    # Django's Redis cache (.ci/run's PostgreSQL phase)
    return [key.decode() for key in backend._cache.get_client().keys(f"*{fragment_cache.FRAGMENT_PREFIX}*")]


# What a warm page costs


def test_a_warm_article_is_served_from_one_fragment_with_the_plain_blogs_query_count(client, articles):
    article = articles["article"]
    cold = read(client, article)
    assert fragment_keys()
    with CaptureQueriesContext(connection) as queries:
        assert read(client, article) == cold
    # Site, the page route, aliases and view restrictions: Wagtail's own serving, nothing of the article's.
    assert len(queries) <= 9, [query["sql"][:120] for query in queries.captured_queries]


def test_a_warm_page_costs_the_same_queries_whatever_its_size(client, index_page):
    exercises = [ExerciseFactory() for _ in range(16)]
    small = publish(ArticlePageFactory(parent=index_page, body=[("exercise", {"exercise": e}) for e in exercises[:2]]))
    large = publish(ArticlePageFactory(parent=index_page, body=[("exercise", {"exercise": e}) for e in exercises]))
    counts = []
    for page in (small, large):
        read(client, page)
        with CaptureQueriesContext(connection) as queries:
            read(client, page)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_page_reads_the_generation_from_the_database_once_whatever_its_fragments(client, articles):
    """The article's document and its related-post choice are two fragments: one generation read serves both."""
    for _ in ("cold", "warm"):
        with CaptureQueriesContext(connection) as queries:
            read(client, articles["article"])
        reads = [query for query in queries.captured_queries if "fragmentgeneration" in query["sql"]]
        assert len(reads) == 1


def test_the_editors_userbar_is_not_part_of_the_cached_document(client, admin_client, articles):
    article = articles["article"]
    assert "wagtail-userbar" not in read(client, article)
    assert "wagtail-userbar" in admin_client.get(article.url).content.decode()
    assert "wagtail-userbar" not in read(client, article)


# Invalidation: every change a reader could see


def test_publishing_a_new_title_refreshes_the_related_cards_elsewhere(client, articles):
    warm(client, articles["article"])
    neighbour = articles["neighbour"]
    neighbour.title = "Hill strength, revised"
    publish(neighbour)
    html = read(client, articles["article"])
    assert "Hill strength, revised" in html and "Hip strength for hills" not in html


def test_unpublishing_removes_the_card(client, articles):
    warm(client, articles["article"])
    articles["neighbour"].unpublish()
    assert "Hip strength for hills" not in read(client, articles["article"])


def test_deleting_removes_the_card(client, articles):
    warm(client, articles["article"])
    articles["neighbour"].delete()
    assert "Hip strength for hills" not in read(client, articles["article"])


def test_moving_updates_the_card_address(client, site, articles):
    warm(client, articles["article"])
    other_index = ArticleIndexPageFactory(parent=site.root_page, slug="archive", title="Archive")
    articles["neighbour"].move(other_index, pos="last-child")
    html = read(client, articles["article"])
    assert "/archive/" in html


def test_making_an_article_private_removes_its_card(client, articles):
    warm(client, articles["article"])
    PageViewRestriction.objects.create(
        page=articles["neighbour"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert "Hip strength for hills" not in read(client, articles["article"])


def test_editing_an_exercise_refreshes_its_card(client, articles):
    warm(client, articles["article"])
    exercise = articles["exercise"]
    exercise.name = "Bent-knee calf raise"
    exercise.save()
    html = read(client, articles["article"])
    assert "Bent-knee calf raise" in html and "Single-leg calf raise" not in html


def test_unpublishing_an_exercise_removes_its_card(client, articles):
    warm(client, articles["article"])
    exercise = articles["exercise"]
    exercise.live = False
    exercise.save()
    assert "Single-leg calf raise" not in read(client, articles["article"])


def test_renaming_a_category_a_clinician_or_a_tag_shows_at_once(client, articles):
    warm(client, articles["article"])
    articles["category"].name = "Prehab"
    articles["category"].save()
    articles["author"].name = "Dana Ortiz-Reyes"
    articles["author"].save()
    tag = articles["article"].tags.get(name="knee")
    tag.name = "knees"
    tag.save()
    html = read(client, articles["article"])
    assert "Prehab" in html and "Injury prevention" not in html
    assert "Dana Ortiz-Reyes" in html
    assert ">knees<" in html


def test_changing_an_images_description_refreshes_the_alt_text(client, articles):
    warm(client, articles["article"])
    image = articles["article"].hero_image
    image.description = "A runner lowering her heel below the step"
    image.save()
    assert "A runner lowering her heel below the step" in read(client, articles["article"])


def test_the_sites_settings_refresh_the_page(client, site, articles):
    warm(client, articles["article"])
    settings_row = RunStrengthSettings.for_site(site)
    settings_row.clinic_name = "Riverside Physio"
    settings_row.save()
    assert "Riverside Physio" in read(client, articles["article"])


# What does not invalidate, and what is never cached


def test_saving_a_draft_keeps_the_cache_and_the_live_content(client, articles):
    article = articles["article"]
    warm(client, article)
    generation = fragment_cache.current_generation()
    article.title = "A draft title"
    article.save_revision()
    assert fragment_cache.current_generation() == generation
    html = warm(client, Page.objects.get(pk=article.pk).specific)
    assert "Calf work for runners" in html and "A draft title" not in html


def test_a_preview_is_never_cached_and_never_served_to_readers(client, rf, articles):
    article = articles["article"]
    warm(client, article)
    keys = set(fragment_keys())
    article.title = "Unsaved preview title"
    preview = article.make_preview_request(rf.get(article.url, HTTP_HOST="localhost"), article.default_preview_mode)
    assert "Unsaved preview title" in preview.content.decode()
    assert set(fragment_keys()) == keys
    assert "Unsaved preview title" not in read(client, Page.objects.get(pk=article.pk).specific)


def test_changes_committed_by_a_transaction_replace_the_generation_again_on_commit(
    articles, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            articles["exercise"].name = "Calf raise on a step"
            articles["exercise"].save()
            inside = fragment_cache.current_generation()
    # Another transaction that committed after this one started could have left the newest
    # row, and pages rendered from this one's data not yet committed under it: the commit
    # must leave that generation behind.
    assert inside
    assert fragment_cache.current_generation() != inside


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_only_the_newest_generation_row_is_kept_once_changes_commit(site, django_assert_num_queries):
    model = FragmentGeneration
    for _ in range(3):
        with django_assert_num_queries(2):  # the new row, then one DELETE of the older ones
            fragment_cache.new_generation()  # outside a transaction: committed at once
    assert model.objects.count() == 1
    with transaction.atomic():
        ExerciseFactory(name="Box jump")
        inside = fragment_cache.current_generation()
    # The save's row inside the transaction, then one more after the commit; older rows are gone.
    assert model.objects.count() == 1
    assert fragment_cache.current_generation() not in ("", inside)


def test_turning_the_cache_off_stores_nothing(client, settings, articles):
    settings.WAGTAIL_RUNSTRENGTH = {"FRAGMENT_CACHE_TIMEOUT": 0}
    read(client, articles["article"])
    assert fragment_keys() == []


def test_the_key_varies_with_host_and_language(rf, articles):
    article = articles["article"]
    local = fragment_cache.page_key_parts(article, rf.get(article.url, HTTP_HOST="localhost"))
    other = fragment_cache.page_key_parts(article, rf.get(article.url, HTTP_HOST="127.0.0.1"))
    assert local != other
    from django.utils import translation

    with translation.override("fr"):
        french = fragment_cache.page_key_parts(article, rf.get(article.url, HTTP_HOST="localhost"))
    assert french != local


class BrokenCacheBackend(BaseCache):
    """A cache whose server is down: every read and write raises, as Django's Redis backend does."""

    def __init__(self, location, params):
        super().__init__(params)

    def _unreachable(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")

    get = set = add = get_many = set_many = delete = has_key = touch = clear = _unreachable


def test_a_cache_outage_never_breaks_a_page(client, settings, articles, caplog):
    settings.CACHES = {**settings.CACHES, "broken": {"BACKEND": "tests.test_fragment_cache.BrokenCacheBackend"}}
    settings.WAGTAIL_RUNSTRENGTH = {"CACHE_ALIAS": "broken"}
    html = read(client, articles["article"])
    assert "Single-leg calf raise" in html and "Hip strength for hills" in html
    assert "Fragment cache unavailable" in caplog.text
    # An editor's save still succeeds while the cache is down.
    articles["exercise"].name = "Calf raise, cache down"
    articles["exercise"].save()
    assert "Calf raise, cache down" in read(client, articles["article"])


# Frontend cache (CDN) purges


class RecordingBackend:
    """A frontend cache backend that only records what it was asked to purge."""

    purged: list[str] = []

    def __init__(self, params):
        self.hostnames = ["*"]

    def purge(self, url):
        RecordingBackend.purged.append(url)

    def purge_batch(self, urls):
        RecordingBackend.purged.extend(urls)

    def invalidates_hostname(self, hostname):
        return True


@pytest.fixture
def recorded_purges(settings):
    settings.WAGTAILFRONTENDCACHE = {"recorder": {"BACKEND": "tests.test_fragment_cache.RecordingBackend"}}
    RecordingBackend.purged = []
    return RecordingBackend.purged


def test_editing_an_exercise_purges_every_live_page_that_shows_it(
    articles, index_page, recorded_purges, django_capture_on_commit_callbacks
):
    exercise = articles["exercise"]
    elsewhere = publish(ArticlePageFactory(parent=index_page, body=[("exercise", {"exercise": exercise})]))
    draft = ArticlePageFactory(parent=index_page, live=False, body=[("exercise", {"exercise": exercise})])
    unrelated = articles["neighbour"]
    with django_capture_on_commit_callbacks(execute=True):
        exercise.name = "Calf raise, slow lowering"
        exercise.save()
    assert articles["article"].full_url in recorded_purges
    assert elsewhere.full_url in recorded_purges
    assert draft.full_url not in recorded_purges
    assert unrelated.full_url not in recorded_purges


def test_a_draft_save_of_an_exercise_purges_nothing(articles, recorded_purges, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        articles["exercise"].save_revision()
    assert recorded_purges == []


def test_deleting_an_exercise_or_renaming_a_category_purges_the_pages_that_showed_it(
    articles, recorded_purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), allow_deleting_content_in_use():
        articles["exercise"].delete()
    assert articles["article"].full_url in recorded_purges
    recorded_purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        articles["category"].name = "Prehab"
        articles["category"].save()
    assert {articles["article"].full_url, articles["neighbour"].full_url} <= set(recorded_purges)


def test_the_clear_command_makes_every_fragment_stale(client, site, articles):
    warm(client, articles["article"])
    before = fragment_cache.current_generation()
    # Entries a save deletes from the cache, which a save during a cache outage could not.
    PublicUrls().frontend_base(site.pk)
    Site.get_site_root_paths()
    out = StringIO()
    call_command("runstrength_clear_fragments", stdout=out)
    assert "stale" in out.getvalue()
    assert fragment_cache.current_generation() not in ("", before)
    assert caches["default"].get(frontend_cache_key(site.pk)) is None
    assert caches["default"].get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION) is None
    with CaptureQueriesContext(connection) as queries:
        read(client, articles["article"])
    assert any("exercisesnippet" in query["sql"] for query in queries.captured_queries)


# The API detail shares the cache and its invalidation


def api_detail(client, page, query=""):
    return client.get(f"/api/v2/articles/{page.pk}/{query}", HTTP_HOST="localhost")


def test_a_warm_api_detail_skips_the_body_and_matches_the_cold_one(client, articles):
    article = articles["article"]
    cold = api_detail(client, article)
    assert cold.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        warm_response = api_detail(client, article)
    assert warm_response.json() == cold.json()
    assert not any("exercisesnippet" in query["sql"] for query in queries.captured_queries)
    assert len(queries) <= 6, [query["sql"][:120] for query in queries.captured_queries]


def test_a_warm_api_detail_reads_the_generation_within_its_page_lookup(client, articles):
    api_detail(client, articles["article"])
    with CaptureQueriesContext(connection) as queries:
        api_detail(client, articles["article"])
    reads = [query["sql"] for query in queries.captured_queries if "fragmentgeneration" in query["sql"]]
    assert len(reads) == 1 and "wagtailcore_page" in reads[0]


def test_the_api_detail_follows_edits_and_unpublishing(client, articles):
    article = articles["article"]
    api_detail(client, article)
    articles["exercise"].name = "Bent-knee calf raise"
    articles["exercise"].save()
    assert "Bent-knee calf raise" in api_detail(client, article).content.decode()
    article.unpublish()
    assert api_detail(client, article).status_code == 404


def test_the_api_detail_caches_each_field_selection_apart_and_still_refuses_bad_ones(client, articles):
    article = articles["article"]
    full = api_detail(client, article).json()
    slim = api_detail(client, article, "?fields=-body").json()
    assert "body" in full and "body" not in slim
    assert api_detail(client, article).json() == full
    assert api_detail(client, article, "?fields=nope").status_code == 400


# The article index


def test_the_index_is_cached_per_page_and_filter_and_lists_a_new_article_at_once(
    client, settings, index_page, articles
):
    settings.WAGTAIL_RUNSTRENGTH = {"INDEX_PAGE_SIZE": 1}
    first = read(client, index_page)
    with CaptureQueriesContext(connection) as queries:
        assert read(client, index_page) == first
    assert not any("articlepage" in query["sql"] for query in queries.captured_queries)
    second_page = client.get(f"{index_page.url}?page=2").content.decode()
    tagged = client.get(f"{index_page.url}?tag=knee").content.decode()
    assert second_page != first and tagged != second_page
    newest = publish(ArticlePageFactory(parent=index_page, title="Cadence drills for beginners"))
    assert newest.title in read(client, index_page)


# The exercise library and its exercise pages


@pytest.fixture
def library(site):
    from wagtail_runstrength.models import ExerciseLibraryPage

    page = ExerciseLibraryPage(title="Exercise library", slug="exercises")
    site.root_page.add_child(instance=page)
    return page


def test_the_library_and_an_exercise_page_are_cached_and_follow_an_exercise_edit(client, library, articles):
    exercise = articles["exercise"]
    exercise_url = f"{library.url}{exercise.slug}/"
    for url in (library.url, f"{library.url}?difficulty=beginner", exercise_url):
        with CaptureQueriesContext(connection) as miss:
            first = client.get(url).content.decode()
        with CaptureQueriesContext(connection) as hit:
            assert client.get(url).content.decode() == first
        touched = [query["sql"] for query in hit.captured_queries if "exercisesnippet" in query["sql"]]
        if url == exercise_url:
            # The exercise itself is still looked up (a missing one is a 404); the articles using it are not.
            assert len(hit) < len(miss) and not any("articlepage" in sql for sql in touched)
        else:
            assert touched == []
    assert "Calf work for runners" in client.get(exercise_url).content.decode()
    exercise.name = "Bent-knee calf raise"
    exercise.save()
    assert "Bent-knee calf raise" in client.get(library.url).content.decode()
    assert "Bent-knee calf raise" in client.get(exercise_url).content.decode()
    articles["article"].unpublish()
    assert "Calf work for runners" not in client.get(exercise_url).content.decode()
