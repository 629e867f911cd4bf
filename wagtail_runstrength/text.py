"""Plain text from rich-text HTML, for excerpts, meta descriptions, JSON-LD, feeds and word counts.

Django's ``strip_tags`` removes tags and nothing else, so ``<p>stay healthy.</p><p>Second</p>``
becomes ``stay healthy.Second``, and it leaves entities such as ``&amp;`` escaped, so a template
that escapes the result again prints ``&amp;amp;``. ``plain_text`` reads the markup with Python's
HTML parser instead.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["plain_text"]

# Elements that end a line of text where they open or close: the block-level
# elements of HTML (everything rich text, the package's blocks and pasted content
# can hold), table cells, and the void elements that break a line.
BOUNDARY_ELEMENTS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "embed",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "img",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
# Elements whose content is never text a reader sees.
HIDDEN_ELEMENTS = frozenset({"script", "style", "template", "noscript", "head", "title"})
WHITESPACE_RE = re.compile(r"\s+")


class _TextExtractor(HTMLParser):
    def __init__(self):
        # convert_charrefs: character references in text are decoded exactly once, as a browser does.
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_ELEMENTS:
            self.hidden_depth += 1
        elif tag in BOUNDARY_ELEMENTS:
            self.pieces.append(" ")

    def handle_startendtag(self, tag, attrs):
        # ``<br/>``, ``<hr/>``, ``<embed .../>``: a boundary, never the start of hidden content.
        if tag in BOUNDARY_ELEMENTS:
            self.pieces.append(" ")

    def handle_endtag(self, tag):
        if tag in HIDDEN_ELEMENTS:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in BOUNDARY_ELEMENTS:
            self.pieces.append(" ")

    def handle_data(self, data):
        if not self.hidden_depth:
            self.pieces.append(data)


def plain_text(html: object) -> str:
    """The text a reader sees in ``html``, on one line, for places that take plain text.

    - Block boundaries (paragraphs, headings, list items, quotes, ``<br>``, table cells and
      rows, …) become a space, so the words either side never run together:
      ``<p>stay healthy.</p><p>Second</p>`` gives ``stay healthy. Second``. Inline elements
      (``<b>``, ``<a>``, ``<span>``…) add nothing: ``<b>Bold</b>ly`` gives ``Boldly``.
    - Character references are decoded once: ``Tom &amp; Jerry`` gives ``Tom & Jerry``, and
      ``&amp;lt;`` gives the text ``&lt;``.
    - Comments and the content of ``<script>``, ``<style>`` and the like are left out.
    - Runs of whitespace (non-breaking spaces included) become one space; the ends are trimmed.

    The result is plain text, not markup: it is a ``str``, never marked safe, and whoever
    puts it into HTML or XML escapes it once (Django's templates, ``format_html``,
    ``json_ld_script`` and the feed generators all do). ``None`` gives ``""``; any other
    value is read as its ``str()`` (a ``RichText`` value gives its source).
    """
    if html is None:
        return ""
    source = getattr(html, "source", html)
    parser = _TextExtractor()
    parser.feed(str(source))
    parser.close()
    return WHITESPACE_RE.sub(" ", "".join(parser.pieces)).strip()
