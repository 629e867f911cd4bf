"""Where library items are used, and the guard that keeps exercises in published articles from being deleted.

Usage comes from Wagtail's reference index, so it covers the package's
articles, a host's own article models and any other StreamField that uses the
exercise blocks.
"""

from __future__ import annotations

import swapper
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import ngettext
from wagtail.models import ReferenceIndex


def live_pages_using(obj) -> list:
    """Published pages whose content refers to ``obj``, by title."""
    page_model = swapper.load_model("wagtailcore", "Page")
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=ContentType.objects.get_for_model(page_model))
        .values_list("object_id", flat=True)
    )
    return list(page_model.objects.filter(pk__in=list(page_ids), live=True).order_by("title"))


def in_use_message(exercise, pages) -> str:
    titles = ", ".join(f"“{page.title}”" for page in pages)
    return ngettext(
        "“%(exercise)s” cannot be deleted: it is in %(count)d published article (%(titles)s). "
        "Remove it from that article, or unpublish the article, first.",
        "“%(exercise)s” cannot be deleted: it is in %(count)d published articles (%(titles)s). "
        "Remove it from those articles, or unpublish them, first.",
        len(pages),
    ) % {"exercise": exercise, "count": len(pages), "titles": titles}


def refuse_deleting_exercises_in_use(request, instances):
    """``before_delete_snippet`` hook: refuse, with the articles named, when an exercise is in a live article.

    Runs before the confirmation page and before the deletion itself, for the
    single delete view and for bulk deletion alike.
    """
    from .models import ExerciseSnippet

    in_use = [
        (exercise, pages)
        for exercise in instances
        if isinstance(exercise, ExerciseSnippet) and (pages := live_pages_using(exercise))
    ]
    if not in_use:
        return None
    for exercise, pages in in_use:
        messages.error(request, in_use_message(exercise, pages))
    if len(instances) == 1:
        exercise = in_use[0][0]
        return redirect(reverse(exercise.snippet_viewset.get_url_name("usage"), args=(quote(exercise.pk),)))
    return redirect(reverse(ExerciseSnippet.snippet_viewset.get_url_name("list")))
