"""The package's pages work under a Content-Security-Policy without ``unsafe-inline``, and the example sends one.

Markup checks: no reader page (nor the headless preview page) carries a
``style`` attribute, an ``on…`` handler, a ``javascript:`` address or an inline
script other than JSON data blocks, which CSP does not run.
``tests/browser/test_csp.py`` checks the same pages in Chromium under the
example's production policy. The rest tests the example's middleware
(``example_project/clinic_site/csp.py``).
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

import wagtail_runstrength
from tests.factories import ArticlePageFactory, ExerciseFactory, MuscleGroupFactory
from tests.test_host_landing_page import every_block
from tests.test_preview_headers import post_preview
from wagtail_runstrength.models import ExerciseLibraryPage

REPO = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = [
    Path(wagtail_runstrength.__file__).parent / "templates",
    REPO / "example_project" / "clinic" / "templates",
]
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP (no ``unsafe-inline``) would block or what runs script from markup."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._script_type: str | None = None
        self.data_scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name == "style":
                self.found.append(f"<{tag} style={value!r}>")
            elif name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            elif name in {"href", "src", "action", "formaction"} and re.match(
                r"\s*javascript:", value or "", re.IGNORECASE
            ):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and "src" not in attributes:
            self._script_type = (attributes.get("type") or "text/javascript").lower()
        if tag == "style":
            self.found.append("<style> element")

    def handle_data(self, data):
        if self._script_type is None:
            return
        if self._script_type in DATA_SCRIPT_TYPES:
            self.data_scripts.append(data)
        elif data.strip():
            self.found.append(f"inline <script type={self._script_type!r}>: {data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_type = None


def inline_code(html: str) -> InlineCodeFinder:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder


@pytest.fixture
def reader_pages(site, index_page):
    """An article with every block, the index, the library and an exercise page with a video."""
    muscle = MuscleGroupFactory(name="Calves")
    exercise = ExerciseFactory(
        name="Calf raise",
        slug="calf-raise",
        target_muscles=[muscle],
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
        instructions=[("step", "Rise slowly.")],
        coaching_cues="Tall\nSlow",
        safety_notes="Stop if it hurts.",
    )
    group = [ExerciseFactory(name="Split squat"), ExerciseFactory(name="Side plank")]
    other = ArticlePageFactory(parent=index_page, title="Warm-up")
    from tests.factories import ImageFactory

    article = ArticlePageFactory(
        parent=index_page,
        title="Every block",
        body=every_block(
            exercise=exercise,
            group=group,
            image=ImageFactory(),
            picks=[other],
            cta_page=index_page,
            link_target=other,
        ),
    )
    library = ExerciseLibraryPage(title="Exercises", slug="exercises")
    site.root_page.add_child(instance=library)
    return {"article": article.url, "index": "/blog/", "library": "/exercises/", "exercise": "/exercises/calf-raise/"}


def test_reader_pages_have_no_inline_styles_scripts_or_handlers(client, reader_pages):
    found = {}
    for name, path in reader_pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        finder = inline_code(response.content.decode())
        if finder.found:
            found[name] = finder.found
    assert not found


def test_the_only_inline_script_on_an_article_is_its_json_ld_data(client, reader_pages):
    finder = inline_code(client.get(reader_pages["article"]).content.decode())
    assert finder.data_scripts and not finder.found


def test_headless_preview_page_has_no_inline_styles(admin_client, index_page):
    page = ArticlePageFactory(parent=index_page, live=False)
    url = post_preview(admin_client, page, ExerciseFactory())
    response = admin_client.get(url, {"mode": "headless"})
    assert response.status_code == 200 and "Headless preview" in response.content.decode()
    assert not inline_code(response.content.decode()).found


def test_admin_preview_of_an_article_has_no_inline_code(admin_client, index_page):
    """An editor's preview renders the reader template: what readers get, previewed under the same rules."""
    page = ArticlePageFactory(parent=index_page, live=False)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = nested_form_data({"title": "Draft", "slug": page.slug, "intro": rich_text("<p>Hi</p>"), "body-count": 0})
    assert admin_client.post(url, data).json()["is_valid"]
    html = admin_client.get(url).content.decode()
    # The userbar's own markup is Wagtail's; only the page's document is ours.
    document = html.split("<!-- Wagtail user bar embed code -->")[0]
    assert not inline_code(document).found


@pytest.mark.parametrize("template", sorted(str(path) for d in TEMPLATE_DIRS for path in d.rglob("*.html")))
def test_no_template_writes_a_style_attribute_or_an_inline_script(template):
    source = Path(template).read_text()
    assert not re.search(r"\sstyle\s*=", source), template
    assert not re.search(r"\son[a-z]+\s*=", source), template
    for match in re.finditer(r"<script\b([^>]*)>", source):
        attributes = match.group(1)
        assert "src=" in attributes or any(kind in attributes for kind in DATA_SCRIPT_TYPES), (template, match[0])


# The example's middleware ----------------------------------------------------


@pytest.fixture
def csp(monkeypatch):
    monkeypatch.syspath_prepend(str(REPO / "example_project"))
    from clinic_site import csp

    return csp


def respond(csp, path: str, response: HttpResponse | None = None) -> HttpResponse:
    middleware = csp.ContentSecurityPolicyMiddleware(lambda request: response or HttpResponse("ok"))
    return middleware(RequestFactory().get(path))


def test_middleware_picks_the_first_policy_whose_prefix_matches(csp, settings):
    settings.CONTENT_SECURITY_POLICIES = [
        ("/admin/", {"script-src": ["'self'", "'unsafe-inline'"]}),
        ("/", {"default-src": ["'self'"], "object-src": ["'none'"]}),
    ]
    assert respond(csp, "/admin/pages/")["Content-Security-Policy"] == "script-src 'self' 'unsafe-inline'"
    assert respond(csp, "/blog/")["Content-Security-Policy"] == "default-src 'self'; object-src 'none'"


def test_middleware_sends_nothing_without_the_setting_or_for_unmatched_paths(csp, settings):
    assert "Content-Security-Policy" not in respond(csp, "/blog/")
    settings.CONTENT_SECURITY_POLICIES = [("/admin/", {"default-src": ["'self'"]})]
    assert "Content-Security-Policy" not in respond(csp, "/blog/")


def test_middleware_keeps_a_policy_the_view_set(csp, settings):
    settings.CONTENT_SECURITY_POLICIES = [("/", {"default-src": ["'self'"]})]
    own = HttpResponse("ok", headers={"Content-Security-Policy": "default-src 'none'"})
    assert respond(csp, "/feed/", own)["Content-Security-Policy"] == "default-src 'none'"


def test_reader_policy_allows_no_inline_code_and_only_the_two_video_players(csp):
    policy = csp.reader_policy()
    for directive in ("script-src", "style-src"):
        assert policy[directive] == ["'self'"], directive
    assert policy["frame-src"] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    assert policy["object-src"] == ["'none'"]
    # Not 'none': the admin's preview panel frames the reader page, under the reader policy.
    assert policy["frame-ancestors"] == ["'self'"]
    assert not any("*" in source or source == "data:" for sources in policy.values() for source in sources)


def test_reader_policy_allows_static_files_and_media_on_a_cdn(csp):
    policy = csp.reader_policy("https://static.example/assets/", "https://media.example/")
    assert policy["script-src"] == ["'self'", "https://static.example"]
    assert policy["img-src"] == ["'self'", "https://static.example", "https://media.example"]


def test_api_policy_allows_inline_styles_but_no_inline_scripts(csp):
    policy = csp.api_policy()
    assert "'unsafe-inline'" in policy["style-src"] and policy["script-src"] == ["'self'"]
