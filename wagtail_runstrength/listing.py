"""The page of a paginated listing a request asks for, resolved before it becomes part of a cache key.

A listing page is cached per page number and filter. Keyed on the raw
``?page=`` value, every spelling (``?page=zz1``, ``?page=999999``) would be
stored apart, for six hours, for anyone who sends it; keyed on the page
Django's ``Paginator.get_page()`` actually serves, there is one entry per real
page.
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from . import fragment_cache


def page_number(request, paginator: Paginator, count_parts: list) -> int:
    """The number of the page ``paginator.get_page(request.GET["page"])`` serves.

    The first page for anything but a whole number, the last for a number past
    the end (or below 1), as ``get_page()`` does. Knowing the last page needs the
    number of rows: on a cacheable request it comes from the fragment cache under
    the current generation (``count_parts`` tell listings apart), so a warm
    listing runs no ``COUNT`` query, and the paginator reuses it on a miss.
    """
    if fragment_cache.is_cacheable(request):
        paginator.count = fragment_cache.cached_value("listing-count", count_parts, lambda: paginator.count, request)
    try:
        return paginator.validate_number(request.GET.get("page"))
    except PageNotAnInteger:
        return 1
    except EmptyPage:
        return paginator.num_pages
