"""``meta.json_ld`` of an article in API v2: the schema.org JSON-LD its HTML page prints, for a frontend to print as is.

The article's structured data needs more than its API fields hold (the word
count, the date it was last changed, the sharing renditions, the
credentials split into schema.org credentials). Rebuilding it in every
frontend would drift from what ``seo.article_json_ld`` prints on Wagtail's own
page, so the v2 detail carries that very dict, built the same way. It is a
meta field (``api_meta_fields``), which API v2 reads and v3 does not, and a
detail-only one, so listings never pay for it. It is part of the cached detail
representation (``cached_detail.py``), made stale by the same changes.
"""

from __future__ import annotations

from rest_framework.fields import Field

from .. import seo


class ArticleJsonLdField(Field):
    """The article's JSON-LD, as ``{% rs_json_ld %}`` builds it for the same page and request."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        request = self.context.get("request")
        # The tags, the author and reviewer, and the hero's renditions (the sharing one included) together.
        page.prefetch_for_document(request)
        library = page.get_exercise_library(request)
        exercise_url = (lambda item: library.exercise_url(item, request)) if library is not None else None
        return seo.article_json_ld(page, request, exercise_url=exercise_url)
