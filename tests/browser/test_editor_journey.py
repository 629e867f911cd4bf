"""An editor's whole journey in real headless Chromium: library exercise, article, preview, publish, read.

The test drives Wagtail 8's admin as a person would: it logs in, adds an
exercise with a photo uploaded through the image chooser, builds an article
from blocks in the StreamField editor (choosing exercises and a related article
through chooser modals), previews it, publishes it and reads the published
page. Screenshots of each step land in ``test-artifacts/`` for people to look at
(the editor's guide in ``docs/editors.md`` uses copies of them).

Selectors lean on what an editor sees (button labels, option names, aria
labels) and on the field names Wagtail derives from block names
(``body-<n>-value-<child>``), which are stable.
"""

import io
import re

import pytest
from django.conf import settings
from django.urls import path
from django.views.static import serve
from PIL import Image

from tests.factories import ArticlePageFactory, ExerciseFactory, ImageFactory
from tests.urls import urlpatterns as host_urlpatterns
from wagtail_runstrength.models import ArticlePage, ExerciseSnippet, MuscleGroup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# The test host's URLs plus uploaded media, so the browser can load the photos.
urlpatterns = [path("media/<path:path>", serve_media), *host_urlpatterns]


def photo(key: str, label: str) -> bytes:
    """A 1200 x 800 PNG of the example site's drawing ``key``; a plain green one if the drawings are unavailable."""
    try:
        from example_project.clinic.demo.illustrations import draw

        image = Image.open(io.BytesIO(draw(key, label, "#dfeee9", "#2a7f75")))
    except (ImportError, KeyError):
        image = Image.new("RGB", (1200, 800), "#2a7f75")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


# The "+" buttons between the top-level blocks of the article body.
ADD_BLOCK = "button.c-sf-add-button"


class Editor:
    """Small verbs for driving the Wagtail admin, so the test reads as the journey it is."""

    def __init__(self, page, base_url: str, artifacts):
        self.page = page
        self.base_url = base_url
        self.artifacts = artifacts
        page.set_default_timeout(15_000)

    def open(self, url: str) -> None:
        self.page.goto(self.base_url + url)
        self.page.wait_for_load_state("networkidle")

    def screenshot(self, name: str, **kwargs) -> None:
        self.page.screenshot(path=self.artifacts / f"editor-{name}.png", **kwargs)

    def log_in(self, username: str, password: str) -> None:
        self.open("/admin/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url("**/admin/")

    def choose_in_modal(self, name: str) -> None:
        modal = self.modal()
        modal.locator("[data-chooser-modal-choice]", has_text=name).first.click()
        modal.wait_for(state="hidden")

    def modal(self):
        return self.page.locator("div.modal[role=dialog]")

    def publish(self) -> None:
        self.page.get_by_role("button", name="More actions").click()
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Publish").click()
        self.page.wait_for_load_state("networkidle")

    # StreamField

    def add_block(self, label: str, *, screenshot_preview: str = "") -> int:
        """Append a block to the article body through the block picker; return its index.

        With ``screenshot_preview``, first open the block's preview in the picker and save a screenshot.
        """
        index = int(self.page.locator("input[name=body-count]").input_value())
        self.page.locator(f"#body-root > [data-streamfield-stream-container] > div > {ADD_BLOCK}").last.click()
        option = self.page.get_by_role("option", name=label, exact=True)
        if screenshot_preview:
            row = self.page.locator(".w-combobox__option-row", has=option)
            row.get_by_role("button", name="Preview").click()
            self.page.frame_locator(".w-combobox-preview__iframe").locator(".rs-preview").wait_for()
            self.page.wait_for_timeout(500)  # the preview iframe scales its content after loading
            self.screenshot(screenshot_preview)
        option.click()
        self.page.locator(f"input[name=body-{index}-type]").wait_for(state="attached")
        return index

    def field(self, name: str):
        return self.page.locator(f"[name='{name}']")

    def append_list_item(self, prefix: str) -> None:
        """Add an item at the end of the list block whose fields start with ``prefix``."""
        self.page.locator(f"div:has(> input[name='{prefix}-count'])").locator(
            "[data-streamfield-list-add]"
        ).last.click()

    def fill_items(self, prefix: str, items) -> None:
        """Fill a list of lead-in + text items, adding list items as needed (the first one exists already)."""
        for position, (title, text) in enumerate(items):
            if position:
                self.append_list_item(prefix)
            self.field(f"{prefix}-{position}-value-title").fill(title)
            self.field(f"{prefix}-{position}-value-text").fill(text)

    def choose_exercise(self, prefix: str, name: str, *, muscle: str = "", screenshot: str = "") -> None:
        """Pick an exercise in the chooser modal, optionally narrowing the list to one target muscle first."""
        chooser = self.page.locator(f"#{prefix}-chooser")
        chooser.get_by_role("button", name="Choose exercise").click()
        choices = self.modal().locator("[data-chooser-modal-choice]")
        choices.filter(has_text=name).wait_for()
        if muscle:
            self.modal().get_by_label("Target muscle").select_option(label=muscle)
            self.page.wait_for_function(
                "count => document.querySelectorAll('div.modal [data-chooser-modal-choice]').length === count",
                arg=1,
            )
            assert choices.inner_text().strip() == name
        if screenshot:
            # Let the modal finish fading in.
            self.page.wait_for_function(
                "getComputedStyle(document.querySelector('div.modal[role=dialog]')).opacity === '1'"
            )
            self.screenshot(screenshot)
        self.choose_in_modal(name)


@pytest.fixture
def journey(live_server, browser_page, artifacts_dir, admin_user, index_page, settings):
    settings.ROOT_URLCONF = __name__
    glutes = MuscleGroup.objects.get(slug="glute-medius")
    ExerciseFactory(
        name="Side hip abduction",
        summary="Steadies the pelvis on every stride.",
        image=ImageFactory(
            title="Side hip abduction",
            description="A runner lying on their side, lifting the top leg",
            file__from_file=io.BytesIO(photo("side-hip-abduction", "Side hip abduction")),
            file__filename="side-hip-abduction.png",
        ),
        target_muscles=[glutes],
        reps=15,
        per_side=True,
    )
    ArticlePageFactory(
        parent=index_page,
        title="Hill sprints for stronger legs",
        intro="<p>Short, steep efforts build power without the pounding of track work.</p>",
        hero_image=ImageFactory(
            title="Trail runner",
            file__from_file=io.BytesIO(photo("trail-runner", "")),
            file__filename="trail-runner.png",
        ),
    )
    editor = Editor(browser_page, live_server.url, artifacts_dir)
    editor.log_in(admin_user.username, "password")
    return editor, index_page


def test_editor_builds_previews_and_publishes_an_article(journey, tmp_path):
    editor, index_page = journey
    page = editor.page

    # 1. An exercise for the library, with a photo uploaded through the image chooser.
    editor.open("/admin/snippets/wagtail_runstrength/exercisesnippet/add/")
    page.locator("#id_name").fill("Lateral step up")
    page.locator("#id_summary").fill("Builds single-leg strength for a stable stance.")
    page.get_by_role("button", name="Choose an image").click()
    page.get_by_role("tab", name="Upload").click()
    upload = tmp_path / "lateral-step-up.png"
    upload.write_bytes(photo("lateral-step-up", "Lateral step up"))
    page.locator("#id_image-chooser-upload-file").set_input_files(upload)
    page.locator("#id_image-chooser-upload-title").fill("Lateral step up")
    page.locator("#id_image-chooser-upload-description").fill("A runner stepping sideways onto a low box")
    page.get_by_role("button", name="Upload").click()
    editor.modal().wait_for(state="hidden")
    page.locator("#id_target_muscles").select_option(label=["Gluteus medius", "Quadriceps"])
    page.locator("#id_difficulty").select_option("intermediate")
    page.locator("#id_equipment").select_option("step_or_box")
    page.locator("#id_sets").fill("3")
    page.locator("#id_reps").fill("10")
    page.locator("#id_per_side").check()
    page.locator("#id_summary").evaluate("field => field.scrollIntoView({block: 'start'})")
    editor.screenshot("exercise")
    editor.publish()
    editor.screenshot("library")
    # "created and published", or "updated and published" when autosave got there first.
    assert re.search(
        r"Exercise 'Lateral step up' (created|updated) and published", page.locator(".messages").inner_text()
    )
    step_up = ExerciseSnippet.objects.get(name="Lateral step up")
    assert step_up.live and step_up.alt_text == "A runner stepping sideways onto a low box"

    # 2. An article under the blog index, built from blocks.
    editor.open(f"/admin/pages/add/wagtail_runstrength/articlepage/{index_page.pk}/")
    page.locator("#id_title").fill("Strength training for runners")
    page.locator("[data-contentpath=intro] [contenteditable=true]").click()
    page.keyboard.type("Two short sessions a week make every run feel easier.")

    heading = editor.add_block("Heading")
    editor.field(f"body-{heading}-value-text").fill("Why strength training helps runners")

    points = editor.add_block("Key points")
    editor.fill_items(
        f"body-{points}-value-items",
        [
            ("Fewer injuries", "Stronger tendons and muscles tolerate the load of each stride."),
            ("Better running economy", "A stronger leg wastes less energy on every step."),
        ],
    )

    group = editor.add_block("Exercise group", screenshot_preview="block-picker")
    editor.field(f"body-{group}-value-heading").fill("Key exercises")
    editor.choose_exercise(f"body-{group}-value-exercises-0-value-exercise", "Lateral step up", muscle="Quadriceps")
    editor.append_list_item(f"body-{group}-value-exercises")
    editor.choose_exercise(
        f"body-{group}-value-exercises-1-value-exercise", "Side hip abduction", screenshot="exercise-chooser"
    )

    tips = editor.add_block("Tips")
    editor.fill_items(
        f"body-{tips}-value-items",
        [
            ("Two or three sessions a week", "Leave a day between sessions and your hard runs."),
            ("Start light", "Add load only when every rep feels controlled."),
        ],
    )

    cta = editor.add_block("Call to action")
    editor.field(f"body-{cta}-value-heading").fill("Ready to run stronger?")
    editor.field(f"body-{cta}-value-text").fill("Our physical therapists build strength plans around your training.")
    editor.field(f"body-{cta}-value-button_label").fill("Book an assessment")
    editor.field(f"body-{cta}-value-url").fill("https://example.com/book/")

    related = editor.add_block("Related posts")
    if editor.field(f"body-{related}-value-posts-count").input_value() == "0":
        editor.append_list_item(f"body-{related}-value-posts")
    page.locator(f"#body-{related}-value-posts-0-value-chooser").get_by_role("button", name="Choose a page").click()
    editor.modal().get_by_role("link", name="Hill sprints for stronger legs").click()
    editor.modal().wait_for(state="hidden")

    page.locator(f"#body-{group}-value-heading").evaluate("field => field.scrollIntoView({block: 'start'})")
    editor.screenshot("article")

    # 3. Preview in the side panel.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.get_by_role("heading", name="Strength training for runners", level=1).wait_for()
    cards = preview.get_by_role("heading", name="Key exercises")
    cards.evaluate("heading => heading.scrollIntoView({block: 'start'})")
    assert preview.get_by_role("heading", name="Lateral step up").is_visible()
    editor.screenshot("preview")
    page.get_by_role("button", name="Toggle preview").click()

    # 4. Publish, and read the published page as a reader would.
    editor.publish()
    article = ArticlePage.objects.get(title="Strength training for runners")
    assert article.live
    assert [block.block_type for block in article.body] == [
        "heading",
        "key_points",
        "exercise_group",
        "tips",
        "call_to_action",
        "related_posts",
    ]
    assert set(article.exercises.values_list("name", flat=True)) == {"Lateral step up", "Side hip abduction"}

    editor.open(article.url)
    assert page.get_by_role("heading", level=1).inner_text() == "Strength training for runners"
    for text in [
        "Why strength training helps runners",
        "Fewer injuries",
        "Key exercises",
        "Lateral step up",
        "Side hip abduction",
        "Start light",
        "Hill sprints for stronger legs",
    ]:
        assert page.get_by_text(text, exact=False).first.is_visible(), text
    assert page.get_by_role("link", name="Book an assessment").get_attribute("href") == "https://example.com/book/"
    assert page.get_by_role("img", name="A runner stepping sideways onto a low box").is_visible()
    editor.screenshot("published", full_page=True)
