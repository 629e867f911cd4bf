"""What search engines and link previews read: public URLs, meta tags and schema.org JSON-LD.

Builders return plain dicts, so a headless frontend or a host template can use
them as they are; ``json_ld_script`` turns one into a ``<script>`` element that
is safe whatever the content holds. Addresses come from ``public_urls.py``, so
when a headless frontend serves the readers, canonical links and JSON-LD
point there.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from .images import CARD_SHARE_SPEC, LOGO_SPEC, SHARE_SPEC, parsed_filter
from .public_urls import PublicUrls, public_url

SCHEMA_CONTEXT = "https://schema.org"
HEADLINE_MAX = 110

# The characters that could end a <script> element or start a comment inside
# it, escaped as JSON allows (the same set as Django's ``json_script``).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


# URLs


def site_settings(request=None, site=None):
    """The site's ``RunStrengthSettings`` (cached on the request when there is one)."""
    from .models import RunStrengthSettings

    if request is not None:
        return RunStrengthSettings.for_request(request)
    if site is not None:
        return RunStrengthSettings.for_site(site)
    return None


def sitemap_entry(page, request=None) -> dict[str, Any]:
    """A sitemap entry for ``page`` at its public address (on the frontend, for headless sites)."""
    return {"location": public_url(page, request), "lastmod": page.last_published_at or page.latest_revision_created_at}


def absolute_url(url: str, request=None) -> str:
    """``url`` made absolute against the request (media on a CDN is already absolute)."""
    if not url or "://" in url or url.startswith("//"):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    from django.conf import settings

    return f"{getattr(settings, 'WAGTAILADMIN_BASE_URL', '').rstrip('/')}{url}"


# Small values


def iso_duration(minutes: int | None) -> str | None:
    """An ISO 8601 duration for a whole number of minutes: 75 → ``PT1H15M``."""
    if not minutes:
        return None
    hours, minutes = divmod(int(minutes), 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")


def published_at(page) -> datetime.datetime | datetime.date | None:
    """When the article was published: its first publication, unless the editor dated it differently."""
    first = page.first_published_at
    if page.date and (first is None or timezone.localdate(first) != page.date):
        return page.date
    return first


def modified_at(page) -> datetime.datetime | None:
    return page.last_published_at or page.latest_revision_created_at or page.first_published_at


def iso(value: datetime.datetime | datetime.date | None) -> str | None:
    """A date as ``2026-09-14``, a moment as ``2026-09-14T08:30:00+00:00`` (local time, whole seconds)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).isoformat(timespec="seconds")
            if timezone.is_aware(value)
            else value.isoformat(timespec="seconds")
        )
    return value.isoformat()


def page_title(page) -> str:
    """The page's title for search results: its SEO title if the base page model has one and it is set."""
    return getattr(page, "seo_title", "") or page.title


def page_description(page) -> str:
    """The meta description: the promote tab's search description, else the article's excerpt or intro."""
    description = getattr(page, "search_description", "")
    if not description and hasattr(page, "card_excerpt"):
        description = page.card_excerpt
    return description


def headline(text: str) -> str:
    return text if len(text) <= HEADLINE_MAX else text[: HEADLINE_MAX - 1].rstrip() + "…"


def json_ld_script(data: dict[str, Any] | None) -> SafeString:
    """A ``<script type="application/ld+json">`` holding ``data``; ``<``, ``>`` and ``&`` are escaped."""
    if not data:
        return mark_safe("")
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text.translate(_SCRIPT_ESCAPES)))  # noqa: S308 - escaped above


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


# schema.org nodes


def image_object(rendition, request=None, alt: str = "") -> dict[str, Any] | None:
    if rendition is None:
        return None
    return _compact(
        {
            "@type": "ImageObject",
            "url": absolute_url(rendition.url, request),
            "width": rendition.width,
            "height": rendition.height,
            "caption": alt,
        }
    )


def rendition_or_none(image, spec: str):
    if image is None:
        return None
    try:
        return image.get_rendition(parsed_filter(spec))
    except Exception:  # noqa: BLE001 - a missing or broken file must not take the page down
        return None


def person(clinician) -> dict[str, Any] | None:
    if clinician is None:
        return None
    return _compact(
        {
            "@type": "Person",
            "name": clinician.name,
            "honorificSuffix": clinician.credentials,
            # "DPT, OCS": one credential per post-nominal, so a reader of the graph can tell them apart.
            "hasCredential": [
                {"@type": "EducationalOccupationalCredential", "name": credential.strip()}
                for credential in clinician.credentials.split(",")
                if credential.strip()
            ],
            "jobTitle": clinician.role,
            "description": clinician.bio,
            "url": clinician.profile_url,
        }
    )


def organization(page, request=None) -> dict[str, Any] | None:
    """The clinic behind the site, from its settings (falling back to the site's name)."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else page.get_site()
    settings = site_settings(request, site)
    name = (settings.clinic_name if settings is not None else "") or (site.site_name if site else "")
    if not name:
        return None
    logo = rendition_or_none(settings.logo, LOGO_SPEC) if settings is not None and settings.logo_id else None
    root = PublicUrls(request, use_request_settings=True).site_root(site)
    return _compact({"@type": "Organization", "name": name, "url": root, "logo": image_object(logo, request)})


def exercise_plan(exercise, prescription=None, request=None, url: str = "", note: str = "") -> dict[str, Any]:
    """One exercise as a schema.org ``ExercisePlan``: the dose as repetitions, rest and duration."""
    prescription = prescription if prescription else exercise.prescription
    image = rendition_or_none(exercise.image, CARD_SHARE_SPEC)
    sets = []
    if prescription.sets:
        sets.append(ngettext("%(sets)s set", "%(sets)s sets", prescription.sets) % {"sets": prescription.sets})
    if prescription.per_side:
        sets.append(gettext("each side"))
    return _compact(
        {
            "@type": "ExercisePlan",
            "name": exercise.name,
            "description": exercise.summary,
            "url": url,
            "image": image_object(image, request, exercise.alt_text),
            "exerciseType": gettext("Strength training"),
            "intensity": exercise.get_difficulty_display(),
            "repetitions": _quantity(prescription.reps, gettext("repetitions per set")) if prescription.reps else None,
            "activityDuration": f"PT{prescription.seconds}S" if prescription.seconds else None,
            "restPeriods": _quantity(prescription.rest_seconds, gettext("seconds"), "SEC")
            if prescription.rest_seconds
            else None,
            "additionalVariable": ", ".join(sets) or None,
            "text": note or str(prescription) or None,
        }
    )


def _quantity(value, unit_text: str, unit_code: str = "") -> dict[str, Any]:
    return _compact({"@type": "QuantitativeValue", "value": value, "unitText": unit_text, "unitCode": unit_code})


def translation_alternates(page, request=None) -> list[dict[str, str]]:
    """``hreflang`` alternates: the page's live, public translations (itself included), and ``x-default``.

    Only with ``WAGTAIL_I18N_ENABLED`` (a single-language site pays no query),
    and only when the page has a translation a reader may open: one query for
    the translations, whose addresses come from the site's cached root paths.
    ``x-default`` is the default locale's version, when it is among them.
    """
    from django.conf import settings

    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False) or not getattr(page, "pk", None):
        return []
    from .models.querysets import private_sections_q
    from .translated import default_language_code

    translations = page.get_translations(inclusive=True).live().select_related("locale")
    translations = translations.exclude(private_sections_q(translations, request)).order_by("locale__language_code")
    alternates = []
    for translation in translations:
        href = public_url(translation, request)
        if href:
            alternates.append({"hreflang": translation.locale.language_code, "href": href})
    if len(alternates) < 2:
        return []
    default = next((item for item in alternates if item["hreflang"] == default_language_code()), None)
    if default is not None:
        alternates.append({"hreflang": "x-default", "href": default["href"]})
    return alternates


def article_exercises(page) -> list[dict[str, Any]]:
    """The exercises a reader sees on the article, in order: exercise, dose and note."""
    from .blocks.exercise import exercise_items
    from .translated import localize_exercise_picks

    localize_exercise_picks(page)
    return [
        {"exercise": value["exercise"], "prescription": value.prescription, "note": value.get("note") or ""}
        for value in exercise_items(page.body)
        if value.is_visible
    ]


def article_json_ld(page, request=None, exercise_url=None) -> dict[str, Any]:
    """A ``MedicalWebPage`` (reviewer, last review) whose ``mainEntity`` is the article's ``BlogPosting``.

    ``exercise_url`` maps an exercise to its page in the exercise library, if the site has one.
    """
    url = public_url(page, request)
    description = page_description(page)
    hero = rendition_or_none(page.hero_image, SHARE_SPEC)
    exercises = article_exercises(page)
    tags = [tag.name for tag in page.tags.all()] if hasattr(page, "tags") else []
    plan = None
    if exercises:
        plan = {
            "@type": "ExercisePlan",
            "name": gettext("%(title)s: exercises") % {"title": page.title},
            "exerciseType": gettext("Strength training"),
            "hasPart": [
                exercise_plan(
                    item["exercise"],
                    item["prescription"],
                    request,
                    url=exercise_url(item["exercise"]) if exercise_url else "",
                    note=item["note"],
                )
                for item in exercises
            ],
        }
    posting = _compact(
        {
            "@type": "BlogPosting",
            "@id": f"{url}#article",
            "headline": headline(page.title),
            "description": description,
            "url": url,
            "mainEntityOfPage": f"{url}#webpage",
            "inLanguage": page.locale.language_code,
            "author": person(page.author),
            "datePublished": iso(published_at(page)),
            "dateModified": iso(modified_at(page)),
            "publisher": organization(page, request),
            "image": image_object(hero, request, page.hero_alt_text),
            "articleSection": page.category.name if page.category else None,
            "keywords": tags,
            "wordCount": page.word_count,
            "timeRequired": iso_duration(page.read_time_minutes),
            "hasPart": plan,
        }
    )
    return _compact(
        {
            "@context": SCHEMA_CONTEXT,
            "@type": "MedicalWebPage",
            "@id": f"{url}#webpage",
            "url": url,
            "name": page_title(page),
            "description": description,
            "inLanguage": page.locale.language_code,
            "reviewedBy": person(page.reviewer),
            "lastReviewed": iso(page.last_reviewed),
            "mainEntity": posting,
        }
    )


def exercise_json_ld(library, exercise, request=None, url: str = "") -> dict[str, Any]:
    """An exercise's page: a ``WebPage`` whose ``mainEntity`` is the exercise's ``ExercisePlan``."""
    plan = exercise_plan(exercise, request=request, url=url)
    steps = [step.value for step in exercise.instructions]
    if steps:
        plan["text"] = " ".join(steps)
    return _compact(
        {
            "@context": SCHEMA_CONTEXT,
            "@type": "WebPage",
            "@id": f"{url}#webpage",
            "url": url,
            "name": exercise.name,
            "description": exercise.summary,
            "inLanguage": library.locale.language_code,
            "isPartOf": _compact(
                {"@type": "CollectionPage", "name": library.title, "url": public_url(library, request)}
            ),
            "publisher": organization(library, request),
            "mainEntity": plan,
        }
    )


# Meta tags


def share_meta(
    *, title: str, description: str, url: str, og_type: str = "website", image=None, image_alt: str = "", request=None
) -> dict[str, Any]:
    """The values of the description, canonical, OpenGraph and Twitter card tags."""
    return _compact(
        {
            "title": title,
            "description": description,
            "canonical": url,
            "og_type": og_type,
            "image": _compact(
                {
                    "url": absolute_url(image.url, request),
                    "width": image.width,
                    "height": image.height,
                    "alt": image_alt,
                }
            )
            if image is not None
            else None,
        }
    )
