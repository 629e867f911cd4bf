import ast
import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from wagtail_runstrength.conf import DEFAULTS, check_settings, get_setting

README = Path(__file__).resolve().parent.parent / "README.md"


def documented_defaults() -> dict:
    """The defaults the README's settings table gives readers, by key."""
    rows = re.findall(r"^\| `([A-Z_]+)` \| `([^`]+)` \|", README.read_text(), re.MULTILINE)
    return {key: ast.literal_eval(default) for key, default in rows}


@pytest.mark.parametrize("dict_value", ["absent", {}])
def test_every_key_has_a_documented_default_when_the_dict_is_absent(settings, dict_value):
    if dict_value == "absent":
        assert not hasattr(settings, "WAGTAIL_RUNSTRENGTH")  # tests/settings.py sets none
    else:
        settings.WAGTAIL_RUNSTRENGTH = dict_value
    documented = documented_defaults()
    # Every accepted key is in the table, and the accessor falls back to the value the table gives.
    assert set(documented) == set(DEFAULTS)
    assert {key: get_setting(key) for key in documented} == documented


def test_override_settings_reaches_the_cached_accessor(settings):
    assert get_setting("WORDS_PER_MINUTE") == 238
    settings.WAGTAIL_RUNSTRENGTH = {"WORDS_PER_MINUTE": 200}
    assert get_setting("WORDS_PER_MINUTE") == 200
    assert get_setting("RELATED_POSTS_LIMIT") == 3


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            {"WORDS_PER_MINUTE": 0},
            "WORDS_PER_MINUTE'] must be a whole number from 50 to 1000",
        ),
        ({"WORDS_PER_MINUTE": "fast"}, "WORDS_PER_MINUTE"),
        (
            {"RELATED_POSTS_LIMIT": 50},
            "RELATED_POSTS_LIMIT'] must be a whole number from 1 to 12",
        ),
        ({"RELATED_POSTS_LIMIT": True}, "RELATED_POSTS_LIMIT"),
        ({"RELATED_POSTS_WINDOW": 0}, "RELATED_POSTS_WINDOW'] must be a whole number from 10"),
        ({"FRAGMENT_CACHE_TIMEOUT": -1}, "FRAGMENT_CACHE_TIMEOUT'] must be a whole number from 0"),
        ({"FRAGMENT_CACHE_TIMEOUT": None}, "FRAGMENT_CACHE_TIMEOUT"),
        ({"CACHE_ALIAS": "fragments"}, "CACHE_ALIAS'] must name one of settings.CACHES (default)"),
        ({"WORDS_PER_MINUTES": 200}, "unknown key(s) WORDS_PER_MINUTES"),
        ("238", "must be a dict"),
    ],
)
def test_bad_values_raise_improperly_configured_naming_the_key(settings, value, message):
    settings.WAGTAIL_RUNSTRENGTH = value
    with pytest.raises(ImproperlyConfigured) as error:
        check_settings()
    assert message in str(error.value)


def test_unknown_key_is_refused_by_the_accessor():
    with pytest.raises(KeyError):
        get_setting("NOPE")


def test_the_related_posts_window_may_be_turned_off_with_none(settings):
    settings.WAGTAIL_RUNSTRENGTH = {"RELATED_POSTS_WINDOW": None}
    assert get_setting("RELATED_POSTS_WINDOW") is None
