"""The ``api_fields`` of the package's models, in one place rather than spread over the models."""

from wagtail.api import APIField

from . import fields


def article_api_fields() -> list[APIField]:
    return [
        APIField("intro", serializer=fields.RichTextHTMLField()),
        APIField("hero_image", serializer=fields.HeroImageField()),
        APIField("hero_caption"),
        APIField("category", serializer=fields.CategoryField()),
        APIField("tags", serializer=fields.TagNamesField()),
        APIField("author", serializer=fields.ClinicianField()),
        APIField("reviewer", serializer=fields.ClinicianField()),
        APIField("last_reviewed"),
        APIField("review", serializer=fields.ReviewField()),
        APIField("date", serializer=fields.DisplayDateField()),
        APIField("excerpt", serializer=fields.ExcerptField()),
        APIField("read_time_minutes"),
        APIField("body", serializer=fields.ArticleBodyField()),
        APIField("translations", serializer=fields.ArticleTranslationsField()),
    ]


def article_api_meta_fields() -> list[APIField]:
    """API v2 ``meta`` fields of an article (v3 does not read ``api_meta_fields``)."""
    from .json_ld import ArticleJsonLdField

    return [APIField("json_ld", serializer=ArticleJsonLdField())]


def article_index_api_fields() -> list[APIField]:
    return [APIField("intro", serializer=fields.RichTextHTMLField())]


def exercise_api_fields() -> list[APIField]:
    return [
        APIField("name"),
        APIField("slug"),
        APIField("summary"),
        APIField("target_muscles", serializer=fields.MuscleListField()),
        APIField("equipment"),
        APIField("difficulty"),
        APIField("prescription", serializer=fields.PrescriptionField()),
        APIField("instructions", serializer=fields.StepsField()),
        APIField("coaching_cues", serializer=fields.CuesField()),
        APIField("safety_notes"),
        APIField("video_url"),
        APIField("image", serializer=fields.ExerciseImageField()),
        APIField("progressions", serializer=fields.ExerciseLinksField()),
        APIField("regressions", serializer=fields.ExerciseLinksField()),
        APIField("articles", serializer=fields.ArticlesUsingField()),
        APIField("review", serializer=fields.ReviewField()),
    ]
