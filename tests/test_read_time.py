import pytest

from tests.factories import ArticlePageFactory, ExerciseFactory
from wagtail_runstrength.readtime import count_words, read_time_minutes

pytestmark = pytest.mark.django_db


def words(n: int, word: str = "stride") -> str:
    return " ".join([word] * n)


def test_count_words_ignores_markup_and_punctuation():
    assert count_words(["<p>Hip <b>strength</b> matters.</p>", "Runner’s knee, calf-raise!"]) == 6


@pytest.mark.parametrize(("word_count", "minutes"), [(0, 1), (1, 1), (238, 1), (239, 2), (2380, 10)])
def test_read_time_rounds_up_and_is_never_below_one_minute(word_count, minutes):
    assert read_time_minutes(word_count, 238) == minutes


def test_read_time_counts_intro_and_every_block_including_exercise_names(index_page):
    exercise = ExerciseFactory(name=words(40, "lunge"), summary=words(40, "glute"))
    page = ArticlePageFactory(
        parent=index_page,
        title="Hills",
        intro=f"<p>{words(100)}</p>",
        body=[
            ("paragraph", f"<p>{words(100)}</p>"),
            ("key_points", {"items": [{"title": "Economy", "text": words(50)}]}),
            ("tips", {"items": [{"title": "Rest", "text": words(50)}]}),
            (
                "exercise_group",
                {"heading": "Key exercises", "exercises": [{"exercise": exercise}]},
            ),
        ],
    )
    # 1 title + 100 intro + 100 paragraph + 51 + 51 + 2 heading + 80 exercise name and summary
    assert page.word_count == 385
    assert page.read_time_minutes == 2


def test_read_time_follows_the_words_per_minute_setting(index_page, settings):
    settings.WAGTAIL_RUNSTRENGTH = {"WORDS_PER_MINUTE": 100}
    page = ArticlePageFactory(parent=index_page, title="Hills", intro=f"<p>{words(349)}</p>")
    assert page.read_time_minutes == 4


def test_read_time_is_stored_again_on_every_save_and_publish(index_page):
    page = ArticlePageFactory(parent=index_page, intro="<p>Short.</p>")
    assert page.read_time_minutes == 1
    page.intro = f"<p>{words(1000)}</p>"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.read_time_minutes == 5


def test_a_draft_revision_carries_the_fresh_read_time(index_page):
    page = ArticlePageFactory(parent=index_page, intro="<p>Short.</p>")
    page.intro = f"<p>{words(1000)}</p>"
    page.full_clean()
    revision = page.save_revision()
    assert revision.as_object().read_time_minutes == 5


def test_a_headings_level_is_not_counted_as_text(index_page):
    page = ArticlePageFactory(
        parent=index_page, title="Hills", intro="", body=[("heading", {"text": "Key exercises", "level": "h2"})]
    )
    assert page.word_count == 3  # "Hills" and "Key exercises", not the level's label "Section (h2)"
