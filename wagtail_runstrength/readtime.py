"""Estimated read time, computed from the text a reader actually sees."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from .conf import get_setting
from .text import plain_text

WORD_RE = re.compile(r"\w+(?:['’\-]\w+)*")


def count_words(parts: Iterable[str]) -> int:
    """Count words in plain or HTML text, ignoring tags and punctuation."""
    return sum(len(WORD_RE.findall(plain_text(part))) for part in parts)


def read_time_minutes(word_count: int, words_per_minute: int | None = None) -> int:
    """Minutes to read ``word_count`` words, rounded up and never below 1."""
    wpm = words_per_minute or get_setting("WORDS_PER_MINUTE")
    return max(1, math.ceil(word_count / wpm))
