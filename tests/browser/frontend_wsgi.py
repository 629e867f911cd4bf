"""The example site's WSGI application plus its static files and uploaded media, for the frontend's browser tests.

The headless frontend (``example_project/frontend``) draws the API's image
renditions straight from the Django host, and the admin needs its own
JavaScript and CSS; with ``DEBUG`` off the example site serves neither (a
deployment puts a web server or CDN in front). Django's ``StaticFilesHandler``
answers ``/static/``; the media handler below answers ``MEDIA_URL`` from
``MEDIA_ROOT`` the same way. Every other request reaches the unchanged
application, so what the frontend reads is exactly what the example site serves.

Run with ``gunicorn tests.browser.frontend_wsgi:application --chdir example_project
--pythonpath <repository root>``.
"""

from clinic_site.wsgi import application as site_application
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.views.static import serve


class MediaFilesHandler(StaticFilesHandler):
    """``StaticFilesHandler``'s routing, for ``MEDIA_URL`` and the files under ``MEDIA_ROOT``."""

    def get_base_url(self):
        return settings.MEDIA_URL

    def serve(self, request):
        return serve(request, self.file_path(request.path), document_root=settings.MEDIA_ROOT)


application = MediaFilesHandler(StaticFilesHandler(site_application))
