import datetime

import pytest
from wagtail.models import Page, PageViewRestriction, Site

from tests.factories import (
    ArticleCategoryFactory,
    ArticleIndexPageFactory,
    ArticlePageFactory,
    ExerciseFactory,
    HomePageFactory,
    MuscleGroupFactory,
)
from wagtail_runstrength.related import related_articles

pytestmark = pytest.mark.django_db


def article(index, title, *, tags=(), days_ago=0, **kwargs):
    page = ArticlePageFactory(
        parent=index,
        title=title,
        date=datetime.date(2026, 11, 1) - datetime.timedelta(days=days_ago),
        **kwargs,
    )
    if tags:
        page.tags.add(*tags)
        page.save()
    return page


def titles(pages):
    return [page.title for page in pages]


def test_automatic_posts_rank_shared_tags_then_category_then_muscles(index_page):
    glutes, calves = MuscleGroupFactory(), MuscleGroupFactory()
    category = ArticleCategoryFactory()
    bridge = ExerciseFactory(target_muscles=[glutes])
    raise_ = ExerciseFactory(target_muscles=[calves])
    page = article(
        index_page,
        "Subject",
        tags=["running", "knee"],
        category=category,
        body=[("exercise", {"exercise": bridge}), ("exercise", {"exercise": raise_})],
    )
    article(index_page, "Two tags", tags=["running", "knee"])
    article(index_page, "Same category", category=category)
    article(
        index_page,
        "Shares a muscle",
        body=[("exercise", {"exercise": ExerciseFactory(target_muscles=[glutes])})],
    )
    article(index_page, "Unrelated", tags=["golf"])
    assert titles(related_articles(page, limit=5)) == [
        "Two tags",
        "Same category",
        "Shares a muscle",
    ]


def test_ties_go_to_the_newest_article(index_page):
    page = article(index_page, "Subject", tags=["running"])
    article(index_page, "Old", tags=["running"], days_ago=30)
    article(index_page, "New", tags=["running"], days_ago=1)
    article(index_page, "Middle", tags=["running"], days_ago=10)
    assert titles(related_articles(page, limit=3)) == ["New", "Middle", "Old"]


def test_manual_picks_come_first_in_the_editors_order_then_automatic_fill_up_to_the_limit(
    index_page,
):
    page = article(index_page, "Subject", tags=["running"])
    first, second = article(index_page, "Pick A"), article(index_page, "Pick B")
    article(index_page, "Auto new", tags=["running"], days_ago=1)
    article(index_page, "Auto old", tags=["running"], days_ago=5)
    assert titles(related_articles(page, [second, first], limit=3)) == [
        "Pick B",
        "Pick A",
        "Auto new",
    ]


def test_limit_caps_manual_picks_too(index_page):
    page = article(index_page, "Subject")
    picks = [article(index_page, f"Pick {n}") for n in range(4)]
    assert titles(related_articles(page, picks, limit=2)) == ["Pick 0", "Pick 1"]


def test_limit_defaults_to_the_setting(index_page, settings):
    settings.WAGTAIL_RUNSTRENGTH = {"RELATED_POSTS_LIMIT": 2}
    page = article(index_page, "Subject", tags=["running"])
    for n in range(4):
        article(index_page, f"Auto {n}", tags=["running"])
    assert len(related_articles(page)) == 2


def test_the_page_itself_never_appears_even_when_picked(index_page):
    page = article(index_page, "Subject", tags=["running"])
    assert related_articles(page, [page]) == []


def test_drafts_never_appear_as_picks_or_automatic_posts(index_page):
    page = article(index_page, "Subject", tags=["running"])
    draft = article(index_page, "Draft", tags=["running"], live=False)
    assert related_articles(page, [draft]) == []


def test_unpublished_articles_drop_out(index_page):
    page = article(index_page, "Subject", tags=["running"])
    other = article(index_page, "Other", tags=["running"])
    assert titles(related_articles(page)) == ["Other"]
    other.unpublish()
    assert related_articles(page) == []


def test_private_articles_never_appear(index_page):
    page = article(index_page, "Subject", tags=["running"])
    private = article(index_page, "Private", tags=["running"])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    assert related_articles(page, [private]) == []


def test_articles_in_a_private_section_never_appear(site, index_page):
    page = article(index_page, "Subject", tags=["running"])
    members = ArticleIndexPageFactory(parent=site.root_page, slug="members")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    hidden = article(members, "Members only", tags=["running"])
    assert related_articles(page, [hidden]) == []


def test_other_sites_articles_never_appear(index_page):
    page = article(index_page, "Subject", tags=["running"])
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-clinic")
    Site.objects.create(hostname="other.example", root_page=other_home)
    other_index = ArticleIndexPageFactory(parent=other_home, slug="blog")
    elsewhere = article(other_index, "Other clinic", tags=["running"])
    assert related_articles(page, [elsewhere]) == []


def test_query_count_does_not_grow_with_the_number_of_articles(index_page, django_assert_max_num_queries, settings):
    settings.WAGTAIL_RUNSTRENGTH = {"FRAGMENT_CACHE_TIMEOUT": 0}  # every call chooses again
    page = article(index_page, "Subject", tags=["running", "knee"])
    for n in range(3):
        article(index_page, f"A{n}", tags=["running"])
    related_articles(page, limit=6)  # warm Wagtail's cached site root paths
    with django_assert_max_num_queries(12) as small:
        related_articles(page, limit=6)
    for n in range(30):
        article(index_page, f"B{n}", tags=["knee"])
    with django_assert_max_num_queries(12) as large:
        related_articles(page, limit=6)
    assert len(small.captured_queries) == len(large.captured_queries)


def test_automatic_posts_come_from_the_newest_articles_within_the_window(index_page, settings):
    """A perfect match older than the newest RELATED_POSTS_WINDOW articles is left out; None restores it."""
    page = article(index_page, "Knee care", tags=["knee", "running", "hills"])
    old_twin = article(index_page, "Old knee care", tags=["knee", "running", "hills"], days_ago=400)
    recent = [article(index_page, f"Recent {n}", tags=["knee"] if n == 0 else ["other"], days_ago=n) for n in range(12)]
    settings.WAGTAIL_RUNSTRENGTH = {"RELATED_POSTS_WINDOW": 10}
    assert titles(related_articles(page, limit=1)) == [recent[0].title]
    settings.WAGTAIL_RUNSTRENGTH = {"RELATED_POSTS_WINDOW": None}
    assert titles(related_articles(page, limit=1)) == [old_twin.title]


def test_the_window_counts_only_articles_a_reader_may_open(index_page, settings):
    """Drafts and the page itself do not use up places in the window."""
    page = article(index_page, "Knee care", tags=["knee"])
    match = article(index_page, "Older knee match", tags=["knee"], days_ago=30)
    for n in range(12):
        ArticlePageFactory(parent=index_page, title=f"Draft {n}", live=False, date=datetime.date(2026, 11, 1))
    for n in range(9):
        article(index_page, f"Unrelated {n}", tags=["other"], days_ago=n)
    settings.WAGTAIL_RUNSTRENGTH = {"RELATED_POSTS_WINDOW": 10}
    assert titles(related_articles(page, limit=1)) == [match.title]


def _request_for(site):
    from django.test import RequestFactory

    request = RequestFactory().get("/", HTTP_HOST=site.hostname, SERVER_PORT=site.port)
    Site.find_for_request(request)  # what Wagtail's serve view has done by the time blocks render
    return request


def test_with_the_request_the_site_and_view_restrictions_are_read_once(site, index_page, django_assert_max_num_queries):
    page = article(index_page, "Subject", tags=["running"])
    article(index_page, "Match", tags=["running"])
    request = _request_for(site)
    related_articles(page)  # warm Wagtail's cached site root paths
    with django_assert_max_num_queries(20) as without_request:
        assert titles(related_articles(page)) == ["Match"]
    with django_assert_max_num_queries(20) as first:
        assert titles(related_articles(page, request=request)) == ["Match"]
    with django_assert_max_num_queries(20) as again:
        assert titles(related_articles(page, request=request)) == ["Match"]
    assert len(first.captured_queries) < len(without_request.captured_queries)
    restrictions = [q for q in again.captured_queries if "pageviewrestriction" in q["sql"]]
    assert restrictions == []


def test_with_the_request_private_sections_still_never_appear(site, index_page):
    page = article(index_page, "Subject", tags=["running"])
    members = ArticleIndexPageFactory(parent=site.root_page, slug="members")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    hidden = article(members, "Members only", tags=["running"])
    assert related_articles(page, [hidden], request=_request_for(site)) == []


def test_a_request_for_another_site_does_not_widen_the_candidates(site, index_page):
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-clinic")
    other_site = Site.objects.create(hostname="other.example", root_page=other_home)
    other_index = ArticleIndexPageFactory(parent=other_home, slug="blog")
    article(other_index, "Other clinic", tags=["running"])
    page = article(index_page, "Subject", tags=["running"])
    assert related_articles(page, request=_request_for(other_site)) == []


def test_the_choice_is_kept_until_anything_changes_then_made_again(index_page, django_assert_max_num_queries):
    page = article(index_page, "Subject", tags=["running"])
    article(index_page, "Older match", tags=["running"], days_ago=5)
    assert titles(related_articles(page, limit=1)) == ["Older match"]
    with django_assert_max_num_queries(20) as kept:
        assert titles(related_articles(page, limit=1)) == ["Older match"]
    assert not any("COUNT(DISTINCT" in q["sql"] for q in kept.captured_queries), "scored again"
    better = article(index_page, "Better match", tags=["running"], days_ago=1)
    assert titles(related_articles(page, limit=1)) == ["Better match"]
    better.unpublish()
    assert titles(related_articles(page, limit=1)) == ["Older match"]


def test_a_kept_choice_never_shows_a_card_that_became_unreadable(index_page):
    """Even if the cache held a stale choice, cards are loaded through the visibility filter."""
    from wagtail_runstrength import fragment_cache

    page = article(index_page, "Subject", tags=["running"])
    match = article(index_page, "Match", tags=["running"])
    assert titles(related_articles(page)) == ["Match"]
    Page.objects.filter(pk=match.pk).update(live=False)  # no signal: the generation stays
    assert fragment_cache.is_enabled()
    assert related_articles(page) == []


def test_different_picks_limits_and_windows_are_kept_apart(index_page, settings):
    page = article(index_page, "Subject", tags=["running"])
    article(index_page, "First", tags=["running"], days_ago=1)
    second = article(index_page, "Second", tags=["running"], days_ago=20)
    for n in range(9):
        article(index_page, f"Filler {n}", days_ago=2 + n)
    assert titles(related_articles(page, limit=1)) == ["First"]
    assert titles(related_articles(page, [second], limit=1)) == ["Second"]
    assert titles(related_articles(page, limit=2)) == ["First", "Second"]
    settings.WAGTAIL_RUNSTRENGTH = {"RELATED_POSTS_WINDOW": 10}  # First and the fillers
    assert titles(related_articles(page, limit=2)) == ["First"]


def test_articles_in_another_language_never_appear(index_page):
    from wagtail.models import Locale

    french = Locale.objects.create(language_code="fr")
    page = article(index_page, "Subject", tags=["running"])
    article(index_page, "Course à pied", tags=["running"], locale=french)
    same_language = article(index_page, "Running", tags=["running"])
    assert titles(related_articles(page)) == [same_language.title]


def test_on_sqlite_the_window_walks_the_date_index_not_the_locale_one(index_page):
    from django.db import connection

    from wagtail_runstrength.related import window_ids

    if connection.vendor != "sqlite":
        pytest.skip("a SQLite planner workaround")
    page = article(index_page, "Subject", tags=["running"])
    visible = type(page).objects.visible_in(page.get_site(), page.locale)
    window = visible.exclude(pk=page.pk).newest_first().values_list("pk", flat=True)[:2000]
    plan = window.explain()
    assert "rs_articlepage_date" in plan and "locale_id" not in plan, plan
    assert window_ids(visible, [page.pk], 2000) == list(window)
