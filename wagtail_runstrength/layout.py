"""How the package's pages sit inside a base template: the package's own shell or a host's.

The page templates (article, blog index, tags, exercise library, exercise) extend
``wagtail_runstrength/base.html``. With the package's own shell they get its
``<head>`` and its ``<main>``. A host that overrides that template to extend its
own ``base.html`` puts ``{% runstrength_head %}`` in its ``<head>``; the tag
prints the meta, canonical, OpenGraph and JSON-LD tags, the stylesheet and the
(deferred) script, and notes on the request that it ran and whether the host's
layout already has a ``<main>``.

The content of every page template is wrapped in ``{% runstrength_main %}``,
which reads that note when the body renders (after the head, in document order):
inside the package's shell it adds nothing; in a host's layout it adds the
``<main>`` landmark unless the host said it has one; and when no head
integration ran at all, the page would lose its stylesheet, its search and
sharing tags and would show the print-only exercise sheet on screen, so it
logs a warning and, with ``DEBUG`` on, shows the developer a notice on the page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

REQUEST_ATTRIBUTE = "_runstrength_layout"
# Set by the package's own base.html around its content block.
SHELL_CONTEXT_VARIABLE = "runstrength_shell"


@dataclass(frozen=True)
class HostLayout:
    """What ``{% runstrength_head %}`` told the page about the host's base template."""

    has_main: bool


def note_head(request, *, has_main: bool) -> None:
    """Record that the host's ``<head>`` has the package's tags (called by ``{% runstrength_head %}``)."""
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, HostLayout(has_main=has_main))


def host_layout(request) -> HostLayout | None:
    return getattr(request, REQUEST_ATTRIBUTE, None) if request is not None else None


def missing_head_notice(request, template_name: str) -> str:
    """Log the missing head integration; in DEBUG also return a notice for the page."""
    path = getattr(request, "path", "")
    logger.warning(
        "%s rendered without the package's head tags (path %s): the page has no stylesheet, "
        "meta, canonical or JSON-LD. Put {%% runstrength_head %%} in the <head> of the base "
        "template your wagtail_runstrength/base.html extends (docs/host-sites.md).",
        template_name,
        path,
    )
    if not settings.DEBUG:
        return ""
    message = _(
        "wagtail-runstrength: this page's base template has no {% runstrength_head %} in its "
        "<head>, so the package's stylesheet, meta tags and structured data are missing. "
        "See docs/host-sites.md. (This notice shows only with DEBUG on.)"
    )
    # Inline styles: the package's stylesheet is exactly what is missing.
    return format_html(
        '<p class="rs-layout-warning" role="alert" style="border:3px solid #b00020;padding:0.75rem 1rem;'
        'margin:1rem;background:#fff;color:#1d232b;font:1rem/1.5 system-ui,sans-serif">{}</p>',
        message,
    )
