"""The published shapes of the package's API data, as pydantic models.

Each block names its value's model here as its ``api_schema``;
``stream_schemas.py`` joins them into the typed body of a stream. The same
models describe API v2 output (the blocks and ``representation.py`` build
plain dicts that validate against them; a test checks that) and type the v3
OpenAPI document. Names carry a ``RunStrength`` prefix so they never collide
with a host's schemas in one OpenAPI document. Changing a model changes a
public contract: the OpenAPI snapshot test shows it.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RunStrengthRendition(_Schema):
    url: str
    full_url: str
    width: int
    height: int


class RunStrengthImage(_Schema):
    """An image with its alt text and renditions keyed by size name (``thumbnail``, ``card``, ``large``)."""

    id: int
    title: str
    alt: str
    decorative: bool = False
    width: int
    height: int
    renditions: dict[str, RunStrengthRendition]


class RunStrengthMuscleGroup(_Schema):
    id: int
    name: str
    slug: str
    region: str


class RunStrengthCategory(_Schema):
    id: int
    name: str
    slug: str


class RunStrengthClinician(_Schema):
    id: int
    name: str
    credentials: str
    display_name: str
    role: str
    registration_number: str
    bio: str
    profile_url: str
    photo: RunStrengthImage | None


class RunStrengthReview(_Schema):
    """Where the content stands against its clinical review schedule."""

    state: Literal["current", "due_soon", "overdue", "not_reviewed"] = Field(
        description="overdue: past its next review date; due_soon: within the site's due-soon window."
    )
    last_reviewed: datetime.date | None
    next_review_due: datetime.date | None
    reviewer: RunStrengthClinician | None


class RunStrengthPrescription(_Schema):
    sets: int | None
    reps: int | None
    seconds: int | None
    per_side: bool
    rest_seconds: int | None
    text: str = Field(description='The dose as a reader sees it, e.g. "3 × 10 reps each side, rest 60 s".')


class RunStrengthExerciseLink(_Schema):
    id: int
    name: str
    slug: str


class RunStrengthArticleLink(_Schema):
    id: int
    title: str
    url: str | None


class RunStrengthTranslation(_Schema):
    id: int
    locale: str = Field(description="The translation's language code, e.g. `fr`.")
    url: str | None = Field(
        description="Where readers open it: the article's page, or the exercise's page in a library of its language."
    )


class RunStrengthExercise(_Schema):
    id: int
    name: str
    slug: str
    summary: str
    target_muscles: list[RunStrengthMuscleGroup]
    equipment: str
    difficulty: str
    prescription: RunStrengthPrescription
    instructions: list[str]
    coaching_cues: list[str]
    safety_notes: str
    video_url: str
    image: RunStrengthImage | None
    progressions: list[RunStrengthExerciseLink]
    regressions: list[RunStrengthExerciseLink]


class RunStrengthArticleCard(_Schema):
    id: int
    title: str
    url: str | None
    category: RunStrengthCategory | None
    excerpt: str
    tags: list[str]
    thumbnail: RunStrengthImage | None
    read_time_minutes: int
    date: datetime.date | None


# Block values


class RunStrengthHeadingValue(_Schema):
    text: str
    level: Literal["h2", "h3", "h4"]
    anchor: str


class RunStrengthTitledItem(_Schema):
    title: str
    text: str


class RunStrengthTitledListValue(_Schema):
    items: list[RunStrengthTitledItem]


class RunStrengthImageBlockValue(_Schema):
    image: RunStrengthImage | None
    caption: str


class RunStrengthExerciseBlockValue(_Schema):
    """An exercise card. A single exercise block's value is null instead when its exercise was deleted or
    unpublished, and a group leaves such an item out: readers see no card for it."""

    exercise: RunStrengthExercise
    note: str
    prescription: RunStrengthPrescription = Field(description="The article's dose, or the exercise's default.")


class RunStrengthExerciseGroupValue(_Schema):
    heading: str
    intro: str
    exercises: list[RunStrengthExerciseBlockValue]


class RunStrengthCallToActionValue(_Schema):
    heading: str
    text: str
    button_label: str = Field(description='"" when there is no link to show.')
    url: str | None = Field(
        description="null when the block links nowhere a reader can go (its page was deleted, unpublished or made private)."
    )


class RunStrengthQuoteValue(_Schema):
    quote: str
    attribution: str


class RunStrengthEmbedValue(_Schema):
    url: str


class RunStrengthRelatedPostsValue(_Schema):
    heading: str
    cards: list[RunStrengthArticleCard]
