"""A clinic site whose every editor-controlled field holds markup that would run script if it were not escaped.

Shared by ``tests/browser/test_hostile_content.py`` (nothing runs in Chromium)
and ``tests/test_escaping.py`` (JSON-LD, feeds and the sitemap are well formed;
nothing is escaped twice). Each copy of the markup names its field, so a dialog
or a failed assertion says which field leaked. Address fields get web addresses
whose query strings carry the markup; script addresses are refused at
validation (``tests/test_url_validation.py``). Rich text is stored the way the
editor's Draftail field stores it, through Wagtail's converter, including a
``javascript:`` link.
"""

from __future__ import annotations

import json

from django.urls import reverse
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from tests.factories import (
    ArticleCategoryFactory,
    ArticlePageFactory,
    ClinicianFactory,
    ExerciseFactory,
    ImageFactory,
    MuscleGroupFactory,
)
from wagtail_runstrength.models import (
    ArticleCategory,
    Clinician,
    ExerciseLibraryPage,
    ExerciseSnippet,
    MuscleGroup,
    RunStrengthSettings,
)

PIECES = [
    '<script>alert("{label}")</script>',
    '"><img src=x onerror=alert("{label}")>',
    "</script><script>alert('{label}')</script>",
    "'><svg onload=alert('{label}')>",
]


def hostile(label: str, max_length: int = 255) -> str:
    """``label`` followed by as many of the attack pieces as fit in ``max_length``."""
    text = label
    for piece in PIECES:
        candidate = f"{text} {piece.format(label=label)}"
        if len(candidate) <= max_length:
            text = candidate
    assert "<" in text, f"{label}: no attack fits in {max_length} characters"
    return text


def hostile_url(label: str) -> str:
    """A web address a URL field accepts, whose query string carries markup."""
    return f'https://example.com/{label}?q="><img src=x onerror=alert("{label}")>'


def editor_rich_text(label: str, features=("bold", "italic", "link")) -> str:
    """What Draftail stores when an editor types markup and links it to a ``javascript:`` address."""
    text = hostile(label)
    contentstate = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "text": text,
                "depth": 0,
                "inlineStyleRanges": [{"offset": 0, "length": len(label), "style": "BOLD"}],
                "entityRanges": [{"offset": 0, "length": len(label), "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": f'javascript:alert("{label}-link")'}}
        },
    }
    return ContentstateConverter(features=list(features)).to_database_format(json.dumps(contentstate))


def hostile_image(label: str):
    return ImageFactory(title=hostile(f"{label}-title"), description=hostile(f"{label}-alt"))


def build_hostile_site(site, index_page) -> dict:
    """Every editor-controlled field holds markup; returns the paths to open, by kind, and the article."""
    index_page.title = hostile("index-title")
    index_page.intro = editor_rich_text("index-intro")
    index_page.save_revision().publish()
    # update_or_create: in live-server tests the publish above commits at once, and the page
    # warming it schedules may already have created the site's settings row.
    RunStrengthSettings.objects.update_or_create(
        site=site,
        defaults={
            "clinic_name": hostile("clinic-name"),
            "cta_heading": hostile("cta-heading"),
            "cta_text": hostile("cta-text"),
            "cta_button_label": hostile("cta-label", max_length=60),
            "cta_url": hostile_url("cta-url"),
        },
    )
    muscle = MuscleGroupFactory(name=hostile("muscle-name"), slug="hostile-muscle")
    exercise = ExerciseFactory(
        name=hostile("exercise-name"),
        slug="calf-raise",
        summary=hostile("exercise-summary"),
        image=hostile_image("exercise-image"),
        image_alt=hostile("exercise-alt"),
        instructions=[("step", hostile("exercise-step"))],
        coaching_cues=hostile("exercise-cue") + "\n" + hostile("exercise-cue-2"),
        safety_notes=hostile("exercise-safety"),
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
        target_muscles=[muscle],
    )
    other = ExerciseFactory(name=hostile("other-exercise"), slug="split-squat", target_muscles=[muscle])
    category = ArticleCategoryFactory(
        name=hostile("category-name"), slug="hostile", description=hostile("category-description")
    )
    author = ClinicianFactory(
        name=hostile("author-name"),
        credentials=hostile("author-credentials", max_length=100),
        role=hostile("author-role"),
        registration_number=hostile("author-registration", max_length=100),
        bio=hostile("author-bio"),
        profile_url=hostile_url("author-profile"),
    )
    reviewer = ClinicianFactory(name=hostile("reviewer-name"), profile_url=hostile_url("reviewer-profile"))
    related = ArticlePageFactory(parent=index_page, title=hostile("related-title"), excerpt=hostile("related-excerpt"))
    related.tags.add(hostile("related-tag", max_length=100))
    related.save()
    article = ArticlePageFactory(
        parent=index_page,
        title=hostile("article-title"),
        seo_title=hostile("seo-title"),
        search_description=hostile("search-description"),
        intro=editor_rich_text("article-intro"),
        excerpt=hostile("excerpt", max_length=300),
        hero_image=hostile_image("hero"),
        hero_alt=hostile("hero-alt"),
        hero_caption=hostile("hero-caption"),
        category=category,
        author=author,
        reviewer=reviewer,
        body=[
            ("heading", {"text": hostile("heading"), "level": "h2", "anchor": hostile("anchor")}),
            ("paragraph", editor_rich_text("paragraph", ("bold", "italic", "link", "ul", "ol"))),
            ("key_points", {"items": [{"title": hostile("point-title", 120), "text": hostile("point-text")}]}),
            ("heading", {"text": hostile("heading-2"), "level": "h2"}),
            ("exercise", {"exercise": exercise, "note": hostile("exercise-note")}),
            (
                "exercise_group",
                {
                    "heading": hostile("group-heading"),
                    "intro": hostile("group-intro"),
                    "exercises": [{"exercise": other, "note": hostile("group-note")}],
                },
            ),
            ("heading", {"text": hostile("heading-3"), "level": "h2"}),
            ("tips", {"items": [{"title": hostile("tip-title", 120), "text": hostile("tip-text")}]}),
            (
                "call_to_action",
                {
                    "heading": hostile("block-cta-heading"),
                    "text": hostile("block-cta-text"),
                    "button_label": hostile("block-cta-label", max_length=60),
                    "url": hostile_url("block-cta-url"),
                },
            ),
            ("call_to_action", {}),  # blank: the site's default, from the settings above
            ("quote", {"quote": hostile("quote"), "attribution": hostile("attribution")}),
            (
                "image",
                {
                    "image": {
                        "image": hostile_image("block-image"),
                        "alt_text": hostile("block-alt"),
                        "decorative": False,
                    },
                    "caption": hostile("image-caption"),
                },
            ),
            ("embed", "https://www.youtube.com/watch?v=abcdefghijk"),
            (
                "related_posts",
                {
                    "heading": hostile("related-heading"),
                    "posts": [related],
                    "tags": hostile("related-tags"),
                    "categories": [category],
                },
            ),
        ],
    )
    article.tags.add(hostile("tag", max_length=100), hostile("tag-2", max_length=100))
    article.save_revision().publish()
    library = ExerciseLibraryPage(title=hostile("library-title"), slug="exercises", intro=editor_rich_text("library"))
    site.root_page.add_child(instance=library)
    tag_slug = article.tags.first().slug
    reader_pages = {
        "article": article.url,
        "index": "/blog/",
        "index by tag": f"/blog/?tag={tag_slug}",
        "index by category": "/blog/?category=hostile",
        "tags": "/blog/tags/",
        "library": "/exercises/",
        "library by muscle": "/exercises/?muscle=hostile-muscle",
        "exercise": "/exercises/calf-raise/",
        "rss": "/blog/feed/rss/",
        "atom": "/blog/feed/atom/",
        "sitemap": "/sitemap.xml",
    }
    api = {
        "v2 articles": "/api/v2/articles/",
        "v2 article": f"/api/v2/articles/{article.pk}/",
        "v2 exercises": "/api/v2/exercises/",
        "v2 exercise": f"/api/v2/exercises/{exercise.pk}/",
        "v2 pages": f"/api/v2/pages/?child_of={index_page.pk}",
        "v3 page": f"/api/v3/pages/{article.pk}/",
        "v3 exercises": "/api/v3/exercises/",
    }
    admin = {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[index_page.pk]),
        "page search": reverse("wagtailadmin_pages:search") + "?q=alert",
        "article editor": reverse("wagtailadmin_pages:edit", args=[article.pk]),
        "exercises": reverse(ExerciseSnippet.snippet_viewset.get_url_name("list")),
        "exercise editor": reverse(ExerciseSnippet.snippet_viewset.get_url_name("edit"), args=[exercise.pk]),
        "clinicians": reverse(Clinician.snippet_viewset.get_url_name("list")),
        "categories": reverse(ArticleCategory.snippet_viewset.get_url_name("list")),
        "muscle groups": reverse(MuscleGroup.snippet_viewset.get_url_name("list")),
        "images": reverse("wagtailimages:index"),
        "settings": reverse("wagtailsettings:edit", args=("wagtail_runstrength", "runstrengthsettings", site.pk)),
        "article with userbar": article.url,
    }
    return {"reader": reader_pages, "api": api, "admin": admin, "article": article}
