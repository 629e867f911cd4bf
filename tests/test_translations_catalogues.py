"""The shipped catalogues are complete, translated and compiled.

- Every string the package marks for translation (templates and Python) is in
  each catalogue, translated, and not fuzzy: the test extracts the strings
  afresh with ``makemessages`` into a temporary copy of the package, so a
  new ``{% translate %}`` without a translation fails here.
- No template prints words outside ``{% translate %}``/``{% blocktranslate %}``
  (in its text or in the attributes screen readers announce), so nothing
  escapes extraction in the first place.
- Each committed ``.mo`` says what its ``.po`` says (someone edited a ``.po``
  and forgot ``compilemessages``, or the other way round).
- Translations keep the placeholders of their source, and the plural forms
  header is right for the language.

``docs/development.md`` ("Translations") has the commands that fix each failure.
"""

from __future__ import annotations

import gettext
import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.template.base import Lexer, TokenType

from wagtail_runstrength.seed_data import RUNNING_MUSCLES

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "wagtail_runstrength"
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGUAGES = {
    "fr": "nplurals=2; plural=(n > 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
}
TEMPLATES_DIR = PACKAGE_DIR / "templates"
# "%(name)s", "%d", "{max}": what a translation must carry over unchanged.
PLACEHOLDER_RE = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def key(entry: polib.POEntry) -> tuple[str | None, str, str | None]:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


# Template text that is not for readers: comments, and text already inside a translation tag.
NOT_READER_TEXT_BLOCKS = {"comment": "endcomment", "blocktrans": "endblocktrans", "blocktranslate": "endblocktranslate"}
ANNOUNCED_ATTRIBUTE_RE = re.compile(r'\b(?:aria-label|alt|title|placeholder|label)="([^"]*)"')
WORD_RE = re.compile(r"[^\W\d_][\w’'-]*")


def literal_words(source: str) -> list[str]:
    """Words a template prints as they are, untranslatable: text between tags and announced attributes.

    Markup, CSS and code samples are not text (class lists such as ``rs-page`` neither).
    """
    text, closing = [], None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if closing is None and name in NOT_READER_TEXT_BLOCKS:
                closing = NOT_READER_TEXT_BLOCKS[name]
            elif name == closing:
                closing = None
        elif token.token_type == TokenType.TEXT and closing is None:
            text.append(token.contents)
    html = re.sub(r"<(style|script|code)\b.*?</\1>", " ", "".join(text), flags=re.DOTALL)
    attributes = [value for value in ANNOUNCED_ATTRIBUTE_RE.findall(html) if WORD_RE.search(value)]
    words = WORD_RE.findall(re.sub(r"<[^>]*>", " ", html))
    return attributes + [word for word in words if not word.startswith("rs-")]


def test_templates_print_no_words_outside_translation_tags():
    found = {
        str(path.relative_to(TEMPLATES_DIR)): words
        for path in sorted(TEMPLATES_DIR.rglob("*.html"))
        if (words := literal_words(path.read_text()))
    }
    assert found == {}


def test_literal_words_finds_text_and_labels_left_untranslated():
    source = (
        '{% load i18n %}<dt>Written by</dt><nav aria-label="Pages">{% translate "Tags" %}</nav>'
        '{% comment %}Not for readers{% endcomment %}<p class="rs-x">{% blocktranslate %}Hi {{ n }}{% endblocktranslate %}</p>'
    )
    assert literal_words(source) == ["Pages", "Written", "by"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple]:
    """The package's translatable strings as ``makemessages`` finds them today."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext is not installed (apt-get install gettext); .ci/run installs it")
    copy = tmp_path_factory.mktemp("extract") / "wagtail_runstrength"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    (copy / "locale").mkdir()
    env = {name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "--locale", "fr", "--no-obsolete"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # makemessages warns, without failing, about translator comments it had to ignore.
    assert "warning" not in result.stderr.lower(), result.stderr
    return {key(entry) for entry in polib.pofile(str(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"))}


def test_extraction_finds_the_strings_it_must(extracted):
    # Guards the comparison below: an extraction that found nothing would make every catalogue "complete".
    assert (None, "Estimated read time", None) in extracted
    assert (None, "%(reps)s rep", "%(reps)s reps") in extracted
    assert ("long date format", "j F Y", None) in extracted
    assert len(extracted) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_holds_every_string_the_package_marks_and_nothing_stale(extracted, language):
    held = {key(entry) for entry in catalogue(language)}
    assert sorted(extracted - held, key=str) == [], "missing: run makemessages (docs/development.md)"
    assert sorted(held - extracted, key=str) == [], "stale: run makemessages --no-obsolete"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    assert not po.metadata_is_fuzzy
    untranslated = [entry.msgid for entry in po if not all(translations(entry))]
    fuzzy = [entry.msgid for entry in po if "fuzzy" in entry.flags]
    obsolete = [entry.msgid for entry in po.obsolete_entries()]
    assert (untranslated, fuzzy, obsolete) == ([], [], [])


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_header_names_the_language_and_its_plural_forms(language):
    metadata = catalogue(language).metadata
    assert metadata["Language"] == language
    assert metadata["Plural-Forms"] == LANGUAGES[language]
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_their_source(language):
    wrong = []
    for entry in catalogue(language):
        wanted = sorted(set(PLACEHOLDER_RE.findall(entry.msgid_plural or entry.msgid)))
        for text in translations(entry):
            if sorted(set(PLACEHOLDER_RE.findall(text))) != wanted:
                wrong.append((entry.msgid, text))
    assert wrong == []


# French spacing: a non-breaking space (U+00A0, or the narrow U+202F) before : ; ? ! and inside « ».
FRENCH_SPACING_FAULTS = [
    re.compile(r"(?:^|[^\u00a0\u202f]):(?=\s|$)"),  # a colon after an ordinary space or after no space
    re.compile(r"(?:^|[^\u00a0\u202f])[;?!](?=\s|$)"),
    re.compile(r"«[^\u00a0\u202f]|[^\u00a0\u202f]»"),
]


def test_french_messages_use_french_spacing():
    wrong = [
        text
        for entry in catalogue("fr")
        for text in translations(entry)
        if any(fault.search(text) for fault in FRENCH_SPACING_FAULTS)
    ]
    assert wrong == []


def test_french_spacing_check_finds_ordinary_spaces():
    faulty = ["Note : lire", "Note: lire", "Prêt ?", "un ; deux", "« Blog »"]
    assert all(any(fault.search(text) for fault in FRENCH_SPACING_FAULTS) for text in faulty)
    assert not any(fault.search("Note\u00a0: lire « ».replace") for fault in FRENCH_SPACING_FAULTS[:2])


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_po_file(language):
    """The ``.mo`` Django loads holds exactly the ``.po``'s translations and plural rule."""
    directory = LOCALE_DIR / language / "LC_MESSAGES"
    with open(directory / "django.mo", "rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    expected = {}
    for entry in catalogue(language):
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            expected.update({(msgid, index): text for index, text in entry.msgstr_plural.items()})
        else:
            expected[msgid] = entry.msgstr
    held = {name: text for name, text in mo._catalog.items() if name != ""}
    assert held == expected, "out of date: run compilemessages (docs/development.md)"
    assert mo.info()["plural-forms"] == LANGUAGES[language]


def test_seeded_muscle_names_match_migration_0002():
    # The migration keeps its own frozen list; seed_data.py is the translatable copy other code reads.
    migration = importlib.import_module("wagtail_runstrength.migrations.0002_seed_running_muscles")
    assert migration.RUNNING_MUSCLES == RUNNING_MUSCLES


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_seeded_muscle_name_is_translated(language):
    po = catalogue(language)
    for _slug, name, _region in RUNNING_MUSCLES:
        entry = po.find(name)
        assert entry is not None and entry.msgstr, name
