"""Page links in rich text, found in the reader's language for all the links of a text at once.

Wagtail's own handler links each page of a rich text to ``page.localized``:
for every link it reads the active ``Locale`` (a query) and, in any language
but the page's own, the page's translation (another). A French article with
rich-text links to English pages (wagtail-localize keeps the source's links)
therefore cost a French reader two queries per link and an English one one.
This handler reads the linked pages and their live translations in the
active language in one query per text, in every language, and links what
Wagtail links: the live translation when there is one, else the page.
"""

from __future__ import annotations

import swapper
from django.db.models import Q
from django.utils import translation
from django.utils.html import escape
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.rich_text.pages import PageLinkHandler


def active_language_code() -> str | None:
    """The content language Wagtail's ``Locale.get_active()`` reads, or ``None`` when there is none."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return None


class LocalizedPageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler with the translations found in bulk (registered in ``wagtail_hooks.py``)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        from django.conf import settings

        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return super().expand_db_attributes_many(attrs_list)
        page_model = swapper.load_model("wagtailcore", "Page")
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        wanted = [int(pk) for pk in ids if pk.isdigit()]
        language = active_language_code()
        condition = Q(pk__in=wanted)
        if language is not None:
            keys = page_model.objects.filter(pk__in=wanted).values("translation_key")
            condition |= Q(translation_key__in=keys, locale__language_code=language, live=True)
        rows = list(page_model.objects.filter(condition).select_related("locale").defer_streamfields())
        by_id = {str(page.pk): page for page in rows}
        in_language = {
            page.translation_key: page for page in rows if page.live and page.locale.language_code == language
        }
        links = []
        for pk in ids:
            page = by_id.get(pk)
            if page is None:
                links.append("<a>")
                continue
            shown = in_language.get(page.translation_key, page)
            # The page's own class builds its URL, as Wagtail's handler has it do (without a query).
            links.append(f'<a href="{escape(shown.specific_deferred.url)}">')
        return links
