"""The example site's WSGI application, plus its static files, for browser tests run with ``DEBUG`` off.

With ``DJANGO_DEBUG=0`` the example site serves no static files (a deployment
puts a web server or CDN in front of ``collectstatic``'s output), yet the
Wagtail admin needs its JavaScript and CSS to work in Chromium. Django's own
``StaticFilesHandler`` (what ``runserver --insecure`` and ``LiveServerTestCase``
use) answers ``/static/`` from the apps' static directories and passes every
other request to the unchanged application, so the example site's settings
and production entry point stay exactly as they are.

Run with ``gunicorn tests.browser.static_wsgi:application --chdir example_project
--pythonpath <repository root>``.
"""

from clinic_site.wsgi import application as site_application
from django.contrib.staticfiles.handlers import StaticFilesHandler

application = StaticFilesHandler(site_application)
