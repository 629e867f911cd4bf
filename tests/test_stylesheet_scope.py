"""The package stylesheet styles only the package's markup, and that markup carries ``rs-root``.

A host site puts the package's pages and blocks in its own base template, so
the stylesheet must not restyle anything outside them: no ``body``, ``html``,
``*`` or bare element rules, and no public custom property set by the package
(a host's value on ``:root`` must win). Every page's content and every block's
outermost element carries the class ``rs-root`` that the element-level rules
hang from, and the exercise sheet's print-only parts stay hidden without CSS.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.loader import render_to_string

import wagtail_runstrength
from tests.factories import ArticlePageFactory, ExerciseFactory, ImageFactory, MuscleGroupFactory
from tests.test_article_page import full_article
from wagtail_runstrength.blocks import (
    CallToActionBlock,
    ContentImageBlock,
    ExerciseBlock,
    ExerciseGroupBlock,
    HeadingBlock,
    KeyPointsBlock,
    ParagraphBlock,
    QuoteBlock,
    RelatedPostsBlock,
    TipsBlock,
    VideoEmbedBlock,
)
from wagtail_runstrength.models import ExerciseLibraryPage

PACKAGE = Path(wagtail_runstrength.__file__).resolve().parent
CSS = PACKAGE / "static" / "wagtail_runstrength" / "css" / "runstrength.css"
TEMPLATES = PACKAGE / "templates" / "wagtail_runstrength"
# At-rules whose blocks hold ordinary style rules.
GROUPING_AT_RULES = ("@media", "@supports", "@layer", "@container")


# A small CSS reader: enough for a hand-written stylesheet -------------------


def strip_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)


def _matching_brace(text: str, start: int) -> int:
    """The index of the ``}`` that closes the ``{`` at ``start``, skipping strings."""
    depth, quote, i = 0, None, start
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError(f"unbalanced braces from offset {start}")


def parse_rules(css: str, context: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str, str]]:
    """Every rule as ``(enclosing at-rules, prelude, body)``; grouping at-rules are entered."""
    rules = []
    i = 0
    while i < len(css):
        brace = css.find("{", i)
        semicolon = css.find(";", i)
        if brace == -1:
            assert not css[i:].strip() or css[i:].strip().startswith("@"), css[i:]
            break
        if semicolon != -1 and semicolon < brace and css[i:semicolon].strip().startswith("@"):
            rules.append((context, css[i:semicolon].strip(), ""))  # @import, @charset...
            i = semicolon + 1
            continue
        end = _matching_brace(css, brace)
        prelude, body = " ".join(css[i:brace].split()), css[brace + 1 : end]
        if prelude.startswith(GROUPING_AT_RULES):
            rules.extend(parse_rules(body, (*context, prelude)))
        else:
            rules.append((context, prelude, body))
        i = end + 1
    return rules


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """Split at ``separator`` outside parentheses, brackets and strings."""
    parts, depth, quote, current = [], 0, None, ""
    for char in text:
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        current += char
    parts.append(current.strip())
    return parts


def compounds(selector: str) -> list[tuple[str, str]]:
    """A complex selector as ``[(combinator, compound), ...]``; the first combinator is empty."""
    result, depth, quote, current, combinator, pending = [], 0, None, "", "", ""
    for char in selector.strip():
        if quote:
            quote = None if char == quote else quote
            current += char
            continue
        if char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if depth == 0 and (char.isspace() or char in ">+~"):
            if current:
                result.append((combinator, current))
                current, combinator, pending = "", "", " "
            if char in ">+~":
                pending = char
            continue
        if pending:
            combinator, pending = pending, ""
        current += char
    if current:
        result.append((combinator, current))
    return result


def functional_arguments(compound: str, names: tuple[str, ...]) -> tuple[str, list[list[str]]]:
    """The compound without its functional pseudo-classes, and the argument lists of ``names``."""
    outside, found, i = "", [], 0
    while i < len(compound):
        match = re.match(r":([\w-]+)\(", compound[i:])
        if not match:
            outside += compound[i]
            i += 1
            continue
        depth, j = 0, i + match.end() - 1
        while True:
            depth += {"(": 1, ")": -1}.get(compound[j], 0)
            if depth == 0:
                break
            j += 1
        if match.group(1) in names:
            found.append(split_top_level(compound[i + match.end() : j]))
        i = j + 1
    return outside, found


def compound_is_scoped(compound: str) -> bool:
    """The compound itself needs a package class: ``.rs-x``, or ``:is()``/``:where()`` whose every branch is scoped."""
    outside, groups = functional_arguments(compound, ("is", "where", "matches"))
    if re.search(r"\.rs-[\w-]", outside):
        return True
    return any(all(selector_is_scoped(argument) for argument in group) for group in groups)


def selector_is_scoped(selector: str) -> bool:
    """Only elements of the package's markup match: a scoped compound is the subject or an ancestor of it.

    ``.rs-x a`` and ``.rs-x > a + b`` are inside ``.rs-x``; ``.rs-x + a`` and ``.rs-x ~ a`` are beside it.
    """
    parts = compounds(selector)
    for index, (_, compound) in enumerate(parts):
        if not compound_is_scoped(compound):
            continue
        if index == len(parts) - 1 or parts[index + 1][0] in (" ", ">"):
            return True
    return False


def selector_problems(selector: str) -> list[str]:
    problems = []
    without_strings = re.sub(r"\[[^\]]*\]|\"[^\"]*\"|'[^']*'", "[]", selector)
    if re.search(r"(?<![\w.#:-])(html|body)(?![\w-])", without_strings):
        problems.append("targets html or body")
    if re.search(r":root\b", without_strings):
        problems.append("targets :root")
    if not selector_is_scoped(selector):
        problems.append("is not inside the package's markup (no .rs- class on the subject or an ancestor)")
    _, groups = functional_arguments(selector, ("is", "where", "matches", "not", "has"))
    if any("::" in argument for group in groups for argument in group):
        problems.append("has a pseudo-element inside :is()/:where(), which browsers drop without a word")
    return problems


def stylesheet_problems(css: str) -> list[str]:
    problems = []
    for context, prelude, body in parse_rules(strip_comments(css)):
        where = " ".join((*context, prelude))
        if prelude.startswith("@"):
            # Only named pages: an unnamed @page would set the margins of every printed host page.
            if not re.match(r"@page rs-[\w-]+$", prelude) and not prelude.startswith("@keyframes rs-"):
                problems.append(f"{where}: at-rule that reaches outside the package")
            continue
        for selector in split_top_level(prelude):
            problems.extend(f"{selector} ({where}): {problem}" for problem in selector_problems(selector))
        for prop in re.findall(r"(?<![\w-])(--rs-[\w-]+)\s*:", body):
            problems.append(f"{where}: sets the public property {prop}, which would shadow a host's value")
    return problems


def root_rules_setting_colours(css: str) -> list[str]:
    """Rules whose subject is ``.rs-root`` itself and set its text colour or background (print aside)."""
    found = []
    for context, prelude, body in parse_rules(strip_comments(css)):
        if prelude.startswith("@") or any(at.startswith("@media print") for at in context):
            continue
        for selector in split_top_level(prelude):
            subject = compounds(selector)[-1][1]
            outside, groups = functional_arguments(subject, ("is", "where"))
            names = set(re.findall(r"\.rs-[\w-]+", outside)) | {
                name for group in groups for argument in group for name in re.findall(r"^\.rs-[\w-]+$", argument)
            }
            if ".rs-root" in names and re.search(r"(?:^|[;{\s])(color|background(?:-color)?)\s*:", body):
                found.append(selector)
    return found


# The checker itself, so a green run means something -------------------------


@pytest.mark.parametrize(
    "selector",
    [
        "a",
        "body",
        "html",
        "*",
        "*::before",
        ":focus-visible",
        "h1, h2",
        "p",
        "body .rs-main",
        ".rs-page > body",
        ":root",
        ".rs-root + p",
        ".rs-card ~ a",
        ":is(.rs-root, a)",
        ":where(.rs-root, .x) img",
        ":not(.rs-root) a",
        ".dark a",
        "[data-theme='dark'] a",
        "li.rs-x + li.rs-y ~ p",
        ":where(.rs-root ::before)",
    ],
)
def test_the_checker_refuses_a_rule_outside_the_packages_markup(selector):
    assert stylesheet_problems(f"{selector} {{ color: red; }}"), selector


@pytest.mark.parametrize(
    "selector",
    [
        ".rs-root a",
        ":where(.rs-root) a:hover",
        ":where(.rs-root, .rs-root *):is(h1, h2)",
        ":where(.rs-root, .rs-root *, .rs-page *):focus-visible",
        ".rs-breadcrumb li + li::before",
        "h2.rs-heading",
        ".rs-has-exercise-sheet .rs-article__body > :not(.rs-exercise-group, .rs-exercise)",
        ':where(.dark, [data-theme="dark"]) :is(.rs-root, .rs-page)',
        ":is(.rs-root, .rs-page).rs-dark",
        ".rs-print-only[hidden]",
    ],
)
def test_the_checker_accepts_a_rule_inside_the_packages_markup(selector):
    assert stylesheet_problems(f"{selector} {{ color: red; }}") == [], selector


def test_the_checker_enters_media_and_supports_blocks_and_refuses_public_properties():
    css = """
        /* body { color: red; } is a comment */
        .rs-a { content: "}"; }
        @media (min-width: 48rem) { @supports (display: grid) { .rs-b { color: red; } img { width: 1px; } } }
        @media print { @page { margin: 1cm; } body { color: #000; } }
        .rs-root { --rs-accent: red; }
    """
    problems = stylesheet_problems(css)
    expected = [
        "img (@media (min-width: 48rem) @supports (display: grid) img): ",
        "@media print @page: ",
        "body (@media print body): ",
        "body (@media print body): ",
        ".rs-root: ",
    ]
    assert len(problems) == len(expected), problems
    assert all(problem.startswith(start) for problem, start in zip(problems, expected, strict=True)), problems
    assert "targets html or body" in problems[2] and "--rs-accent" in problems[4]
    assert root_rules_setting_colours(".rs-root { color: red; } :where(.rs-root) { background: #fff; }") == [
        ".rs-root",
        ":where(.rs-root)",
    ]


# The stylesheet ---------------------------------------------------------------


def test_every_rule_of_the_stylesheet_is_scoped_to_the_packages_markup():
    css = CSS.read_text()
    rules = parse_rules(strip_comments(css))
    assert len(rules) > 150, "the stylesheet was not read"
    assert any(context == ("@media print",) for context, _, _ in rules)
    assert any(context and context[0].startswith("@supports") for context, _, _ in rules)
    problems = stylesheet_problems(css)
    assert not problems, "\n".join(problems)


def test_the_content_root_inherits_the_hosts_text_colour_and_background():
    assert root_rules_setting_colours(CSS.read_text()) == []


def test_public_properties_are_read_with_defaults_and_documented():
    css = CSS.read_text()
    used = set(re.findall(r"var\((--rs-[\w-]+)", strip_comments(css)))
    assert {
        "--rs-accent",
        "--rs-accent-strong",
        "--rs-accent-contrast",
        "--rs-text",
        "--rs-muted",
        "--rs-surface",
        "--rs-border",
        "--rs-highlight",
        "--rs-font",
        "--rs-font-display",
        "--rs-measure",
        "--rs-radius",
        "--rs-focus",
    } <= used
    # Every property a host may set is named in the stylesheet's header and in the readers' guide.
    header = css.split("*/", 1)[0]
    guide = (Path(__file__).resolve().parents[1] / "docs" / "readers.md").read_text()
    assert [name for name in sorted(used) if name not in header] == []
    assert [name for name in sorted(used) if f"`{name}`" not in guide] == []


def test_dark_themes_follow_the_color_scheme_and_the_hosts_dark_markers():
    css = strip_comments(CSS.read_text())
    assert "light-dark(" in css and "@supports (color: light-dark(" in css
    schemes = {
        selector: re.search(r"color-scheme:\s*([\w ]+)", body).group(1).strip()
        for context, prelude, body in parse_rules(css)
        if not context and "color-scheme" in body
        for selector in split_top_level(prelude)
    }
    for marker in (".rs-dark", ".dark", '[data-theme="dark"]'):
        assert any(marker in selector and scheme == "dark" for selector, scheme in schemes.items()), marker
    for marker in (".rs-light", '[data-theme="light"]'):
        assert any(marker in selector and scheme == "light" for selector, scheme in schemes.items()), marker
    shell = [body for context, prelude, body in parse_rules(css) if prelude == ".rs-page" and "light-dark" in body]
    assert shell and "color-scheme: light dark" in shell[0] and "Canvas" in shell[0]


def test_the_print_sheet_shows_its_hidden_parts():
    rules = parse_rules(strip_comments(CSS.read_text()))
    shown = [
        (prelude, body)
        for context, prelude, body in rules
        if context == ("@media print",) and ".rs-print-only[hidden]" in prelude
    ]
    assert shown and "display: block" in shown[0][1]


# The markup -------------------------------------------------------------------


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Outline(HTMLParser):
    """Elements by depth: which ones are outermost, which sit directly in ``<main>``, which are print-only."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.stack = []
        self.outermost = []
        self.in_main = []
        self.print_only = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        element = (tag, classes, attrs)
        if self.depth == 0:
            self.outermost.append(element)
        if self.stack and self.stack[-1] == "main":
            self.in_main.append(element)
        if "rs-print-only" in classes:
            self.print_only.append(element)
        if tag not in VOID:
            self.stack.append(tag)
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            self.depth -= 1
            if self.stack.pop() == tag:
                break


def outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    parser.close()
    return parser


def assert_every_outermost_element_is_a_root(html: str, what: str) -> None:
    elements = outline(html).outermost
    assert elements, f"{what} rendered nothing: {html!r}"
    assert all("rs-root" in classes for _, classes, _ in elements), (what, html[:300])


def test_the_outline_reader_finds_a_missing_root():
    with pytest.raises(AssertionError):
        assert_every_outermost_element_is_a_root('<div class="rs-root"></div><p class="rs-x">x</p>', "two")
    assert_every_outermost_element_is_a_root('<div class="rs-root"><p>x</p><img src=""></div>', "one")


def test_every_block_and_include_template_names_the_root_class():
    templates = [*TEMPLATES.glob("blocks/*.html"), *TEMPLATES.glob("includes/*.html")]
    assert len(templates) >= 12
    # The meta tags go into <head>; the embed block is the video include.
    missing = [
        path.name
        for path in templates
        if path.name not in ("meta.html", "embed.html") and "rs-root" not in path.read_text()
    ]
    assert missing == []


@pytest.mark.django_db
def test_each_block_rendered_on_its_own_has_rs_root_on_its_outermost_element(index_page):
    muscle = MuscleGroupFactory(name="Calves")
    exercises = [ExerciseFactory(name=f"Move {n}", target_muscles=[muscle]) for n in range(2)]
    page = ArticlePageFactory(parent=index_page, title="Subject")
    other = ArticlePageFactory(parent=index_page, title="Hill repeats", hero_image=ImageFactory())
    image = ImageFactory(description="A runner lunging")
    items = {"items": [{"title": "Fewer injuries", "text": "Tendons adapt."}]}
    cases = [
        (HeadingBlock(), {"text": "Why", "level": "h2"}),
        (HeadingBlock(), {"text": "How", "level": "h3"}),
        (HeadingBlock(), {"text": "When", "level": "h4"}),
        (ParagraphBlock(), "<p>Be <b>strong</b>.</p><p>Twice.</p>"),
        (
            ContentImageBlock(),
            {"image": {"image": image.pk, "alt_text": "A lunge", "decorative": False}, "caption": "X"},
        ),
        (KeyPointsBlock(), items),
        (TipsBlock(), items),
        (QuoteBlock(), {"quote": "Pain-free.", "attribution": "A patient"}),
        (ExerciseBlock(), {"exercise": exercises[0].pk, "note": "Slowly."}),
        (ExerciseGroupBlock(), {"heading": "Routine", "exercises": [{"exercise": e.pk} for e in exercises]}),
        (CallToActionBlock(), {"heading": "Book", "button_label": "Go", "url": "https://example.com/"}),
        (VideoEmbedBlock(), "https://www.youtube.com/watch?v=abc"),
        (VideoEmbedBlock(), "https://example.com/not-a-video"),
        (RelatedPostsBlock(), {"heading": "Read next", "posts": [other.pk]}),
    ]
    for block, raw in cases:
        html = block.render(block.to_python(raw), {"page": page})
        assert_every_outermost_element_is_a_root(html, type(block).__name__)


@pytest.mark.django_db
def test_cards_rendered_on_their_own_have_rs_root(index_page):
    article = ArticlePageFactory(parent=index_page, title="Hill repeats", hero_image=ImageFactory())
    exercise = ExerciseFactory(name="Calf raise")
    cards = {
        "article_card": render_to_string("wagtail_runstrength/includes/article_card.html", {"article": article}),
        "exercise_card": render_to_string(
            "wagtail_runstrength/includes/exercise_card.html",
            {"exercise": exercise, "prescription": exercise.prescription},
        ),
    }
    for name, html in cards.items():
        assert_every_outermost_element_is_a_root(html, name)
    print_only = outline(cards["exercise_card"]).print_only
    assert print_only and all("hidden" in attrs for _, _, attrs in print_only)


@pytest.mark.django_db
def test_every_reader_page_puts_its_content_in_an_rs_root(client, site, index_page):
    muscle = MuscleGroupFactory(name="Calves")
    exercises = [ExerciseFactory(name=f"Move {n}", slug=f"move-{n}", target_muscles=[muscle]) for n in range(4)]
    article = full_article(index_page, exercises=exercises, title="The essential guide")
    article.tags.add("Running")
    article.save()
    library = ExerciseLibraryPage(title="Exercise library", slug="exercises")
    site.root_page.add_child(instance=library)
    paths = [article.url, index_page.url, f"{index_page.url}tags/", library.url, f"{library.url}move-0/"]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        content = outline(response.content.decode()).in_main
        assert content, path
        assert all("rs-root" in classes for _, classes, _ in content), (path, content)


@pytest.mark.django_db
def test_the_exercise_sheet_is_hidden_without_the_stylesheet(client, index_page):
    exercises = [ExerciseFactory(name=f"Move {n}") for n in range(3)]
    article = full_article(index_page, exercises=exercises, title="With a sheet")
    parts = outline(client.get(article.url).content.decode()).print_only
    # The label, the name and date line, the footer and a tick row on each card.
    assert len(parts) == 3 + 3
    assert all("hidden" in attrs for _, _, attrs in parts), parts


def test_every_print_only_element_in_the_templates_has_the_hidden_attribute():
    tags = [
        (path.name, tag)
        for path in TEMPLATES.rglob("*.html")
        for tag in re.findall(r"<[a-z][^>]*\brs-print-only\b[^>]*>", path.read_text())
    ]
    assert len(tags) >= 4
    assert [(name, tag) for name, tag in tags if not re.search(r"\shidden(?=[\s>])", tag)] == []
