"""The French demo clinic beside the English one, when ``DEMO_LANGUAGES`` includes ``fr``.

Uses the builder's records, so it too is safe to run again: what it made once
is kept as an editor left it, and what an editor deleted stays deleted. The
home page, blog, library, categories, clinicians and exercises become French
translations of the English ones (``copy_for_translation``, the same shape
wagtail-localize gives them); the articles are French originals
(``content_fr.py``).
"""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Locale, Page

from wagtail_runstrength.models import ArticlePage, RunStrengthSettings
from wagtail_runstrength.models.settings import LocalizedCallToAction

from . import content_fr

FRENCH = "fr"


def french_is_configured() -> bool:
    """True when the site runs Wagtail's i18n with French among its content languages."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return False
    return any(code == FRENCH for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", []))


class FrenchDemo:
    def __init__(self, builder) -> None:
        self.builder = builder
        self.exercises: dict = {}
        self.articles: dict = {}

    def build(self, home, index, library, categories, clinicians) -> None:
        # Creating the locale seeds the French muscle groups (wagtail_runstrength.seeding).
        self.locale, _ = Locale.objects.get_or_create(language_code=FRENCH)
        home_fr = self.page("home", home, content_fr.HOME)
        if home_fr is None:
            return
        self.call_to_action(home, home_fr)
        index_fr = self.page("blog", index, content_fr.BLOG) if index is not None else None
        if library is not None:
            self.page("library", library, content_fr.LIBRARY)
        french_categories = {
            slug: self.snippet(f"category:{slug}", category, dict(zip(("name", "description"), fields, strict=True)))
            for slug, category in categories.items()
            if category is not None and (fields := content_fr.CATEGORIES.get(slug))
        }
        french_clinicians = {
            key: self.snippet(f"clinician:{key}", clinician, content_fr.CLINICIANS[key])
            for key, clinician in clinicians.items()
            if clinician is not None and key in content_fr.CLINICIANS
        }
        for slug, fields in content_fr.EXERCISES.items():
            english = self.builder.exercises.get(slug)
            if english is not None:
                self.exercises[slug] = self.exercise(slug, english, fields)
        if index_fr is not None:
            for spec in content_fr.ARTICLES:
                self.article(index_fr, spec, french_categories, french_clinicians)

    def page(self, key: str, english: Page, fields: dict):
        def make():
            page = english.copy_for_translation(self.locale).specific
            for name, value in fields.items():
                setattr(page, name, value)
            page.save()
            page.save_revision().publish()
            return page

        return self.builder.obtain(
            f"fr:{key}",
            "page",
            f"“{fields['title']}”",
            lambda: english.get_translation_or_none(self.locale),
            make,
        )

    def call_to_action(self, home, home_fr) -> None:
        """The site's French call to action, shown at the end of French articles that have none of their own."""
        site_settings = RunStrengthSettings.objects.filter(site__root_page=home).first()
        if site_settings is None:
            return

        def find():
            return LocalizedCallToAction.objects.filter(site_settings=site_settings, locale=self.locale).first()

        def make():
            return LocalizedCallToAction.objects.create(
                site_settings=site_settings, locale=self.locale, page=home_fr, **content_fr.CALL_TO_ACTION
            )

        self.builder.obtain(f"fr:call-to-action:{site_settings.pk}", "settings", "in French", find, make)

    def snippet(self, key: str, english, fields: dict):
        def make():
            translation = english.copy_for_translation(self.locale)
            for name, value in fields.items():
                setattr(translation, name, value)
            translation.save()
            return translation

        return self.builder.obtain(
            f"fr:{key}", "snippet", str(english), lambda: english.get_translation_or_none(self.locale), make
        )

    def exercise(self, slug: str, english, fields: dict):
        def make():
            # Its muscle groups, progressions and regressions are the English ones, as
            # wagtail-localize copies them; readers see their French versions.
            translation = english.copy_for_translation(self.locale)
            translation.name = fields["name"]
            translation.summary = fields["summary"]
            translation.coaching_cues = "\n".join(fields["cues"])
            translation.safety_notes = fields["safety"]
            translation.instructions = [{"type": "step", "value": step} for step in fields["steps"]]
            translation.live = False
            translation.full_clean()
            translation.save()
            translation.save_revision().publish()
            return translation

        return self.builder.obtain(
            f"fr:exercise:{slug}",
            "exercise",
            fields["name"],
            lambda: english.get_translation_or_none(self.locale),
            make,
        )

    def article(self, index, spec, categories, clinicians) -> None:
        def make():
            page = ArticlePage(
                title=spec.title,
                slug=spec.slug,
                date=spec.date,
                intro=spec.intro,
                excerpt=spec.excerpt,
                hero_image=self.builder.image(spec.hero),
                hero_caption=spec.hero_caption,
                category=categories.get(spec.category),
                author=clinicians.get("author"),
                reviewer=clinicians.get("reviewer"),
                last_reviewed=spec.date,
                locale=self.locale,
                live=False,
            )
            page.body = self.builder.body_from(spec, exercises=self.exercises, articles=self.articles)
            page.tags.add(*spec.tags)
            index.add_child(instance=page)
            page.save_revision().publish()
            return page

        page = self.builder.obtain(
            f"fr:article:{spec.slug}",
            "article",
            f"“{spec.title}”",
            lambda: ArticlePage.objects.child_of(index).filter(slug=spec.slug).first(),
            make,
        )
        if page is not None:
            self.articles[spec.slug] = page
