"""Site search: articles are found by their exercises and those exercises' muscles, never a reader's-eyes-only page.

The demo's search view (``example_project/clinic/views.py``) is the code
docs/search.md shows. The test settings do not install the demo's ``clinic``
app, so these tests put ``example_project`` on the path and, for themselves
only, serve the demo's URLs and templates (the view imports nothing from the
app's models).
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.db import connection
from wagtail.models import Locale, Page, PageViewRestriction, Site

from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    ExerciseFactory,
    HomePageFactory,
    MuscleGroupFactory,
)
from wagtail_runstrength.delete_guard import allow_deleting_content_in_use
from wagtail_runstrength.models import ArticlePage, ExerciseLibraryPage, ExerciseSnippet

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "example_project"
DOCS = REPO / "docs" / "search.md"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo_urls_and_templates(settings, monkeypatch):
    monkeypatch.syspath_prepend(str(EXAMPLE))
    settings.ROOT_URLCONF = "clinic_site.urls"
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], EXAMPLE / "clinic" / "templates"]}
    ]


def titles(site, query, **kwargs):
    return sorted(page.title for page in ArticlePage.objects.visible_in(site).search(query, **kwargs))


def exercise_names(query):
    return sorted(exercise.name for exercise in ExerciseSnippet.objects.live().search(query))


@pytest.fixture
def calf(db):
    return MuscleGroupFactory(name="Gastrocnemius", slug="gastrocnemius")


@pytest.fixture
def pogo(calf):
    return ExerciseFactory(name="Pogo hops", slug="pogo-hops", summary="Springy ankles.", target_muscles=[calf])


@pytest.fixture
def article(index_page, pogo):
    return ArticlePageFactory(
        parent=index_page,
        title="Faster cadence",
        intro="<p>Short contacts.</p><p>Quicker turnover makes everything easier.</p>",
        body=[("exercise_group", {"heading": "Routine", "exercises": [{"exercise": pogo}]})],
    )


@pytest.fixture
def library(site):
    return site.root_page.add_child(instance=ExerciseLibraryPage(title="Exercise library", slug="exercises"))


# The querysets docs/search.md documents


def test_an_article_is_found_by_title_intro_exercise_name_and_muscle(site, article):
    assert titles(site, "cadence") == ["Faster cadence"]
    assert titles(site, "turnover") == ["Faster cadence"]  # the intro's second paragraph
    assert titles(site, "Pogo") == ["Faster cadence"]
    assert titles(site, "Gastrocnemius") == ["Faster cadence"]
    assert titles(site, "Nonexistentword") == []


def test_an_exercise_inside_a_single_exercise_block_counts_too(site, index_page, calf):
    soleus = MuscleGroupFactory(name="Soleus")
    raise_ = ExerciseFactory(name="Bent-knee calf raise", target_muscles=[soleus, calf])
    ArticlePageFactory(parent=index_page, title="Achilles care", body=[("exercise", {"exercise": raise_})])
    assert titles(site, "Soleus") == ["Achilles care"]
    assert titles(site, "Gastrocnemius") == ["Achilles care"]


def test_the_index_text_of_an_article_lists_its_published_exercises_and_their_muscles(index_page, pogo, calf):
    hidden = ExerciseFactory(name="Hidden move", live=False, target_muscles=[MuscleGroupFactory(name="Psoas")])
    page = ArticlePageFactory(
        parent=index_page,
        body=[("exercise", {"exercise": pogo}), ("exercise", {"exercise": hidden}), ("exercise", {"exercise": pogo})],
    )
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.exercise_search_text() == "Pogo hops Gastrocnemius"


def test_unpublished_exercises_do_not_make_an_article_findable(site, index_page):
    hidden = ExerciseFactory(name="Secretmove", live=False, target_muscles=[MuscleGroupFactory(name="Psoas")])
    ArticlePageFactory(parent=index_page, title="With a hidden card", body=[("exercise", {"exercise": hidden})])
    assert titles(site, "Secretmove") == []
    assert titles(site, "Psoas") == []


def test_drafts_private_pages_and_other_sites_are_not_found(site, index_page, pogo):
    ArticlePageFactory(parent=index_page, title="Pogo draft", live=False)
    private = ArticlePageFactory(parent=index_page, title="Pogo members")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-clinic")
    other_site = Site.objects.create(hostname="other.example", root_page=other_home)
    other_blog = ArticleIndexPageFactory(parent=other_home, slug="blog")
    ArticlePageFactory(parent=other_blog, title="Pogo elsewhere")
    ArticlePageFactory(parent=index_page, title="Pogo public")

    assert titles(site, "Pogo") == ["Pogo public"]
    assert titles(other_site, "Pogo") == ["Pogo elsewhere"]
    # What the index holds is broader: the queryset is what keeps them out.
    assert len(ArticlePage.objects.search("Pogo")) == 4
    # The longhand of visible_in(site) finds the same.
    found = ArticlePage.objects.live().public().in_site(site).search("Pogo")
    assert [page.title for page in found] == ["Pogo public"]


def test_one_language_newest_first_and_any_word_as_documented(site, index_page, article):
    ArticlePageFactory(parent=index_page, title="Cadence drills", date="2026-01-01")
    locale = Locale.get_active()
    found = ArticlePage.objects.visible_in(site).filter(locale=locale).search("cadence")
    assert sorted(page.title for page in found) == ["Cadence drills", "Faster cadence"]
    newest = ArticlePage.objects.visible_in(site).order_by("-date").search("cadence", order_by_relevance=False)
    assert [page.title for page in newest] == ["Faster cadence", "Cadence drills"]
    assert titles(site, "cadence turnover") == ["Faster cadence"]  # every word, by default
    assert titles(site, "drills turnover", operator="or") == ["Cadence drills", "Faster cadence"]


def test_exercises_are_found_by_name_summary_and_muscle(pogo):
    ExerciseFactory(name="Draft hops", live=False, target_muscles=[pogo.target_muscles.first()])
    assert exercise_names("Pogo") == ["Pogo hops"]
    assert exercise_names("Springy") == ["Pogo hops"]
    assert exercise_names("Gastrocnemius") == ["Pogo hops"]
    assert ExerciseSnippet.objects.filter(pk=pogo.pk).matching("Gastrocnemius").get() == pogo


# Re-indexing when what an article shows changes


def test_a_renamed_exercise_finds_its_articles_by_the_new_name(site, article, pogo):
    pogo.name = "Ankle bounces"
    pogo.save()
    assert titles(site, "bounces") == ["Faster cadence"]
    assert titles(site, "Pogo") == []
    assert exercise_names("bounces") == ["Ankle bounces"]


def test_changed_muscles_reindex_the_exercise_and_its_articles(site, article, pogo, calf):
    soleus = MuscleGroupFactory(name="Soleus")
    pogo.target_muscles.set([soleus])
    pogo.save()
    assert titles(site, "Soleus") == ["Faster cadence"]
    assert titles(site, "Gastrocnemius") == []
    assert exercise_names("Soleus") == ["Pogo hops"]
    assert exercise_names("Gastrocnemius") == []
    # From the muscle group's side, through Django's own many-to-many manager.
    calf.exercises.add(pogo)
    assert titles(site, "Gastrocnemius") == ["Faster cadence"]
    soleus.exercises.clear()
    assert titles(site, "Soleus") == []


def test_a_renamed_or_deleted_muscle_group_is_reindexed(site, article, calf):
    calf.name = "Calves"
    calf.save()
    assert titles(site, "Calves") == ["Faster cadence"]
    assert exercise_names("Calves") == ["Pogo hops"]
    with allow_deleting_content_in_use():  # a published exercise targets it
        calf.delete()
    assert titles(site, "Calves") == []
    assert exercise_names("Calves") == []


def test_unpublishing_or_deleting_an_exercise_reindexes_its_articles(site, article, pogo):
    pogo.live = False
    pogo.save()
    assert titles(site, "Pogo") == []
    pogo.live = True
    pogo.save()
    assert titles(site, "Pogo") == ["Faster cadence"]
    with allow_deleting_content_in_use():  # the live article uses it
        pogo.delete()
    assert titles(site, "Pogo") == []
    assert titles(site, "Gastrocnemius") == []
    assert titles(site, "cadence") == ["Faster cadence"]


def test_a_draft_save_of_an_exercise_reindexes_nothing(site, article, pogo, monkeypatch):
    from wagtail_runstrength import search_index

    calls = []
    monkeypatch.setattr(search_index, "reindex_articles_using", calls.append)
    pogo.name = "Renamed only in the draft"
    pogo.save_revision()
    assert calls == []
    assert titles(site, "Pogo") == ["Faster cadence"]
    pogo.save()
    assert calls == [[pogo.pk]]


# The demo's search page


class Results(HTMLParser):
    """The search page's form label, results (link, text) and pagination links."""

    def __init__(self, html):
        super().__init__()
        self.labels, self.inputs, self.links, self.status = {}, {}, [], []
        self._label, self._in_results, self._link = None, False, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label":
            self._label = attrs.get("for")
        elif tag == "input":
            self.inputs[attrs.get("id")] = attrs
        elif tag == "ol" and "clinic-search__results" in attrs.get("class", ""):
            self._in_results = True
            self.start = attrs.get("start")
        elif tag == "a" and self._in_results:
            self._link = [attrs["href"], ""]

    def handle_endtag(self, tag):
        if tag == "ol":
            self._in_results = False
        elif tag == "a" and self._link:
            self.links.append(tuple(self._link))
            self._link = None
        elif tag == "label":
            self._label = None

    def handle_data(self, data):
        if self._label:
            self.labels[self._label] = self.labels.get(self._label, "") + data
        if self._link:
            self._link[1] += data


def get(client, query="", **params):
    response = client.get("/search/", {"q": query, **params} if query or params else {})
    assert response.status_code == 200
    return response, Results(response.content.decode())


def test_the_search_page_has_a_labelled_field_and_no_results_before_a_query(client, site):
    response, page = get(client)
    assert page.labels == {"id_q": "Search articles and exercises"}
    assert page.inputs["id_q"]["type"] == "search"
    assert page.inputs["id_q"]["maxlength"] == "100"
    html = response.content.decode()
    assert 'role="search"' in html
    assert "result" not in html.split("</form>")[1]
    assert '<meta name="robots" content="noindex">' in html
    assert "<title>Search" in html


def test_results_link_articles_and_exercises_with_excerpts(client, site, article, library):
    response, page = get(client, "Gastrocnemius")
    assert page.links == [
        ("http://localhost/blog/faster-cadence/", "Faster cadence"),
        ("http://localhost/exercises/pogo-hops/", "Pogo hops"),
    ]
    html = response.content.decode()
    assert "Short contacts. Quicker turnover makes everything easier." in html  # the excerpt, paragraphs apart
    assert "Springy ankles." in html
    assert "2 results for “Gastrocnemius”" in html
    assert client.get("/exercises/pogo-hops/").status_code == 200


def test_by_exercise_name_and_intro_without_a_library_shows_articles_only(client, site, article):
    _, page = get(client, "Pogo")
    assert page.links == [("http://localhost/blog/faster-cadence/", "Faster cadence")]
    _, page = get(client, "turnover")
    assert page.links == [("http://localhost/blog/faster-cadence/", "Faster cadence")]


def test_drafts_and_private_pages_are_not_on_the_search_page(client, site, index_page, library):
    ArticlePageFactory(parent=index_page, title="Zebra draft", live=False)
    private = ArticlePageFactory(parent=index_page, title="Zebra members")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    ExerciseFactory(name="Zebra crawl", live=False)
    response, page = get(client, "Zebra")
    assert page.links == []
    assert "No articles or exercises match “Zebra”." in response.content.decode()


def test_the_query_is_escaped_once(client, site):
    response, _ = get(client, '<b>"x" & y</b>')
    html = response.content.decode()
    assert "&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;" in html
    assert "<b>" not in html
    assert "&amp;amp;" not in html


def test_results_are_paginated_and_any_page_number_answers(client, site, index_page):
    for n in range(12):
        ArticlePageFactory(parent=index_page, title=f"Tempo run {n:02}", slug=f"tempo-{n}")
    response, first = get(client, "Tempo")
    assert len(first.links) == 10
    html = response.content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?q=Tempo&amp;page=2"' in html
    response, second = get(client, "Tempo", page="2")
    assert len(second.links) == 2
    assert second.start == "11"
    assert not set(first.links) & set(second.links)
    assert 'href="?q=Tempo&amp;page=1"' in response.content.decode()
    for bad in ("abc", "", "0", "-3", "1.5", "1e3", "99999999999999999999", "9" * 5000, "２"):
        _, page = get(client, "Tempo", page=bad)
        assert page.links in (first.links, second.links), bad
    _, page = get(client, "Tempo", page="99")
    assert page.links == second.links


def test_a_query_over_the_limit_is_refused_with_a_message(client, site, article):
    response, page = get(client, "cadence " * 20)
    html = response.content.decode()
    assert page.links == []
    assert "Use at most 100 characters." in html
    assert 'aria-invalid="true"' in html
    _, page = get(client, "c" * 100)
    assert page.links == []  # at the limit: searched, nothing found


@pytest.mark.parametrize(
    "query",
    ['"', "'", "*", "-", "(", ")", "AND", "OR NOT", "NEAR(a b)", "a:b", "^", "title:x", "%", "_", "\\", "😀", "ü"],
)
def test_odd_queries_never_fail(client, site, article, library, query):
    get(client, query)
    get(client, f"pogo {query}")


def test_words_around_double_quotes_are_searched(client, site, article):
    _, page = get(client, '"Pogo"')
    assert page.links == [("http://localhost/blog/faster-cadence/", "Faster cadence")]
    response, page = get(client, '""')
    assert page.links == []
    assert "No articles or exercises match" in response.content.decode()


def test_words_match_as_written_on_sqlite(site, article):
    """docs/search.md: no stemming on SQLite, so the singular does not find the plural."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's full-text search; PostgreSQL stems (the next test)")
    assert titles(site, "contacts") == ["Faster cadence"]
    assert titles(site, "contact") == []


def test_words_are_stemmed_on_postgresql(site, article):
    """docs/search.md: PostgreSQL stems words, so the singular finds the plural."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's full-text search; SQLite matches words as written (the test above)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW default_text_search_config")
        if cursor.fetchone()[0] != "pg_catalog.english":
            pytest.skip("the server's default_text_search_config is not English")
    assert titles(site, "contacts") == ["Faster cadence"]
    assert titles(site, "contact") == ["Faster cadence"]


def test_a_nul_character_is_refused_not_searched(client, site):
    response, page = get(client, "a\x00b")
    assert page.links == []


# docs/search.md shows the demo's own code


def test_every_python_block_in_docs_search_is_code_the_demo_runs():
    source = (EXAMPLE / "clinic" / "views.py").read_text() + (EXAMPLE / "clinic_site" / "urls.py").read_text()
    settings_source = (EXAMPLE / "clinic_site" / "settings.py").read_text()
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(), flags=re.DOTALL)
    assert len(blocks) >= 5
    for block in blocks:
        assert block in source or block.strip() in settings_source, block
