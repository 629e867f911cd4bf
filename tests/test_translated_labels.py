"""Readers of French, German and Spanish pages see the package's labels in their language.

Each page type is rendered with every block and label it can show, in each
shipped language, and the text a reader meets (visible text, the attributes
screen readers announce, and the JSON-LD) is searched for the package's
English labels. The content itself is written in French, so any English
found there came from the package.
"""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

from tests.factories import (
    ArticleCategoryFactory,
    ArticlePageFactory,
    ClinicianFactory,
    ExerciseFactory,
    ImageFactory,
    MuscleGroupFactory,
)
from wagtail_runstrength.models import ExerciseLibraryPage
from wagtail_runstrength.prescription import Prescription

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "de", "es"]

# Labels, units and choices the package prints in English when nothing is translated. "Page",
# "Video" and "Name" are left out: German, French or Spanish spell them the same way.
ENGLISH_LABELS = [
    "Estimated read time",
    "Written by",
    "Clinically reviewed by",
    "Published",
    "In this article",
    "Tags",
    "Targets",
    "Dose",
    "Usual dose",
    "Level",
    "reps",
    "rep",
    "each side",
    "rest",
    "sets",
    "hold",
    "min read",
    "minute",
    "minutes",
    "Skip to content",
    "Home",
    "Exercise sheet",
    "Start date",
    "Print the exercises as a one-page sheet",
    "Stop any exercise",
    "Done",
    "Find an exercise",
    "Muscle group",
    "Any muscle group",
    "Equipment",
    "Any equipment",
    "Difficulty",
    "Any difficulty",
    "Show exercises",
    "exercise",
    "exercises",
    "How to do it",
    "Coaching cues",
    "Safety",
    "Variations",
    "Make it easier",
    "Make it harder",
    "Articles with this exercise",
    "Back to",
    "Breadcrumb",
    "Play video",
    "Plays from",
    "Beginner",
    "Intermediate",
    "Bodyweight",
    "Step or box",
    "Thigh",
    "Lower leg and foot",
    "Browse by topic",
    "Pages of articles",
    "Pages of exercises",
    "Newer articles",
    "Older articles",
    "Next page",
    "Previous page",
    "article",
    "articles",
    "Strength training",
    "repetitions per set",
    "seconds",
    "December",
]

# Words a language spells as English does, where finding them proves nothing.
SPELLED_THE_SAME = {"fr": {"minute", "minutes", "article", "articles"}}

# What each language must show instead, so an empty or broken page cannot pass.
EXPECTED = {
    "fr": ["Temps de lecture estimé", "Rédigé par", "Muscles ciblés", "Dosage", "3 × 12 répétitions de chaque côté"],
    "de": ["Geschätzte Lesezeit", "Verfasst von", "Zielmuskeln", "Dosierung", "3 × 12 Wiederholungen pro Seite"],
    "es": ["Tiempo de lectura estimado", "Escrito por", "Músculos trabajados", "Dosis", "3 × 12 repeticiones por lado"],
}

READ_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder", "label", "content"}


class ReaderText(HTMLParser):
    """The text a reader meets: text nodes and announced attributes, plus JSON-LD; not markup, CSS or scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []
        self.in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self.in_json_ld = True
        elif tag in {"script", "style", "template"}:
            self.skipping.append(tag)
        for name, value in attrs.items():
            if name in READ_ATTRIBUTES and value and not (tag == "meta" and not self.is_text_meta(attrs)):
                self.parts.append(value)

    @staticmethod
    def is_text_meta(attrs: dict) -> bool:
        """Meta tags whose content people read (titles, descriptions, alt text), not codes like og:type."""
        key = attrs.get("property") or attrs.get("name") or ""
        return key in {"description", "og:title", "og:description", "og:image:alt", "og:site_name"} or key.startswith(
            ("twitter:title", "twitter:description", "twitter:image:alt", "article:section", "article:tag")
        )

    def handle_endtag(self, tag):
        if tag == "script" and self.in_json_ld:
            self.in_json_ld = False
        elif self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if self.in_json_ld:
            self.parts.extend(json_strings(json.loads(data)))
        elif not self.skipping:
            self.parts.append(data)


def json_strings(value) -> list[str]:
    """Every string value in JSON-LD (keys and schema.org type names are not read by anyone)."""
    if isinstance(value, dict):
        return [text for key, item in value.items() if not key.startswith("@") for text in json_strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in json_strings(item)]
    return [value] if isinstance(value, str) else []


def reader_text(html: str) -> str:
    parser = ReaderText()
    parser.feed(html)
    return "\n".join(parser.parts)


def english_labels_in(html: str, language: str = "en") -> list[str]:
    text = reader_text(html)
    labels = [label for label in ENGLISH_LABELS if label not in SPELLED_THE_SAME.get(language, set())]
    return [label for label in labels if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)]


@pytest.fixture
def content(site, index_page):
    """One of everything, written in French: an article with every block, its index, a library and an exercise."""
    index_page.title = "Le blogue"
    index_page.save()
    muscle = MuscleGroupFactory(name="Mollets", slug="mollets", region="lower_leg")
    image = ImageFactory(title="Montée", description="Une coureuse monte sur une marche")
    exercises = [
        ExerciseFactory(
            name=f"Montée latérale {n}",
            slug=f"montee-{n}",
            summary="Renforce les hanches pour la poussée.",
            image=image,
            target_muscles=[muscle],
            sets=3,
            reps=12,
            per_side=True,
            rest_seconds=60,
            equipment="step_or_box",
            instructions=[("step", "Placez-vous à côté d’une marche."), ("step", "Montez de côté.")],
            coaching_cues="Genou dans l’axe\nBuste droit",
            safety_notes="Arrêtez si le genou fait mal.",
            video_url="https://www.youtube.com/watch?v=abcdefghijk",
        )
        for n in range(4)
    ]
    exercises[0].progressions.set([exercises[1]])
    exercises[0].regressions.set([exercises[2]])
    exercises[0].save()
    other = ArticlePageFactory(
        parent=index_page,
        title="Échauffement express",
        intro="<p>Avant de courir.</p>",
        date=datetime.date(2026, 12, 1),
    )
    other.tags.add("course")
    other.save()
    article = ArticlePageFactory(
        parent=index_page,
        title="Le guide du renforcement",
        slug="guide",
        intro="<p>Des jambes plus fortes.</p>",
        hero_image=ImageFactory(description="Une coureuse fait un squat"),
        category=ArticleCategoryFactory(name="Performance"),
        author=ClinicianFactory(name="Camille Martin", credentials="MKDE"),
        reviewer=ClinicianFactory(name="Dana Ortiz", credentials="DO"),
        last_reviewed=datetime.date(2026, 12, 6),
        date=datetime.date(2026, 12, 6),
        body=[
            ("heading", {"text": "Pourquoi se renforcer", "level": "h2"}),
            ("paragraph", "<p>Les tendons s’adaptent à la charge.</p>"),
            ("image", {"image": {"image": image, "alt_text": "Une marche", "decorative": False}, "caption": "Montée"}),
            ("key_points", {"items": [{"title": "Moins de blessures", "text": "Les tendons s’adaptent."}]}),
            ("heading", {"text": "Les exercices", "level": "h2"}),
            ("exercise_group", {"heading": "Routine", "exercises": [{"exercise": e} for e in exercises[:2]]}),
            ("exercise", {"exercise": exercises[2], "note": "Allez-y doucement."}),
            ("heading", {"text": "Trouver le temps", "level": "h2"}),
            ("tips", {"items": [{"title": "Deux fois par semaine", "text": "Jours non consécutifs."}]}),
            (
                "call_to_action",
                {"heading": "Besoin d’aide ?", "button_label": "Prendre rendez-vous", "url": "https://example.com/rdv"},
            ),
            ("quote", {"quote": "Des genoux heureux.", "attribution": "Une patiente"}),
            ("embed", "https://www.youtube.com/watch?v=abcdefghijk"),
            ("related_posts", {"heading": "À lire aussi", "posts": [other]}),
        ],
    )
    article.tags.add("course")
    article.save()
    library = ExerciseLibraryPage(title="Bibliothèque", slug="bibliotheque", intro="<p>Bougez bien.</p>")
    site.root_page.add_child(instance=library)
    return {"article": article, "index": index_page, "library": library, "exercise": exercises[0]}


def page_urls(content) -> dict[str, str]:
    return {
        "article": content["article"].url,
        "index": content["index"].url,
        "topics": content["index"].url + "tags/",
        "library": content["library"].url,
        "filtered library": content["library"].url + "?muscle=mollets&difficulty=beginner",
        "exercise": content["library"].url + content["exercise"].slug + "/",
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_shows_no_english_label_in_the_readers_language(client, content, language):
    found = {}
    with translation.override(language):
        for name, url in page_urls(content).items():
            response = client.get(url)
            assert response.status_code == 200, url
            if english := english_labels_in(response.content.decode(), language):
                found[name] = english
    assert found == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_shows_the_translated_labels_and_dose(client, content, language):
    with translation.override(language):
        html = client.get(content["article"].url).content.decode()
    for text in EXPECTED[language]:
        assert text in html


def test_the_english_page_still_shows_the_english_labels(client, content):
    # The check finds what it looks for: the same page in English has the labels it forbids elsewhere.
    with translation.override("en"):
        html = client.get(content["article"].url).content.decode()
    assert {"Estimated read time", "Written by", "Targets", "Dose", "reps", "each side", "rest"} <= set(
        english_labels_in(html)
    )


@pytest.mark.parametrize(
    ("language", "prescription", "text"),
    [
        ("en", Prescription(3, 12, None, True, 60), "3 × 12 reps each side, rest 60\u00a0s"),
        ("en", Prescription(3, 1), "3 × 1 rep"),
        ("en", Prescription(1), "1 set"),
        ("fr", Prescription(3, 12, None, True, 60), "3 × 12 répétitions de chaque côté, repos de 60\u00a0s"),
        ("fr", Prescription(2, 1), "2 × 1 répétition"),
        ("fr", Prescription(3, None, 30, False, 45), "3 × maintien de 30\u00a0s, repos de 45\u00a0s"),
        ("de", Prescription(3, 12, None, True, 60), "3 × 12 Wiederholungen pro Seite, 60\u00a0s Pause"),
        ("de", Prescription(1), "1 Satz"),
        ("de", Prescription(4), "4 Sätze"),
        ("es", Prescription(3, 12, None, True, 60), "3 × 12 repeticiones por lado, descanso de 60\u00a0s"),
        ("es", Prescription(None, 1), "1 repetición"),
    ],
)
def test_prescription_reads_in_the_active_language_with_plural_forms(language, prescription, text):
    with translation.override(language):
        assert str(prescription) == text


def test_french_counts_zero_and_one_as_singular():
    # French plural forms (n > 1), unlike German and Spanish (n != 1).
    with translation.override("fr"):
        assert translation.ngettext("%(count)s exercise", "%(count)s exercises", 0) % {"count": 0} == "0 exercice"
    with translation.override("de"):
        assert translation.ngettext("%(count)s exercise", "%(count)s exercises", 0) % {"count": 0} == "0 Übungen"


@pytest.mark.parametrize(
    ("language", "date"), [("en", "6 December 2026"), ("fr", "6 décembre 2026"), ("de", "6. Dezember 2026")]
)
def test_article_date_follows_the_languages_date_format(client, content, language, date):
    with translation.override(language):
        html = client.get(content["article"].url).content.decode()
    assert f'<time datetime="2026-12-06">{date}</time>' in html


def test_block_previews_show_their_sample_content_in_the_editors_language():
    from wagtail_runstrength.blocks import ArticleBodyBlock

    blocks = ArticleBodyBlock().child_blocks
    with translation.override("de"):
        heading = blocks["heading"].get_preview_value()
        paragraph = blocks["paragraph"].get_preview_value()
        key_points = blocks["key_points"].get_preview_value()
        call_to_action = blocks["call_to_action"].get_preview_value()
        related = blocks["related_posts"].get_preview_value()
    assert heading["text"] == "Warum Krafttraining Läufern hilft"
    assert paragraph.source.startswith("<p>Wer zweimal pro Woche Krafttraining macht")
    assert key_points["items"][0]["title"] == "Weniger Verletzungen"
    assert call_to_action["button_label"] == "Befundtermin buchen"
    assert related["heading"] == "Beiträge, die Sie interessieren könnten"


def test_help_text_with_a_number_is_translated_when_shown_not_at_import():
    from wagtail_runstrength.models import ExerciseSnippet

    help_text = ExerciseSnippet._meta.get_field("sets").help_text
    with translation.override("fr"):
        assert str(help_text) == "Nombre de séries par défaut, de 1 à 10."
    with translation.override("en"):
        assert str(help_text) == "Default number of sets, from 1 to 10."


def test_exercise_inspect_view_labels_its_computed_fields_in_the_editors_language():
    from django.contrib.admin.utils import label_for_field

    from wagtail_runstrength.models import ExerciseSnippet

    with translation.override("es"):
        labels = [str(label_for_field(name, ExerciseSnippet)) for name in ("alt_text", "prescription")]
    assert labels == ["texto alternativo", "pauta predeterminada"]
