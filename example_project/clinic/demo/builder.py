"""Builds the demo clinic from ``content.py``, creating only what is missing.

Everything is matched by a stable key (a page's slug under its parent, a
snippet's slug or name, an image's title), so a second run creates nothing
and never overwrites what an editor has changed since.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from clinic.models import HomePage
from wagtail_runstrength.models import (
    ArticleCategory,
    ArticleIndexPage,
    ArticlePage,
    Clinician,
    ExerciseLibraryPage,
    ExerciseSnippet,
    MuscleGroup,
    RunStrengthSettings,
)

from . import content
from .content import Ref
from .illustrations import draw

Log = Callable[[str], None]


class DemoBuilder:
    def __init__(self, log: Log = lambda message: None) -> None:
        self.log = log
        self.created: Counter[str] = Counter()
        self.kept: Counter[str] = Counter()
        self.locale = Locale.get_default()
        self.images: dict[str, Any] = {}
        self.exercises: dict[str, ExerciseSnippet] = {}
        self.articles: dict[str, ArticlePage] = {}
        self.pages: dict[str, Page] = {}

    def _note(self, kind: str, label: str, created: bool) -> None:
        (self.created if created else self.kept)[kind] += 1
        self.log(f"{'Created' if created else 'Kept'} {kind} {label}")

    def build(self) -> None:
        home = self.home()
        site = self.site(home)
        index = self.blog(home)
        self.settings(site, home)
        categories = self.categories()
        clinicians = self.clinicians()
        for key in content.PICTURES:
            self.image(key)
        self.exercise_library()
        self.library_page(home)
        for article in content.ARTICLES:
            self.article(index, article, categories, clinicians)

    # Pages and site

    def home(self) -> HomePage:
        home = HomePage.objects.first()
        created = home is None
        if created:
            # Created beside Wagtail's welcome page; site() then swaps them.
            home = HomePage(**content.HOME, live=False)
            Page.get_first_root_node().add_child(instance=home)
            home.save_revision().publish()
        self._note("page", f"“{home.title}”", created)
        self.pages["home"] = home
        return home

    def site(self, home: HomePage) -> Site:
        """Point the default site at the clinic's home page and remove Wagtail's welcome page."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=content.CLINIC_NAME,
            )
            self._note("site", site.hostname, True)
            return site
        if site.root_page_id == home.pk:
            return site
        previous = site.root_page
        site.root_page = home
        site.site_name = site.site_name or content.CLINIC_NAME
        site.save()
        self.log(f"Pointed site {site.hostname} at “{home.title}”")
        if self._is_welcome_page(previous):
            previous.delete()
            self.log(f"Deleted Wagtail's welcome page “{previous.title}”")
        return site

    @staticmethod
    def _is_welcome_page(page: Page) -> bool:
        """Wagtail's default page: a plain ``Page`` at the top level, with no children and no site of its own."""
        return (
            page.specific_class is Page
            and page.depth == 2
            and not page.get_children().exists()
            and not Site.objects.filter(root_page=page).exists()
        )

    def blog(self, home: HomePage) -> ArticleIndexPage:
        index = ArticleIndexPage.objects.child_of(home).filter(slug="blog").first()
        created = index is None
        if created:
            index = ArticleIndexPage(**content.BLOG, live=False)
            home.add_child(instance=index)
            index.save_revision().publish()
        self._note("page", f"“{index.title}”", created)
        return index

    def library_page(self, home: HomePage) -> ExerciseLibraryPage:
        library = ExerciseLibraryPage.objects.child_of(home).filter(slug=content.LIBRARY["slug"]).first()
        created = library is None
        if created:
            library = ExerciseLibraryPage(**content.LIBRARY, live=False)
            home.add_child(instance=library)
            library.save_revision().publish()
        self._note("page", f"“{library.title}”", created)
        return library

    def settings(self, site: Site, home: HomePage) -> None:
        settings = RunStrengthSettings.for_site(site)
        created = not settings.clinic_name
        if created:
            for name, value in content.SETTINGS.items():
                setattr(settings, name, value)
            settings.cta_page = home
            settings.save()
        self._note("settings", f"for {site.hostname}", created)

    # Snippets

    def categories(self) -> dict[str, ArticleCategory]:
        found = {}
        for slug, name, description in content.CATEGORIES:
            category, created = ArticleCategory.objects.get_or_create(
                slug=slug,
                locale=self.locale,
                defaults={"name": name, "description": description},
            )
            self._note("category", category.name, created)
            found[slug] = category
        return found

    def clinicians(self) -> dict[str, Clinician]:
        found = {}
        for key, fields in content.CLINICIANS.items():
            clinician, created = Clinician.objects.get_or_create(
                name=fields["name"], locale=self.locale, defaults=fields
            )
            self._note("clinician", clinician.display_name, created)
            found[key] = clinician
        return found

    def image(self, key: str):
        if key in self.images:
            return self.images[key]
        picture = content.PICTURES[key]
        image_model = get_image_model()
        image = image_model.objects.filter(title=picture.title).first()
        created = image is None
        if created:
            data = draw(key, picture.label, picture.background, picture.accent)
            image = image_model(
                title=picture.title,
                description=picture.description,
                file=ImageFile(io.BytesIO(data), name=f"{key}.jpg"),
            )
            image.save()
        self._note("image", f"“{picture.title}”", created)
        self.images[key] = image
        return image

    def exercise_library(self) -> None:
        muscles = {muscle.slug: muscle for muscle in MuscleGroup.objects.filter(locale=self.locale)}
        new = []
        for spec in content.EXERCISES:
            exercise = ExerciseSnippet.objects.filter(slug=spec.slug, locale=self.locale).first()
            created = exercise is None
            if created:
                exercise = self._new_exercise(spec, muscles)
                new.append((exercise, spec))
            self._note("exercise", exercise.name, created)
            self.exercises[spec.slug] = exercise
        # Progressions and regressions point at other exercises, so they are
        # set once every exercise exists, then each new one is published.
        for exercise, spec in new:
            exercise.progressions.set([self.exercises[slug] for slug in spec.progressions])
            exercise.regressions.set([self.exercises[slug] for slug in spec.regressions])
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
        exercise.target_muscles.set([muscles[slug] for slug in spec.muscles])
        exercise.full_clean()
        exercise.save()
        return exercise

    # Articles

    def article(self, index, spec: content.Article, categories, clinicians) -> None:
        page = ArticlePage.objects.child_of(index).filter(slug=spec.slug).first()
        created = page is None
        if created:
            page = ArticlePage(
                title=spec.title,
                slug=spec.slug,
                date=spec.date,
                intro=spec.intro,
                excerpt=spec.excerpt,
                hero_image=self.image(spec.hero),
                hero_caption=spec.hero_caption,
                category=categories[spec.category],
                author=clinicians["author"],
                reviewer=clinicians["reviewer"],
                last_reviewed=spec.last_reviewed or spec.date,
                live=False,
            )
            page.body = [{"type": block_type, "value": self._resolve(value)} for block_type, value in spec.body]
            page.tags.add(*spec.tags)
            index.add_child(instance=page)
            page.save_revision().publish()
        self._note("article", f"“{page.title}”", created)
        self.articles[spec.slug] = page

    def _resolve(self, value: Any) -> Any:
        """Raw StreamField data: every ``Ref`` becomes the primary key of the object it names."""
        if isinstance(value, Ref):
            return self._lookup(value).pk
        if isinstance(value, dict):
            return {key: self._resolve(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self._resolve(item) for item in value]
        return value

    def _lookup(self, ref: Ref):
        if ref.kind == "image":
            return self.image(ref.key)
        registry = {
            "exercise": self.exercises,
            "article": self.articles,
            "page": self.pages,
        }[ref.kind]
        return registry[ref.key]
