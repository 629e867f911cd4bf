"""Pages readers opened lately are rendered again by a worker after each change (``recent_reads.py``).

Any change starts a new fragment generation, so pages the change does not
affect go cold too. ``tests/test_worker_first_view.py`` checks the whole
path with a real worker process on PostgreSQL; these tests check the list
and the warming step in this process.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests.factories import ArticlePageFactory, publish
from wagtail_runstrength import fragment_cache, recent_reads, tasks, warming
from wagtail_runstrength.affected import Affected
from wagtail_runstrength.conf import check_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(index_page):
    """Three live articles that share nothing, so a change to one affects neither of the others."""
    return [publish(ArticlePageFactory(parent=index_page, slug=f"article-{n}")) for n in range(3)]


def reader_get(client, path: str) -> int:
    """A reader's GET on the site's own host; returns the number of queries it made."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST="localhost")
    assert response.status_code == 200
    return len(queries)


def paths() -> list[str]:
    return [path for _site_id, path in recent_reads.addresses()]


def test_a_cold_render_notes_its_address_and_a_warm_one_does_not(client, pages):
    first, second = pages[0].url, pages[1].url
    reader_get(client, first)
    reader_get(client, second)
    reader_get(client, first)  # from the cache: the order does not change
    assert paths() == [second, first]
    assert recent_reads.addresses()[0][0] == Site.objects.get(is_default_site=True).pk


def test_after_a_change_the_next_cold_render_moves_the_address_to_the_front(client, pages):
    first, second = pages[0].url, pages[1].url
    reader_get(client, first)
    reader_get(client, second)
    fragment_cache.new_generation()
    reader_get(client, first)
    assert paths() == [first, second]


def test_the_list_keeps_only_the_newest_addresses_up_to_the_setting(settings, client, pages):
    settings.WAGTAIL_RUNSTRENGTH = {"WARM_RECENTLY_READ": 2}
    for page in pages:
        reader_get(client, page.url)
    assert paths() == [pages[2].url, pages[1].url]


def test_the_query_string_is_part_of_the_address(client, index_page, pages):
    reader_get(client, f"{index_page.url}?page=1")
    assert paths() == [f"{index_page.url}?page=1"]


def test_zero_notes_nothing(settings, client, pages):
    settings.WAGTAIL_RUNSTRENGTH = {"WARM_RECENTLY_READ": 0}
    reader_get(client, pages[0].url)
    assert recent_reads.addresses() == []


def test_nothing_is_noted_with_the_fragment_cache_off(settings, client, pages):
    settings.WAGTAIL_RUNSTRENGTH = {"FRAGMENT_CACHE_TIMEOUT": 0}
    reader_get(client, pages[0].url)
    assert recent_reads.addresses() == []


def test_the_warming_tasks_own_requests_are_not_noted(pages):
    site = Site.objects.get(is_default_site=True)
    assert warming.InternalFetcher().get(site, pages[0].url) == 200
    assert recent_reads.addresses() == []


def test_a_cache_that_fails_never_fails_the_page(client, pages):
    broken = mock.Mock(get=mock.Mock(side_effect=ConnectionError("cache down")))
    with mock.patch.object(recent_reads, "_cache", return_value=broken):
        reader_get(client, pages[0].url)
        assert recent_reads.addresses() == []
        recent_reads.forget(1, "/")


def test_warming_renders_the_recently_read_pages_the_change_did_not_affect(client, pages):
    path = pages[1].url
    reader_get(client, path)
    warm_queries = reader_get(client, path)
    fragment_cache.new_generation()  # a change elsewhere: this page is stale now

    assert warming.warm(Affected(), recently_read=True) == 1
    assert reader_get(client, path) == warm_queries


def test_without_recently_read_warming_the_page_stays_cold(client, pages):
    path = pages[1].url
    reader_get(client, path)
    warm_queries = reader_get(client, path)
    fragment_cache.new_generation()

    assert warming.warm(Affected(), recently_read=False) == 0
    assert reader_get(client, path) > warm_queries


def test_an_address_that_no_longer_answers_is_forgotten(client, pages):
    gone, kept = pages[0], pages[1]
    reader_get(client, gone.url)
    reader_get(client, kept.url)
    gone.unpublish()

    assert warming.warm(Affected(), recently_read=True) == 2
    assert paths() == [kept.url]


def test_addresses_already_warmed_as_affected_are_not_requested_twice(client, pages):
    reader_get(client, pages[0].url)
    site = Site.objects.get(is_default_site=True)
    affected = Affected()
    affected.entries.add((site.pk, pages[0].url))
    with mock.patch.object(warming.InternalFetcher, "get", return_value=200) as fetched:
        warming.warm(affected, recently_read=True)
    assert [call.args[1] for call in fetched.call_args_list] == [pages[0].url]


def test_only_a_worker_warms_recently_read_pages(settings):
    assert not tasks.runs_in_a_worker(tasks.process_changes)  # immediate: inside the editor's request
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    assert tasks.runs_in_a_worker(tasks.process_changes)


def test_the_task_passes_whether_it_runs_in_a_worker(settings, pages, django_capture_on_commit_callbacks):
    with mock.patch.object(warming, "warm", return_value=0) as warm:
        with django_capture_on_commit_callbacks(execute=True):
            publish(pages[0])
    assert warm.call_args.kwargs == {"recently_read": False}
    with (
        mock.patch.object(warming, "warm", return_value=0) as warm,
        mock.patch.object(tasks, "runs_in_a_worker", return_value=True),
    ):
        tasks.process_changes.call([])  # nothing affected: a worker still warms the recently read pages
    assert warm.call_args.kwargs == {"recently_read": True}


@pytest.mark.parametrize("value", [-1, 1001, "50", True])
def test_the_setting_is_a_whole_number_from_0_to_1000(settings, value):
    settings.WAGTAIL_RUNSTRENGTH = {"WARM_RECENTLY_READ": value}
    with pytest.raises(ImproperlyConfigured, match="WARM_RECENTLY_READ"):
        check_settings()


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_an_articles_api_detail_made_for_a_reader_is_noted_and_warmed_again(client, pages, version):
    path = f"/api/{version}/pages/{pages[0].pk}/"
    reader_get(client, path)
    assert paths() == [path]
    warm_queries = reader_get(client, path)
    fragment_cache.new_generation()

    assert warming.warm(Affected(), recently_read=True) == 1
    assert reader_get(client, path) == warm_queries


def test_a_newer_change_stops_the_round_its_own_task_warms_them_again(client, pages):
    for page in pages:
        reader_get(client, page.url)
    fetched = []
    real_get = warming.InternalFetcher.get

    def get_then_change(fetcher, site, path):
        fetched.append(path)
        status = real_get(fetcher, site, path)
        fragment_cache.new_generation()  # another editor saves something meanwhile
        return status

    with mock.patch.object(warming.InternalFetcher, "get", get_then_change):
        assert warming.warm(Affected(), recently_read=True) == 1
    assert fetched == [pages[2].url]
    assert len(recent_reads.addresses()) == 3  # nothing forgotten: the next round asks for all three
