"""The demo clinic's site search at ``/search/``: the site's articles, then its exercises.

docs/search.md explains each step; the code shown there is this file's, and
tests/test_site_search.py runs it.
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Site

from wagtail_runstrength.models import ArticlePage, ExerciseLibraryPage, ExerciseSnippet
from wagtail_runstrength.public_urls import public_url

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10


class SearchForm(forms.Form):
    q = forms.CharField(label="Search articles and exercises", max_length=MAX_QUERY_LENGTH, required=False)


class ChainedResults:
    """Several search results one after another, sliced and counted as one list for a ``Paginator``."""

    def __init__(self, *parts):
        self.parts = parts
        self._counts = None

    def counts(self) -> list[int]:
        if self._counts is None:
            self._counts = [part.count() for part in self.parts]
        return self._counts

    def count(self) -> int:
        return sum(self.counts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list:
        start, stop = window.start or 0, window.stop
        found, offset = [], 0
        for part, size in zip(self.parts, self.counts(), strict=True):
            if stop is not None and stop <= offset:
                break
            if start < offset + size:
                found.extend(part[max(start - offset, 0) : None if stop is None else stop - offset])
            offset += size
        return found


def search_results(request, query: str):
    """The live, public articles of the request's site, then the published exercises of its library.

    Returns the results and the exercise library their exercises link to (``None`` without one).
    """
    site = Site.find_for_request(request)
    # SQLite's full-text syntax would choke on a double quote; the words around it are kept.
    query = query.replace('"', " ").strip()
    if site is None or not query:  # without a site, every site's pages would be found
        return ChainedResults(), None
    articles = ArticlePage.objects.visible_in(site, request=request).search(query)
    # Exercises have a page only in a live, public exercise library of the site.
    library = ExerciseLibraryPage.objects.live().public().in_site(site).first()
    if library is None:
        return ChainedResults(articles), None
    exercises = ExerciseSnippet.objects.live().in_locale(library.locale_id).search(query)
    return ChainedResults(articles, exercises), library


def describe(result, request, library) -> dict:
    """What the results list shows of an article or an exercise: a link, a label and an excerpt."""
    if isinstance(result, ExerciseSnippet):
        return {
            "title": result.name,
            "url": library.exercise_url(result, request),
            "kind": "Exercise",
            "excerpt": result.summary,
        }
    return {
        "title": result.title,
        "url": public_url(result, request),
        "kind": "Article",
        "excerpt": result.card_excerpt,
    }


def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results_page, results = None, []
    if query:
        found, library = search_results(request, query)
        # get_page: a missing or malformed number gives the first page, one past the end the last.
        results_page = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        results = [describe(result, request, library) for result in results_page]
    context = {"form": form, "query": query, "results_page": results_page, "results": results}
    return TemplateResponse(request, "clinic/search.html", context)
