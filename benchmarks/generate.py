"""Benchmark content: a handful of pages made the ordinary way, then up to 100,000 articles in bulk.

``create_fixtures()`` builds the site through the ORM as an editor's actions
would (pages with revisions, snippets, images with their renditions): the
full-structure article measured by every run, a large variant of it, their
plain-blog twins and the indexes.

``grow(total)`` then tops both blogs up to ``total`` posts without the admin
and without one ``add_child`` per page: it allocates ids, builds treebeard's
``path``/``depth`` and ``url_path`` itself and writes every table (page rows,
the multi-table article rows, tags through the tag model, the ``exercises``
through table, the baseline's rows) in batches, with ``COPY`` on PostgreSQL
and ``executemany`` on SQLite. No model is instantiated and no ``save()`` runs,
so no per-page signal fires; ``no_signals()`` proves it on every run.

What the bulk rows lack on purpose: search index entries, reference index
entries and revisions (bulk pages are live with no revision, as an import
script would leave them). Bodies are stored as the StreamField's raw JSON,
one template per topic with the article's own exercises and images put in, and
``read_time_minutes`` is computed once per template.
"""

from __future__ import annotations

import datetime
import io
import json
import random
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.db.models import signals as model_signals
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from taggit.models import Tag
from wagtail import signals as wagtail_signals
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from benchmarks import content
from benchmarks.baseline.models import BlogIndexPage, BlogPage, BlogPageTag
from tests.testapp.models import HomePage
from wagtail_runstrength import images as rs_images
from wagtail_runstrength.models import (
    ArticleCategory,
    ArticleIndexPage,
    ArticlePage,
    ArticlePageTag,
    Clinician,
    ExerciseSnippet,
    MuscleGroup,
    RunStrengthSettings,
)

SEED = 20261125
BATCH = 5000
IMAGE_POOL = 6
TODAY = datetime.date(2026, 11, 1)  # fixed, so every run builds the same site


@dataclass
class Fixtures:
    site_id: int
    index_id: int
    blog_index_id: int
    library_id: int | None
    article_id: int
    large_article_id: int
    blog_post_id: int
    large_blog_post_id: int
    exercise_ids: list[int]
    exercise_words: dict[int, tuple[str, str]]
    image_ids: list[int]
    tag_ids: list[int]
    category_ids: list[int]
    clinician_ids: list[int]
    locale_id: int


def exercise_library_model():
    """The package's ``ExerciseLibraryPage`` when this checkout has it (a colleague is adding it), else ``None``."""
    from django.apps import apps

    try:
        model = apps.get_model("wagtail_runstrength", "ExerciseLibraryPage")
    except LookupError:
        return None
    return model if model._meta.db_table in connection.introspection.table_names() else None


# Fixtures: the ordinary way


def _make_image(n: int):
    """A 1400×900 JPEG drawn with Pillow: a gradient and a stripe, different for each ``n``."""
    rng = random.Random(SEED + n)  # noqa: S311 (reproducible test data, not secrets)
    width, height = 1400, 900
    picture = PILImage.new("RGB", (width, height), tuple(rng.randrange(40, 200) for _ in range(3)))
    draw = ImageDraw.Draw(picture)
    for x in range(0, width, 20):
        shade = tuple(min(255, c + x // 12) for c in picture.getpixel((0, 0)))
        draw.rectangle([x, 0, x + 19, height], fill=shade)
    draw.ellipse([400 + 40 * n, 200, 900 + 40 * n, 700], fill=(240, 240, 235))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    image = get_image_model()(
        title=f"Runner photo {n + 1}",
        description=f"A runner doing strength work in the clinic gym, photo {n + 1}",
        file=ImageFile(buffer, name=f"bench-runner-{n + 1}.jpg"),
    )
    image.save()
    # Every rendition the templates and meta tags ask for, made now so no timed request makes one.
    specs = (*rs_images.ALL_SPECS, rs_images.SHARE_SPEC, rs_images.CARD_SHARE_SPEC)
    image.get_renditions(*specs)
    return image


def create_fixtures() -> Fixtures:
    locale = Locale.get_default()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="clinic"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname = "localhost"
    site.save()
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    home.refresh_from_db()

    images = [_make_image(n) for n in range(IMAGE_POOL)]
    muscles = {m.slug: m for m in MuscleGroup.objects.all()}
    exercises = []
    for n, (name, summary, muscle_slugs, equipment, difficulty, sets, reps, seconds, per_side) in enumerate(
        content.EXERCISES
    ):
        exercise = ExerciseSnippet(
            name=name,
            summary=summary,
            image=images[n % IMAGE_POOL],
            equipment=equipment,
            difficulty=difficulty,
            sets=sets,
            reps=reps,
            seconds=seconds,
            per_side=per_side,
            rest_seconds=60,
            instructions=[
                ("step", "Stand tall and brace your trunk."),
                ("step", "Move slowly through the full range."),
            ],
            coaching_cues="Knee over the second toe\nSlow on the way down",
            live=True,
            locale=locale,
        )
        exercise.save()
        exercise.target_muscles.set([muscles[slug] for slug in muscle_slugs])
        exercise.save()
        exercises.append(exercise)
    categories = [ArticleCategory.objects.create(name=name, locale=locale) for name in content.CATEGORIES]
    clinicians = [
        Clinician.objects.create(name=name, credentials=credentials, role=role, locale=locale)
        for name, credentials, role in content.CLINICIANS
    ]
    tags = [Tag.objects.create(name=name, slug=slugify(name)) for name in content.TAGS]
    RunStrengthSettings.objects.update_or_create(
        site=site,
        defaults={
            "clinic_name": "Bench Clinic",
            "cta_heading": content.CTA["heading"],
            "cta_text": content.CTA["text"],
            "cta_button_label": content.CTA["button_label"],
            "cta_url": content.CTA["url"],
        },
    )

    index = home.add_child(
        instance=ArticleIndexPage(title="Blog", slug="blog", intro="<p>Strength, running and recovery.</p>")
    )
    blog_index = home.add_child(
        instance=BlogIndexPage(title="Plain blog", slug="plain-blog", intro="<p>Strength, running and recovery.</p>")
    )
    library_model = exercise_library_model()
    library = (
        home.add_child(
            instance=library_model(title="Exercise library", slug="exercises", intro="<p>Our exercises.</p>")
        )
        if library_model is not None
        else None
    )
    for page in (index, blog_index, library):
        if page is not None:
            page.save_revision().publish()

    topic = content.TOPICS[0]
    featured = _featured_article(index, topic, exercises[:4], images, categories[0], clinicians, tags[:3])
    large = _featured_article(
        index, topic, exercises, images, categories[0], clinicians, tags[:3], groups=4, related_limit=9, slug="large"
    )
    words = {e.pk: (e.name, e.summary) for e in exercises}
    blog_post = _blog_twin(blog_index, topic, [words[e.pk] for e in exercises[:4]], tags[:3])
    large_blog_post = _blog_twin(blog_index, topic, [words[e.pk] for e in exercises], tags[:3], groups=4, slug="large")
    return Fixtures(
        site_id=site.pk,
        index_id=index.pk,
        blog_index_id=blog_index.pk,
        library_id=library.pk if library else None,
        article_id=featured.pk,
        large_article_id=large.pk,
        blog_post_id=blog_post.pk,
        large_blog_post_id=large_blog_post.pk,
        exercise_ids=[e.pk for e in exercises],
        exercise_words=words,
        image_ids=[i.pk for i in images],
        tag_ids=[t.pk for t in tags],
        category_ids=[c.pk for c in categories],
        clinician_ids=[c.pk for c in clinicians],
        locale_id=locale.pk,
    )


def _published_at(date: datetime.date, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(date, datetime.time(9, minute % 60), tzinfo=datetime.UTC)


def _featured_article(
    index, topic, exercises, images, category, clinicians, tags, *, groups=1, related_limit=None, slug=""
):
    page = ArticlePage(
        title=topic.title,
        slug=slugify(topic.title) + (f"-{slug}" if slug else ""),
        intro=content.intro_html(topic),
        hero_image=images[0],
        hero_caption="Strength for the long run.",
        category=category,
        author=clinicians[0],
        reviewer=clinicians[1],
        last_reviewed=TODAY,
        date=TODAY,
        body=content.article_body(
            topic,
            exercises,
            image=images[1],
            image_alt=images[1].description,
            groups=groups,
            related_limit=related_limit,
        ),
    )
    index.add_child(instance=page)
    page.tags.set(tags)
    page.save_revision().publish()
    # A fixed publication time, so every run sorts the same way.
    ArticlePage.objects.filter(pk=page.pk).update(
        first_published_at=_published_at(TODAY), last_published_at=_published_at(TODAY)
    )
    return page


def _blog_twin(blog_index, topic, exercise_words, tags, *, groups=1, slug=""):
    post = BlogPage(
        title=topic.title,
        slug=slugify(topic.title) + (f"-{slug}" if slug else ""),
        date=TODAY,
        intro=content.baseline_intro(topic),
        body=content.baseline_body_with_intro(topic, exercise_words, groups=groups),
    )
    blog_index.add_child(instance=post)
    post.tags.set(tags)
    post.save_revision().publish()
    BlogPage.objects.filter(pk=post.pk).update(
        first_published_at=_published_at(TODAY), last_published_at=_published_at(TODAY)
    )
    return post


# Bulk: no models, no signals


# Sent by save(), delete(), m2m changes and publishing: the bulk path must send none of them.
WRITE_SIGNALS = [
    model_signals.pre_save,
    model_signals.post_save,
    model_signals.m2m_changed,
    model_signals.pre_delete,
    model_signals.post_delete,
    wagtail_signals.page_published,
    wagtail_signals.page_unpublished,
]


@contextmanager
def no_signals():
    """Fail if any write signal is sent inside the block; count model instances built (``post_init``).

    The instance count is the proof that no per-page Python objects are made:
    it is the same whether the block writes ten rows or a hundred thousand.
    """
    fired: list[str] = []
    counts = {"instances": 0}

    def on_write(sender, signal, **kwargs):
        fired.append(f"{getattr(sender, '__name__', sender)}")

    def on_init(sender, **kwargs):
        counts["instances"] += 1

    for signal in WRITE_SIGNALS:
        signal.connect(on_write, weak=False)
    model_signals.post_init.connect(on_init, weak=False)
    try:
        yield counts
    finally:
        for signal in WRITE_SIGNALS:
            signal.disconnect(on_write)
        model_signals.post_init.disconnect(on_init)
    if fired:
        raise AssertionError(f"the bulk generator sent {len(fired)} write signal(s), the first from {fired[0]}")


class TableWriter:
    """Writes rows to one table: ``COPY`` on PostgreSQL, ``executemany`` on SQLite, values adapted once per column."""

    def __init__(self, model, columns: list[str]):
        self.table = model._meta.db_table
        self.columns = columns
        fields = {f.column: f for f in model._meta.concrete_fields}
        self.postgres = connection.vendor == "postgresql"
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        if self.postgres:
            self.sql = f"COPY {connection.ops.quote_name(self.table)} ({quoted}) FROM STDIN"
            self.adapters = None
        else:
            placeholders = ", ".join("%s" for _ in columns)
            table = connection.ops.quote_name(self.table)
            self.sql = f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})"  # noqa: S608 (model metadata)
            self.adapters = [self._sqlite_adapter(fields[c]) for c in columns]

    @staticmethod
    def _sqlite_adapter(field):
        kind = field.get_internal_type()
        if kind in ("DateTimeField", "DateField", "UUIDField"):
            return lambda value: field.get_db_prep_save(value, connection)
        return None

    def write(self, rows: list[tuple]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(self.sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                adapters = self.adapters
                if any(adapters):
                    rows = [
                        tuple(
                            a(v) if a is not None and v is not None else v for a, v in zip(adapters, row, strict=True)
                        )
                        for row in rows
                    ]
                cursor.executemany(self.sql, rows)


def _allocate_ids(model, count: int) -> list[int]:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (a model's table name)
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


PAGE_COLUMNS = [
    "id", "path", "depth", "numchild", "translation_key", "locale_id", "live", "has_unpublished_changes",
    "first_published_at", "last_published_at", "expired", "locked", "title", "draft_title", "slug",
    "content_type_id", "url_path", "show_in_menus", "seo_title", "search_description",
]  # fmt: skip
ARTICLE_COLUMNS = [
    "page_ptr_id", "intro", "hero_image_id", "hero_alt", "hero_caption", "category_id", "author_id", "reviewer_id",
    "last_reviewed", "date", "excerpt", "body", "read_time_minutes",
]  # fmt: skip
BLOG_COLUMNS = ["page_ptr_id", "date", "intro", "body"]


@dataclass
class BodyTemplate:
    """A topic's article body as raw StreamField JSON, with the slots a generated article fills in."""

    topic: content.Topic
    raw: list
    exercise_slots: list[dict]
    image_slot: dict
    read_time: int
    intro: str

    def body_json(self, exercise_ids: list[int], image_id: int) -> str:
        for slot, pk in zip(self.exercise_slots, exercise_ids, strict=True):
            slot["exercise"] = pk
        self.image_slot["image"] = image_id
        return json.dumps(self.raw, separators=(",", ":"))


def body_templates(fixtures: Fixtures) -> list[BodyTemplate]:
    """One raw body per topic, made by the package's own blocks from an unsaved page, and its read time."""
    exercises = list(ExerciseSnippet.objects.filter(pk__in=fixtures.exercise_ids).order_by("pk"))
    image = get_image_model().objects.get(pk=fixtures.image_ids[1])
    field = ArticlePage._meta.get_field("body")
    templates = []
    for n, topic in enumerate(content.TOPICS):
        chosen = exercises[4 * n % len(exercises) :][:4] or exercises[:4]
        page = ArticlePage(
            title=topic.title,
            intro=content.intro_html(topic),
            body=content.article_body(topic, chosen, image=image, image_alt=image.description),
        )
        raw = field.get_prep_value(page.body)
        slots, image_slot = [], None
        for block in raw:
            if block["type"] == "exercise_group":
                slots = [item["value"] for item in block["value"]["exercises"]]
            elif block["type"] == "image":
                image_slot = block["value"]["image"]
        templates.append(
            BodyTemplate(topic, raw, slots, image_slot, page.compute_read_time(), content.intro_html(topic))
        )
    return templates


def _weighted_tags(rng: random.Random, tag_ids: list[int]) -> list[int]:
    """Two to four tags, the popular ones far more often, as on a real blog."""
    count = rng.randint(2, 4)
    chosen: list[int] = []
    while len(chosen) < count:
        pick = tag_ids[min(len(tag_ids) - 1, int(rng.paretovariate(1.2)) - 1)]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def grow(fixtures: Fixtures, total: int) -> dict:
    """Add articles and plain-blog posts until each blog holds ``total``; returns what it did and how long it took."""
    have = ArticlePage.objects.count()
    need = total - have
    if need <= 0:
        return {"added": 0, "seconds": 0.0}
    started = time.perf_counter()
    with no_signals() as counts:
        _bulk(fixtures, have, need)
        writing = time.perf_counter() - started
        analysing = _analyse()
    return {
        "added": need,
        "articles_total": ArticlePage.objects.count(),
        "blog_posts_total": BlogPage.objects.count(),
        "seconds": round(time.perf_counter() - started, 2),
        "write_seconds": round(writing, 2),
        "analyse_seconds": round(analysing, 2),
        "write_signals_sent": 0,
        "model_instances_built": counts["instances"],
    }


def _analyse() -> float:
    """PostgreSQL: refresh the planner's statistics, as autovacuum would after a large import."""
    if connection.vendor != "postgresql":
        return 0.0
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def _bulk(fixtures: Fixtures, have: int, need: int) -> None:
    index = Page.objects.get(pk=fixtures.index_id)
    blog_index = Page.objects.get(pk=fixtures.blog_index_id)
    templates = body_templates(fixtures)
    article_ct = ContentType.objects.get_for_model(ArticlePage).pk
    blog_ct = ContentType.objects.get_for_model(BlogPage).pk
    writers = {
        "page": TableWriter(Page, PAGE_COLUMNS),
        "article": TableWriter(ArticlePage, ARTICLE_COLUMNS),
        "article_tag": TableWriter(ArticlePageTag, ["tag_id", "content_object_id"]),
        "article_exercise": TableWriter(ArticlePage.exercises.through, ["articlepage_id", "exercisesnippet_id"]),
        "blog": TableWriter(BlogPage, BLOG_COLUMNS),
        "blog_tag": TableWriter(BlogPageTag, ["tag_id", "content_object_id"]),
    }
    step = {index.pk: _last_step(index), blog_index.pk: _last_step(blog_index)}
    for start in range(0, need, BATCH):
        count = min(BATCH, need - start)
        ids = _allocate_ids(Page, 2 * count)
        rows = {name: [] for name in writers}
        for offset in range(count):
            n = have + start + offset  # the article's number: the same article at every size and on every run
            page_id, blog_id = ids[offset], ids[count + offset]
            rng = random.Random(SEED * 7919 + n)  # noqa: S311 (reproducible test data, not secrets)
            template = templates[n % len(templates)]
            topic = template.topic
            title = topic.title + content.TITLE_AUDIENCES[(n // len(templates)) % len(content.TITLE_AUDIENCES)]
            date = TODAY - datetime.timedelta(days=1 + rng.randrange(3650))
            published = _published_at(date, n)
            exercise_ids = rng.sample(fixtures.exercise_ids, 4)
            tag_ids = _weighted_tags(rng, fixtures.tag_ids)
            category_id = fixtures.category_ids[min(len(fixtures.category_ids) - 1, int(rng.expovariate(0.6)))]
            author_id, reviewer_id = rng.sample(fixtures.clinician_ids, 2)
            slug = f"{slugify(title)}-{n}"
            body = template.body_json(exercise_ids, fixtures.image_ids[(n + 1) % IMAGE_POOL])

            step[index.pk] += 1
            rows["page"].append(
                _page_row(page_id, index, step[index.pk], title, slug, article_ct, published, fixtures.locale_id)
            )
            rows["article"].append(
                (
                    page_id, template.intro, fixtures.image_ids[n % IMAGE_POOL], "", "", category_id, author_id,
                    reviewer_id, date, date, "", body, template.read_time,
                )
            )  # fmt: skip
            rows["article_tag"].extend((tag_id, page_id) for tag_id in tag_ids)
            rows["article_exercise"].extend((page_id, pk) for pk in exercise_ids)

            # The plain blog's twin: the same title, date, tags and words.
            step[blog_index.pk] += 1
            words = [fixtures.exercise_words[pk] for pk in exercise_ids]
            rows["page"].append(
                _page_row(blog_id, blog_index, step[blog_index.pk], title, slug, blog_ct, published, fixtures.locale_id)
            )
            rows["blog"].append(
                (blog_id, date, content.baseline_intro(topic), content.baseline_body_with_intro(topic, words))
            )
            rows["blog_tag"].extend((tag_id, blog_id) for tag_id in tag_ids)
        with transaction.atomic():
            for name, writer in writers.items():
                writer.write(rows[name])
    with transaction.atomic():
        for parent in (index, blog_index):
            children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            Page.objects.filter(pk=parent.pk).update(numchild=children.count())


def _last_step(parent) -> int:
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last[-Page.steplen :]) if last else 0


def _page_row(page_id, parent, step, title, slug, content_type_id, published, locale_id) -> tuple:
    path = Page._get_path(parent.path, parent.depth + 1, step)
    return (
        page_id, path, parent.depth + 1, 0, uuid.uuid4(), locale_id, True, False,
        published, published, False, False, title, title, slug,
        content_type_id, f"{parent.url_path}{slug}/", False, "", "",
    )  # fmt: skip
