"""WSGI entry point for the demo clinic site."""

import os
import sys
from pathlib import Path

from django.core.wsgi import get_wsgi_application

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.append(str(PROJECT_DIR.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings")

application = get_wsgi_application()
