"""The example site under its production settings, plus its static and media files, for browser tests.

With ``DJANGO_SETTINGS_MODULE=clinic_site.production`` Django serves neither
static files nor uploads (a web server or CDN does in a deployment). The
browser tests still need the stylesheet, the package's script and the images,
so that what the Content-Security-Policy allows or blocks is what a reader's
browser would meet. Both handlers answer their own URL prefix and pass every
other request to the unchanged application, middleware and headers included.

Run with ``gunicorn tests.browser.production_wsgi:application --chdir example_project
--pythonpath <repository root>``.
"""

from clinic_site.wsgi import application as site_application
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.views.static import serve


class MediaFilesHandler(StaticFilesHandler):
    """``StaticFilesHandler``'s prefix matching, answering ``MEDIA_URL`` from ``MEDIA_ROOT``."""

    def get_base_url(self) -> str:
        return settings.MEDIA_URL

    def serve(self, request):
        return serve(request, self.file_path(request.path), document_root=settings.MEDIA_ROOT)


application = MediaFilesHandler(StaticFilesHandler(site_application))
