#!/usr/bin/env python
"""Django's command-line utility for the demo clinic site.

Runs from any directory, for example ``python example_project/manage.py
runserver`` from the repository root: the project folder is put on the path
so ``clinic_site`` and ``clinic`` import without installing them, and the
repository root is appended so ``wagtail_runstrength`` imports from the
checkout when it is not installed (an installed copy wins).
"""

import os
import sys
from pathlib import Path


def main() -> None:
    project_dir = Path(__file__).resolve().parent
    sys.path.insert(0, str(project_dir))
    sys.path.append(str(project_dir.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
