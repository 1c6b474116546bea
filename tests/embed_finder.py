"""An oEmbed finder for tests: answers for any video URL without touching the network."""

from wagtail.embeds.finders.base import EmbedFinder


class LoopbackEmbedFinder(EmbedFinder):
    def __init__(self, **options):
        pass

    def accept(self, url):
        return url.startswith("https://www.youtube.com/")

    def find_embed(self, url, max_width=None, max_height=None):
        return {
            "title": "A test video",
            "author_name": "Tests",
            "provider_name": "YouTube",
            "type": "video",
            "thumbnail_url": None,
            "width": 640,
            "height": 360,
            "html": f'<iframe title="A test video" src="{url}"></iframe>',
        }
