"""An embed finder that needs no network, so the demo renders video blocks offline.

It turns YouTube and Vimeo page addresses into the providers' privacy-enhanced
players (``youtube-nocookie.com``, Vimeo's ``dnt=1``); any other address falls
through to the next finder in ``WAGTAILEMBEDS_FINDERS``.
"""

from __future__ import annotations

import re
from html import escape

from wagtail.embeds.finders.base import EmbedFinder

YOUTUBE_RE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)"
    r"(?P<id>[\w-]{11})"
)
VIMEO_RE = re.compile(r"^https?://(?:www\.)?vimeo\.com/(?P<id>\d+)")
WIDTH, HEIGHT = 640, 360


class OfflineVideoFinder(EmbedFinder):
    def _player_url(self, url: str) -> tuple[str, str] | None:
        if match := YOUTUBE_RE.match(url):
            return "YouTube", f"https://www.youtube-nocookie.com/embed/{match['id']}"
        if match := VIMEO_RE.match(url):
            return "Vimeo", f"https://player.vimeo.com/video/{match['id']}?dnt=1"
        return None

    def accept(self, url: str) -> bool:
        return self._player_url(url) is not None

    def find_embed(self, url: str, max_width=None, max_height=None) -> dict:
        provider, player = self._player_url(url)
        title = f"{provider} video"
        return {
            "title": title,
            "author_name": "",
            "provider_name": provider,
            "type": "video",
            "thumbnail_url": None,
            "width": WIDTH,
            "height": HEIGHT,
            "html": (
                f'<iframe src="{escape(player)}" title="{escape(title)}" width="{WIDTH}" '
                f'height="{HEIGHT}" loading="lazy" allowfullscreen '
                'allow="encrypted-media; picture-in-picture"></iframe>'
            ),
        }
