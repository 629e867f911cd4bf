"""Validators shared by models and blocks, with messages written for editors."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.embeds.finders import get_finders

NOT_EMBEDDABLE = _(
    "This address cannot be embedded. Paste the address of a video page on YouTube or Vimeo "
    "(or on another site your administrator has set up)."
)


def is_embeddable(url: str) -> bool:
    """True when one of the site's embed finders accepts the URL.

    ``accept()`` only matches the address against each provider's patterns, so
    this never touches the network; fetching the embed is left to render time.
    """
    return any(finder.accept(url) for finder in get_finders())


def validate_embeddable_url(url: str) -> None:
    if url and not is_embeddable(url):
        raise ValidationError(NOT_EMBEDDABLE, code="not_embeddable")
