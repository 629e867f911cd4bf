"""The reader pages in real headless Chromium: axe-core finds nothing, focus shows, headings are in order.

Every test builds a small clinic site with factories (a full-structure article
like ``tests/test_article_page.py``'s, related articles, an exercise library
with a video) and serves it with pytest-django's ``live_server``. axe-core comes
from npm (``make axe``, run by ``make test``); when it is missing, the session
fixture installs it, or skips these tests with the reason when npm is absent.
Screenshots land in ``test-artifacts/`` for people to look at.
"""

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.urls import path as url_path
from django.views.static import serve

from tests.factories import (
    ArticleCategoryFactory,
    ArticlePageFactory,
    ClinicianFactory,
    ExerciseFactory,
    ImageFactory,
    MuscleGroupFactory,
)
from tests.test_article_page import full_article
from tests.test_host_landing_page import every_block
from tests.testapp.models import LandingPage
from tests.urls import urlpatterns as host_urlpatterns
from wagtail_runstrength.models import ExerciseLibraryPage, RunStrengthSettings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.urls(__name__),
]

# Keep in step with AXE_VERSION in the Makefile.
AXE_VERSION = "4.14.1"
AXE_DIR = Path(__file__).resolve().parent / ".axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"phone": 390, "desktop": 1280}


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def dark_host_page(request, variant, pk):
    """A landing page's blocks in a host's own dark base template, not the package's shell."""
    page = get_object_or_404(LandingPage, pk=pk).specific
    return render(request, "runstrength_testapp/dark_host_page.html", {"page": page, "variant": variant})


# The test host's URLs plus uploaded media, so the browser loads the renditions.
urlpatterns = [
    url_path("media/<path:path>", serve_media),
    url_path("dark-host/<str:variant>/<int:pk>/", dark_host_page),
    *host_urlpatterns,
]


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE_JS.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("accessibility tests skipped: axe-core is not installed and npm is missing (run `make axe`)")
        subprocess.run(
            [
                npm,
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(AXE_DIR),
                f"axe-core@{AXE_VERSION}",
            ],
            check=True,
            timeout=300,
        )
    return AXE_JS


def photo(description: str):
    return ImageFactory(description=description, file__width=960, file__height=640, file__color="#4a7f9a")


@pytest.fixture
def reader_site(site, index_page):
    """A clinic site with every kind of reader page; returns their paths by name."""
    RunStrengthSettings.objects.create(site=site, clinic_name="Northside Running Clinic")
    calves = MuscleGroupFactory(name="Lower legs")
    hips = MuscleGroupFactory(name="Side hips")
    exercises = [
        ExerciseFactory(
            name=name,
            slug=slug,
            image=photo(f"A person doing a {name.lower()}"),
            target_muscles=[calves, hips],
            instructions=[("step", "Stand tall."), ("step", "Move slowly and with control.")],
            coaching_cues="Knee over toes\nStay tall",
            safety_notes="Stop if it hurts.",
            video_url="https://www.youtube.com/watch?v=abcdefghijk" if n == 0 else "",
        )
        for n, (name, slug) in enumerate(
            [
                ("Squat to calf raise", "squat-to-calf-raise"),
                ("Bulgarian split lunge", "bulgarian-split-lunge"),
                ("Side hip abduction", "side-hip-abduction"),
                ("Lateral step up", "lateral-step-up"),
            ]
        )
    ]
    exercises[3].regressions.set([exercises[2]])
    exercises[3].progressions.set([exercises[1]])
    exercises[3].save()
    category = ArticleCategoryFactory(name="Athletic Performance")
    related = []
    for title in ("A two-minute warm-up", "Choosing trail shoes", "Back pain and golf"):
        card = ArticlePageFactory(
            parent=index_page, title=title, category=category, hero_image=photo(""), excerpt=f"About {title}."
        )
        card.tags.add("running")
        card.save()
        related.append(card)
    article = full_article(
        index_page,
        exercises=exercises,
        related_picks=related,
        title="The essential guide to strength training for runners",
        excerpt="Why runners lift, the four moves to start with and how to fit them in.",
        hero_image=photo("A runner mid-stride on a sunny road"),
        hero_caption="Two short sessions a week are enough.",
        category=category,
        author=ClinicianFactory(name="Maya Okafor", credentials="PT, DPT"),
        reviewer=ClinicianFactory(name="Daniel Reyes", credentials="DPT, OCS"),
        last_reviewed=datetime.date(2026, 10, 1),
    )
    article.tags.add("Running", "Knee")
    article.save()
    library = ExerciseLibraryPage(title="Exercise library", slug="exercises", intro="<p>How to do each move.</p>")
    site.root_page.add_child(instance=library)
    return {
        "home": "/",
        "index": "/blog/",
        "article": article.url,
        "exercise": "/exercises/lateral-step-up/",
        "library": "/exercises/",
    }


@pytest.fixture
def open_page(chromium, live_server):
    """Open a path at a width; requests leaving the live server are refused, as a reader's privacy would want."""
    contexts = []

    def open_(path: str, width: int, color_scheme: str = "light"):
        context = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=color_scheme)
        context.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())
        contexts.append(context)
        page = context.new_page()
        page.goto(live_server.url + path, wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()


def load_lazy_images(page) -> None:
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 400) {
                window.scrollTo(0, y);
                await new Promise(resolve => setTimeout(resolve, 60));
            }
            window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_load_state("networkidle")


def axe_violations(page, axe_script: Path) -> list[str]:
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_reader_pages_have_no_axe_violations(open_page, reader_site, axe_script, artifacts_dir, width):
    found = {}
    for name, path in reader_site.items():
        page = open_page(path, width)
        load_lazy_images(page)
        page.screenshot(path=artifacts_dir / f"reader-{name}-{width}.png", full_page=True)
        violations = axe_violations(page, axe_script)
        if violations:
            found[f"{name} ({path})"] = violations
    assert not found, "\n".join(f"{page}:\n  " + "\n  ".join(items) for page, items in found.items())


def test_headings_are_in_order_and_every_image_has_alt_text_or_is_decorative(open_page, reader_site):
    for name, path in reader_site.items():
        page = open_page(path, WIDTHS["desktop"])
        levels = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "hs => hs.map(h => Number(h.tagName[1]))")
        assert levels[0] == 1 and levels.count(1) == 1, (name, levels)
        jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert not jumps, (name, levels)
        images = page.eval_on_selector_all("img", "imgs => imgs.map(i => [i.getAttribute('alt'), i.currentSrc])")
        assert all(alt is not None for alt, _ in images), (name, images)
    article = open_page(reader_site["article"], WIDTHS["desktop"])
    alts = article.eval_on_selector_all(".rs-exercise-card img", "imgs => imgs.map(i => i.alt)")
    assert len(alts) == 4 and all(alt.startswith("A person doing") for alt in alts)


def test_keyboard_focus_is_always_visible_and_on_screen(open_page, reader_site):
    for name in ("article", "library", "exercise"):
        page = open_page(reader_site[name], WIDTHS["phone"])
        page.keyboard.press("Tab")
        skip = page.evaluate(
            "() => [document.activeElement.textContent, document.activeElement.getBoundingClientRect().top]"
        )
        assert skip[0] == "Skip to content" and skip[1] >= 0
        for _ in range(20):
            page.keyboard.press("Tab")
            state = page.evaluate(
                """() => {
                    const el = document.activeElement;
                    const shown = node => {
                        const style = getComputedStyle(node);
                        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
                    };
                    const card = el.closest('.rs-card');
                    const box = el.getBoundingClientRect();
                    return {
                        tag: el.tagName, text: el.textContent.trim().slice(0, 40),
                        visible: shown(el) || (card !== null && shown(card)),
                        onScreen: box.bottom > 0 && box.top < window.innerHeight,
                    };
                }"""
            )
            if state["tag"] == "BODY":
                break
            assert state["visible"], (name, state)
            assert state["onScreen"], (name, state)


def test_pages_reflow_at_320_pixels_without_sideways_scrolling(open_page, reader_site):
    for name, path in reader_site.items():
        page = open_page(path, 320)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, name


def test_video_loads_its_player_only_when_asked(open_page, reader_site):
    page = open_page("/exercises/squat-to-calf-raise/", WIDTHS["desktop"])
    assert page.locator("iframe").count() == 0
    page.get_by_role("link", name=re.compile("Play video")).click()
    iframe = page.locator(".rs-video iframe")
    assert iframe.get_attribute("title") == "Demonstration of Squat to calf raise"
    assert "autoplay=1" in iframe.get_attribute("src")
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"


def test_article_prints_as_a_one_page_exercise_sheet(open_page, reader_site, artifacts_dir):
    page = open_page(reader_site["article"], WIDTHS["desktop"])
    load_lazy_images(page)
    assert page.get_by_role("button", name="Print the exercises as a one-page sheet").is_visible()
    page.emulate_media(media="print")
    page.screenshot(path=artifacts_dir / "reader-article-print.png", full_page=True)
    assert page.locator(".rs-exercise-card").evaluate_all("cards => cards.filter(c => c.offsetParent).length") == 4
    assert page.locator(".rs-related").is_hidden() and page.locator(".rs-key-points").is_hidden()
    pdf = page.pdf(format="A4")
    (artifacts_dir / "reader-exercise-sheet.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


# Dark themes -------------------------------------------------------------------

# How a reader's page turns dark: the system setting (the shell declares color-scheme: light dark),
# or a dark marker a host's theme switch puts on <html>.
DARK_MODES = {
    "system": {"color_scheme": "dark", "marker": None},
    "dark-class": {"color_scheme": "light", "marker": "document.documentElement.classList.add('dark')"},
    "data-theme": {"color_scheme": "light", "marker": "document.documentElement.dataset.theme = 'dark'"},
}

LUMINANCE = """(css) => {
    const probe = document.createElement('span');
    probe.style.color = css;
    document.body.appendChild(probe);
    const rgb = getComputedStyle(probe).color.match(/[\\d.]+/g).slice(0, 3).map(Number);
    probe.remove();
    const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""


def luminance(page, css_colour: str) -> float:
    return page.evaluate(LUMINANCE, css_colour)


def computed(page, selector: str, prop: str) -> str:
    return page.eval_on_selector(selector, f"el => getComputedStyle(el).getPropertyValue('{prop}')")


def open_dark(open_page, path: str, width: int, mode: str):
    options = DARK_MODES[mode]
    page = open_page(path, width, color_scheme=options["color_scheme"])
    if options["marker"]:
        page.evaluate(options["marker"])
    return page


@pytest.mark.parametrize("mode", DARK_MODES, ids=DARK_MODES.keys())
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_reader_pages_in_a_dark_theme_are_dark_and_have_no_axe_violations(
    open_page, reader_site, axe_script, artifacts_dir, width, mode
):
    found = {}
    for name, path in reader_site.items():
        page = open_dark(open_page, path, width, mode)
        load_lazy_images(page)
        page.screenshot(path=artifacts_dir / f"reader-{name}-{width}-dark-{mode}.png", full_page=True)
        # Really dark: a dark page behind light text, and a light accent on the links.
        assert luminance(page, computed(page, "body", "background-color")) < 0.05, (name, mode)
        assert luminance(page, computed(page, "h1", "color")) > 0.6, (name, mode)
        if page.locator(".rs-root a").count():
            assert luminance(page, computed(page, ".rs-root a:not(.rs-button)", "color")) > 0.3, (name, mode)
        violations = axe_violations(page, axe_script)
        if violations:
            found[f"{name} ({path}, {mode})"] = violations
    assert not found, "\n".join(f"{page}:\n  " + "\n  ".join(items) for page, items in found.items())


def test_rs_light_and_a_light_data_theme_keep_the_light_colours_in_a_dark_system(open_page, reader_site):
    for marker in (
        "document.documentElement.classList.add('rs-light')",
        "document.documentElement.dataset.theme = 'light'",
        "document.documentElement.classList.add('dark'); document.body.classList.add('rs-light')",
    ):
        page = open_page(reader_site["article"], WIDTHS["desktop"], color_scheme="dark")
        assert luminance(page, computed(page, "body", "background-color")) < 0.05
        page.evaluate(marker)
        assert computed(page, "body", "background-color") == "rgb(255, 255, 255)", marker
        assert computed(page, ".rs-article__category", "color") == "rgb(11, 92, 171)", marker
    # rs-dark on the content alone: the article turns dark inside a light page.
    page = open_page(reader_site["article"], WIDTHS["desktop"])
    page.evaluate("document.querySelector('.rs-article').classList.add('rs-dark')")
    assert computed(page, ".rs-article__category", "color") == "rgb(140, 196, 255)"


def test_a_hosts_accent_on_root_wins_in_light_and_dark(open_page, reader_site):
    for scheme in ("light", "dark"):
        page = open_page(reader_site["article"], WIDTHS["desktop"], color_scheme=scheme)
        page.add_style_tag(content=":root { --rs-accent: rgb(122, 46, 140); }")
        assert computed(page, ".rs-article__category", "color") == "rgb(122, 46, 140)", scheme
        assert computed(page, ".rs-toc a", "color") == "rgb(122, 46, 140)", scheme


@pytest.fixture
def host_landing(reader_site, index_page):
    """A host's landing page with one of every block, to show inside the host's own dark template."""
    muscle = MuscleGroupFactory(name="Calves")
    single = ExerciseFactory(name="Eccentric calf raise", slug="eccentric-calf-raise", target_muscles=[muscle])
    group = [ExerciseFactory(name="Split squat", slug="split-squat"), ExerciseFactory(name="Side plank", slug="plank")]
    picks = list(index_page.get_children().live().specific()[:2])
    landing = LandingPage(
        title="Spring running clinic",
        slug="spring",
        body=every_block(
            exercise=single,
            group=group,
            image=photo("A runner lunging on a trail"),
            picks=picks,
            cta_page=index_page,
            link_target=picks[0],
        ),
    )
    index_page.get_parent().add_child(instance=landing)
    return landing


HOST_MODES = {"data-theme": "light", "class": "light", "system": "dark"}


@pytest.mark.parametrize("variant", HOST_MODES, ids=HOST_MODES.keys())
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_blocks_in_a_hosts_dark_template_inherit_its_light_text_and_pass_axe(
    open_page, host_landing, axe_script, artifacts_dir, width, variant
):
    page = open_page(f"/dark-host/{variant}/{host_landing.pk}/", width, color_scheme=HOST_MODES[variant])
    load_lazy_images(page)
    page.screenshot(path=artifacts_dir / f"host-dark-{variant}-{width}.png", full_page=True)
    assert page.title() == "Spring running clinic | Host bakery", page.content()[:500]
    # The stylesheet leaves the host's page alone: its background, margin, font and links.
    assert computed(page, "body", "background-color") == "rgb(17, 22, 29)"
    assert computed(page, "body", "margin-top") == "0px"
    assert "Georgia" in computed(page, "body", "font-family")
    assert computed(page, ".host-brand", "color") == "rgb(255, 210, 155)"
    # Every block is there, and its text is the host's light ink, not the package's dark text.
    assert page.locator(".rs-root").count() >= 12
    for selector in (".rs-prose p", ".rs-key-points li", ".rs-tips li", ".rs-quote blockquote", ".rs-card__title"):
        assert computed(page, selector, "color") == "rgb(241, 244, 248)", selector
    # No block paints a light box behind that text.
    for selector in (".rs-tips", ".rs-cta", ".rs-card", ".rs-exercise-group", ".rs-related"):
        background = computed(page, selector, "background-color")
        assert background == "rgba(0, 0, 0, 0)" or luminance(page, background) < 0.1, (selector, background)
    assert luminance(page, computed(page, ".rs-prose a", "color")) > 0.3
    violations = axe_violations(page, axe_script)
    assert not violations, "\n".join(violations)
