"""The load test's host: the demo clinic's settings plus the plain-blog baseline, DEBUG off.

``python -m benchmarks.loadtest`` serves this with gunicorn, so the package's
pages and the plain blog's twin are answered by the same processes, database
and cache. The example project's folder must be on the path (``clinic_site``
and ``clinic`` import from it; ``example_project/manage.py`` and
``clinic_site/wsgi.py`` put it there). Everything else comes from the same
environment as the demo: ``DATABASE_URL``, ``REDIS_URL``,
``RUNSTRENGTH_MEDIA_ROOT``, ``DJANGO_ALLOWED_HOSTS``, ``DJANGO_SECRET_KEY``.

No URLs of its own: Wagtail's page serving (last in ``clinic_site.urls``)
serves the baseline's pages, and the demo's ``/api/v2/pages/`` endpoint
serves them in the API.
"""

from clinic_site.settings import *  # noqa: F403
from clinic_site.settings import INSTALLED_APPS

# Whatever DJANGO_DEBUG says: a load test with DEBUG on would measure the debug machinery.
DEBUG = False
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks.baseline"]
