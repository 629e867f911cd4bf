"""An embed finder that answers without the network, so embed blocks render in tests."""

from wagtail.embeds.finders.base import EmbedFinder


class OfflineVideoFinder(EmbedFinder):
    def accept(self, url):
        return "youtube.com" in url or "youtu.be" in url or "vimeo.com" in url

    def find_embed(self, url, max_width=None, max_height=None):
        return {
            "title": "Demonstration video",
            "author_name": "Test",
            "provider_name": "Offline",
            "type": "video",
            "thumbnail_url": None,
            "width": 640,
            "height": 360,
            "html": f'<iframe src="{url}" width="640" height="360"></iframe>',
        }
