"""Builds the demo clinic from ``content.py``, creating only what it never made before.

Every piece of demo content has a key (``"home"``, ``"exercise:glute-bridge"``)
and a ``DemoRecord`` once the loader has dealt with it. On each run:

- recorded and still there: kept exactly as it is, whatever an editor changed;
- recorded but gone: an editor deleted it, so it stays deleted;
- not recorded: matched by slug, name or title and kept if found (a database
  loaded before records existed), otherwise created and recorded as made.

So a second run creates nothing and changes nothing. The default site is
pointed at the demo home page only when it still shows Wagtail's untouched
welcome page, which is then deleted; a site an editor has set up is left
alone. ``reset()`` deletes what the loader made, except what an editor's
content depends on, so that the next build starts over.
"""

from __future__ import annotations

import datetime
import io
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import models
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageLogEntry, ReferenceIndex, Revision, Site, Workflow, WorkflowPage

from clinic.models import HomePage
from wagtail_runstrength.delete_guard import ContentInUseError
from wagtail_runstrength.models import (
    ArticleCategory,
    ArticleIndexPage,
    ArticlePage,
    ClinicalReview,
    Clinician,
    ExerciseLibraryPage,
    ExerciseSnippet,
    MuscleGroup,
    RunStrengthSettings,
)

from . import content
from .content import Ref
from .french import FrenchDemo, french_is_configured
from .illustrations import draw
from .records import DemoRecord

Log = Callable[[str], None]

# What Wagtail's first migration calls the page it creates as the default site's root.
WELCOME_TITLE = "Welcome to your new Wagtail site!"
WELCOME_SLUG = "home"


class MissingReference(Exception):
    """A ``Ref`` names demo content that an editor has deleted."""


def _review_date(spec: content.Article) -> datetime.date:
    """The demo article's last review: a fixed date (overdue on purpose) or a few days before today."""
    if spec.reviewed_days_ago is not None:
        return timezone.localdate() - datetime.timedelta(days=spec.reviewed_days_ago)
    return spec.last_reviewed or spec.date


def is_untouched_welcome_page(page: Page) -> bool:
    """Wagtail's initial welcome page, never edited, published, unpublished, moved or given children.

    Any revision (an edit, a draft or a publish in the admin), any action in
    its history, or a changed title or slug means someone has worked on it,
    and it is not replaced.
    """
    return (
        page.specific_class is Page
        and page.depth == 2
        and page.numchild == 0
        and page.live
        and (page.title, page.slug) == (WELCOME_TITLE, WELCOME_SLUG)
        and page.latest_revision_id is None
        and page.last_published_at is None
        and not Revision.objects.for_instance(page).exists()
        and not PageLogEntry.objects.filter(page_id=page.pk).exists()
    )


class DemoBuilder:
    def __init__(self, log: Log = lambda message: None, warn: Log | None = None) -> None:
        self.log = log
        self.warn = warn or log
        self.created: Counter[str] = Counter()
        self.kept: Counter[str] = Counter()
        self.skipped: Counter[str] = Counter()
        self.locale = Locale.get_default()
        self.records = {record.key: record for record in DemoRecord.objects.select_related("content_type")}
        self.images: dict[str, Any] = {}
        self.exercises: dict[str, ExerciseSnippet] = {}
        self.articles: dict[str, ArticlePage] = {}
        self.pages: dict[str, Page] = {}
        self.site_root_is_demo = False

    # Records

    def obtain(self, key: str, kind: str, label: str, find: Callable[[], Any], make: Callable[[], Any]):
        """The object for ``key``: kept if recorded or found, made if never seen, ``None`` if deleted since."""
        record = self.records.get(key)
        if record is not None:
            obj = record.target()
            if obj is None:
                self.skipped[kind] += 1
                self.log(f"Left out {kind} {label}: deleted since the demo was loaded")
            else:
                self.kept[kind] += 1
                self.log(f"Kept {kind} {label}")
            return obj
        obj = find()
        created = obj is None
        if created:
            obj = make()
        self._record(key, obj, created=created)
        (self.created if created else self.kept)[kind] += 1
        self.log(f"{'Created' if created else 'Kept'} {kind} {label}")
        return obj

    def _record(self, key: str, obj: models.Model, created: bool) -> None:
        self.records[key] = DemoRecord.objects.create(
            key=key,
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            created=created,
        )

    # Building

    def build(self, adopt_sites: list[int] | None = None) -> None:
        home = self.home()
        if home is None:
            return
        site = self.site(home, adopt_sites or [])
        index = self.blog(home)
        if site is not None:
            self.settings(site, home)
        categories = self.categories()
        clinicians = self.clinicians()
        for key in content.PICTURES:
            self.image(key)
        self.exercise_library()
        if index is not None:
            for article in content.ARTICLES:
                self.article(index, article, categories, clinicians)
        # After the articles, so a fresh demo numbers its pages as docs/api.md shows them
        # (articles 5 to 8, the library 9; tests/test_api_doc_captures.py checks).
        library = self.library_page(home)
        if french_is_configured():
            FrenchDemo(self).build(home, index, library, categories, clinicians)

    # Pages and site

    def home(self) -> HomePage | None:
        def make():
            # Created beside Wagtail's welcome page; site() then swaps them if that page is untouched.
            home = HomePage(**content.HOME, live=False)
            Page.get_first_root_node().add_child(instance=home)
            home.save_revision().publish()
            return home

        home = self.obtain("home", "page", f"“{content.HOME['title']}”", HomePage.objects.first, make)
        if home is None:
            self.warn("The demo home page was deleted: nothing below it was created.")
        else:
            self.pages["home"] = home
        return home

    def site(self, home: HomePage, adopt_sites: list[int]) -> Site | None:
        """The default site, pointed at the demo home page only if it still shows Wagtail's untouched welcome page."""
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=content.CLINIC_NAME,
            )
            self._record("site", site, created=True)
            self.created["site"] += 1
            self.log(f"Created site {site.hostname}")
        elif site.root_page_id != home.pk:
            previous = site.root_page
            replace = is_untouched_welcome_page(previous)
            if not (replace or site.pk in adopt_sites):
                self.warn(
                    f"Left site {site.hostname} as it is: it shows “{previous.title}”, which is not Wagtail's "
                    f"untouched welcome page. The demo clinic is the page “{home.title}” (id {home.pk}); "
                    "point a site at it under Settings → Sites to see it."
                )
                return None
            site.root_page = home
            site.site_name = site.site_name or content.CLINIC_NAME
            site.save()
            self.log(f"Pointed site {site.hostname} at “{home.title}”")
            if replace and not Site.objects.filter(root_page=previous).exists():
                previous.delete()
                self.log(f"Deleted Wagtail's untouched welcome page “{previous.title}”")
        self.site_root_is_demo = True
        return site

    def blog(self, home: HomePage) -> ArticleIndexPage | None:
        def make():
            index = ArticleIndexPage(**content.BLOG, live=False)
            home.add_child(instance=index)
            index.save_revision().publish()
            # The "Clinical review" workflow from the clinic app's migration 0003, on the blog.
            workflow = Workflow.objects.filter(name="Clinical review", active=True).first()
            if workflow is not None:
                WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
            return index

        def find():
            return ArticleIndexPage.objects.child_of(home).filter(slug=content.BLOG["slug"]).first()

        return self.obtain("blog", "page", f"“{content.BLOG['title']}”", find, make)

    def library_page(self, home: HomePage) -> ExerciseLibraryPage | None:
        def make():
            library = ExerciseLibraryPage(**content.LIBRARY, live=False)
            home.add_child(instance=library)
            library.save_revision().publish()
            return library

        def find():
            return ExerciseLibraryPage.objects.child_of(home).filter(slug=content.LIBRARY["slug"]).first()

        return self.obtain("library", "page", f"“{content.LIBRARY['title']}”", find, make)

    def settings(self, site: Site, home: HomePage) -> None:
        """The clinic's settings, written once: only into a row the loader creates or that was never filled in."""

        def find():
            settings = RunStrengthSettings.objects.filter(site=site).first()
            return settings if settings is not None and not _is_blank(settings) else None

        def make():
            settings = RunStrengthSettings.objects.filter(site=site).first() or RunStrengthSettings(site=site)
            for name, value in content.SETTINGS.items():
                setattr(settings, name, value)
            settings.cta_page = home
            settings.save()
            return settings

        self.obtain(f"settings:{site.pk}", "settings", f"for {site.hostname}", find, make)

    # Snippets

    def categories(self) -> dict[str, ArticleCategory]:
        found = {}
        for slug, name, description in content.CATEGORIES:
            category = self.obtain(
                f"category:{slug}",
                "category",
                name,
                lambda slug=slug: ArticleCategory.objects.filter(slug=slug, locale=self.locale).first(),
                lambda slug=slug, name=name, description=description: ArticleCategory.objects.create(
                    slug=slug, name=name, description=description, locale=self.locale
                ),
            )
            found[slug] = category
        return found

    def clinicians(self) -> dict[str, Clinician]:
        found = {}
        for key, fields in content.CLINICIANS.items():
            found[key] = self.obtain(
                f"clinician:{key}",
                "clinician",
                fields["name"],
                lambda fields=fields: Clinician.objects.filter(name=fields["name"], locale=self.locale).first(),
                lambda fields=fields: Clinician.objects.create(**fields, locale=self.locale),
            )
        return found

    def image(self, key: str):
        if key in self.images:
            return self.images[key]
        picture = content.PICTURES[key]
        image_model = get_image_model()

        def make():
            data = draw(key, picture.label, picture.background, picture.accent)
            image = image_model(
                title=picture.title,
                description=picture.description,
                file=ImageFile(io.BytesIO(data), name=f"{key}.jpg"),
            )
            image.save()
            return image

        image = self.obtain(
            f"image:{key}",
            "image",
            f"“{picture.title}”",
            lambda: image_model.objects.filter(title=picture.title).first(),
            make,
        )
        self.images[key] = image
        return image

    def exercise_library(self) -> None:
        muscles = {muscle.slug: muscle for muscle in MuscleGroup.objects.filter(locale=self.locale)}
        new = []
        for spec in content.EXERCISES:
            key = f"exercise:{spec.slug}"
            seen_before = key in self.records
            exercise = self.obtain(
                key,
                "exercise",
                spec.name,
                lambda spec=spec: ExerciseSnippet.objects.filter(slug=spec.slug, locale=self.locale).first(),
                lambda spec=spec: self._new_exercise(spec, muscles),
            )
            if not seen_before and self.records[key].created:
                new.append((exercise, spec))
            if exercise is not None:
                self.exercises[spec.slug] = exercise
        # Progressions and regressions point at other exercises, so they are
        # set once every exercise exists, then each new one is published.
        for exercise, spec in new:
            exercise.progressions.set([self.exercises[slug] for slug in spec.progressions if slug in self.exercises])
            exercise.regressions.set([self.exercises[slug] for slug in spec.regressions if slug in self.exercises])
            exercise.save()
            exercise.save_revision().publish()

    def _new_exercise(self, spec: content.Exercise, muscles) -> ExerciseSnippet:
        exercise = ExerciseSnippet(
            name=spec.name,
            slug=spec.slug,
            summary=spec.summary,
            image=self.image(spec.slug),
            equipment=spec.equipment,
            difficulty=spec.difficulty,
            sets=spec.sets,
            reps=spec.reps,
            seconds=spec.seconds,
            per_side=spec.per_side,
            rest_seconds=spec.rest_seconds,
            coaching_cues="\n".join(spec.cues),
            safety_notes=spec.safety,
            locale=self.locale,
            live=False,
        )
        exercise.instructions = [{"type": "step", "value": step} for step in spec.steps]
        exercise.target_muscles.set([muscles[slug] for slug in spec.muscles if slug in muscles])
        exercise.full_clean()
        exercise.save()
        return exercise

    # Articles

    def article(self, index, spec: content.Article, categories, clinicians) -> None:
        def make():
            page = ArticlePage(
                title=spec.title,
                slug=spec.slug,
                date=spec.date,
                intro=spec.intro,
                excerpt=spec.excerpt,
                hero_image=self.image(spec.hero),
                hero_caption=spec.hero_caption,
                category=categories.get(spec.category),
                author=clinicians.get("author"),
                reviewer=clinicians.get("reviewer"),
                last_reviewed=_review_date(spec),
                live=False,
            )
            page.body = self._body(spec)
            page.tags.add(*spec.tags)
            index.add_child(instance=page)
            revision = page.save_revision()
            revision.publish()
            if page.reviewer:
                # The review history the workflow would have left; most demo reviews are overdue on purpose.
                reviewed_at = timezone.make_aware(datetime.datetime.combine(page.last_reviewed, datetime.time(12)))
                ClinicalReview.record(page, page.reviewer, revision=revision, when=reviewed_at)
            return page

        page = self.obtain(
            f"article:{spec.slug}",
            "article",
            f"“{spec.title}”",
            lambda: ArticlePage.objects.child_of(index).filter(slug=spec.slug).first(),
            make,
        )
        if page is not None:
            self.articles[spec.slug] = page

    def _body(self, spec: content.Article) -> list[dict]:
        """Raw StreamField data; a block naming something an editor deleted is left out."""
        body = []
        for block_type, value in spec.body:
            try:
                body.append({"type": block_type, "value": self._resolve(value)})
            except MissingReference:
                self.log(f"Left a {block_type} block out of “{spec.title}”: it names deleted demo content")
        return body

    def body_from(self, spec, *, exercises: dict, articles: dict) -> list[dict]:
        """``spec``'s body with its references read from other registries (another language's exercises)."""
        saved = self.exercises, self.articles
        self.exercises, self.articles = exercises, articles
        try:
            return self._body(spec)
        finally:
            self.exercises, self.articles = saved

    def _resolve(self, value: Any) -> Any:
        """Every ``Ref`` becomes the primary key of the object it names; a list drops items naming deleted ones."""
        if isinstance(value, Ref):
            found = self._lookup(value)
            if found is None:
                raise MissingReference(value)
            return found.pk
        if isinstance(value, dict):
            return {key: self._resolve(item) for key, item in value.items()}
        if isinstance(value, list):
            resolved = []
            for item in value:
                try:
                    resolved.append(self._resolve(item))
                except MissingReference:
                    continue
            return resolved
        return value

    def _lookup(self, ref: Ref):
        if ref.kind == "image":
            return self.image(ref.key)
        registry = {
            "exercise": self.exercises,
            "article": self.articles,
            "page": self.pages,
        }[ref.kind]
        return registry.get(ref.key)

    # Starting over

    def reset(self) -> list[int]:
        """Delete what the loader made, keeping what an editor's own content depends on.

        Returns the ids of sites that showed a deleted demo page; ``build()``
        points them at the new home page. Records of deleted objects go, so the
        next build makes them again; kept objects keep their records.
        """
        made = {key: record for key, record in self.records.items() if record.created}
        targets = {key: record.target() for key, record in made.items()}
        gone = [key for key, obj in targets.items() if obj is None]
        adopt_sites = self._reset_pages(targets, gone)
        self._reset_objects(targets, gone)
        DemoRecord.objects.filter(key__in=gone).delete()
        for key in gone:
            self.records.pop(key, None)
        return adopt_sites

    def _reset_pages(self, targets: dict[str, Any], gone: list[str]) -> list[int]:
        demo_page_ids = {obj.pk for obj in targets.values() if isinstance(obj, Page)}
        pages = sorted(
            ((key, obj) for key, obj in targets.items() if isinstance(obj, Page)),
            key=lambda item: -item[1].depth,
        )
        adopt_sites = []
        for key, page in pages:
            if page.get_descendants().exclude(pk__in=demo_page_ids).exists():
                self.warn(f"Kept page “{page.title}”: pages that the demo did not make are below it.")
                continue
            for site in Site.objects.filter(root_page=page):
                # A site's root cannot be empty: the tree root stands in until build() gives it the new home.
                site.root_page = Page.get_first_root_node()
                site.save()
                adopt_sites.append(site.pk)
            page.delete()
            gone.append(key)
            self.log(f"Deleted page “{page.title}”")
        return adopt_sites

    def _reset_objects(self, targets: dict[str, Any], gone: list[str]) -> None:
        settings = [(key, obj) for key, obj in targets.items() if isinstance(obj, RunStrengthSettings)]
        for key, obj in settings:
            obj.delete()
            gone.append(key)
        for model in (ExerciseSnippet, ArticleCategory, Clinician):
            self._delete_unless_in_use(
                model, {key: obj for key, obj in targets.items() if isinstance(obj, model)}, gone
            )
        image_model = get_image_model()
        for key, image in targets.items():
            if isinstance(image, image_model):
                if ReferenceIndex.get_references_to(image).exists():
                    self.warn(f"Kept image “{image.title}”: content that stays uses it.")
                    continue
                image.delete()
                gone.append(key)

    def _delete_unless_in_use(self, model, by_key: dict[str, models.Model], gone: list[str]) -> None:
        """Delete the demo's ``model`` objects together; those an editor's published content uses stay."""
        while by_key:
            try:
                model.objects.filter(pk__in=[obj.pk for obj in by_key.values()]).delete()
            except ContentInUseError as refused:
                for obj, message in zip(refused.in_use, refused.messages, strict=True):
                    self.warn(f"Kept: {message}")
                    by_key = {key: kept for key, kept in by_key.items() if kept.pk != obj.pk}
                continue
            gone.extend(by_key)
            return


def _is_blank(settings: RunStrengthSettings) -> bool:
    """True when nobody has filled in the settings: every field still holds its default."""
    return all(
        field.value_from_object(settings) == field.get_default()
        for field in settings._meta.concrete_fields
        if not (field.primary_key or field.name == "site")
    )
