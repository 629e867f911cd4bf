"""A site translated the way Wagtail translates it, for the tests of translated trees and the APIs' locales.

The French tree is built without wagtail-localize, through Wagtail's own
``copy_for_translation`` (which wagtail-localize calls as well): the home
page, the blog index, the exercise library and the articles are copied into
French and published beside the English root; the exercises and a muscle
group are translated snippets. French pages are served under ``/fr/``.
"""

from pathlib import Path

import django.contrib.sitemaps
import pytest
from wagtail.models import Locale

from tests.factories import ArticlePageFactory, ExerciseFactory, MuscleGroupFactory
from wagtail_runstrength.models import ArticlePage, ExerciseLibraryPage


@pytest.fixture(name="two_languages")
def two_languages_fixture(settings):
    """English and French content, Wagtail's i18n on, French pages served under ``/fr/``."""
    settings.WAGTAIL_I18N_ENABLED = True
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("fr", "French")]
    settings.ROOT_URLCONF = "tests.urls_i18n"
    session = settings.MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[: session + 1],
        "django.middleware.locale.LocaleMiddleware",
        "wagtail_runstrength.middleware.LocalizedRoutingMiddleware",
        *settings.MIDDLEWARE[session + 1 :],
    ]
    sitemaps_templates = Path(django.contrib.sitemaps.__file__).parent / "templates"
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], sitemaps_templates]}]
    return Locale.objects.create(language_code="fr")


def translate(page, locale, **changes):
    """``page`` copied into ``locale`` by Wagtail, changed, then published; returns the live copy."""
    copy = page.copy_for_translation(locale)
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy.specific


def translate_snippet(snippet, locale, **changes):
    copy = snippet.copy_for_translation(locale)
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def body(exercise) -> list:
    related = {"heading": "More", "posts": [], "limit": 2, "tags": "", "categories": []}
    return [("exercise", {"exercise": exercise}), ("related_posts", related)]


@pytest.fixture(name="tree")
def tree_fixture(site, index_page, two_languages):
    """Both trees: home, blog, library and three related articles in each language, sharing a tag."""
    french = two_languages
    calves = MuscleGroupFactory(name="Calf group", slug="calf-group")
    squat = ExerciseFactory(name="Squat", slug="squat", target_muscles=[calves])
    library = site.root_page.add_child(instance=ExerciseLibraryPage(title="Exercises", slug="exercises"))
    english = []
    for number, title in enumerate(["Hill sprints", "Calf raises", "Easy runs"]):
        article = ArticlePageFactory(
            parent=index_page,
            title=title,
            slug=f"english-{number}",
            body=body(squat),
        )
        article.tags.add("strength")
        article.save_revision().publish()
        english.append(article)

    home_fr = translate(site.root_page, french, title="Accueil")
    blog_fr = translate(index_page, french, title="Blogue")
    library_fr = translate(library, french, title="Exercices", slug="exercices")
    mollets = translate_snippet(calves, french, name="Mollets")
    squat_fr = translate_snippet(squat, french, name="Flexion")
    squat_fr.target_muscles.set([mollets])
    french_articles = []
    for number, article in enumerate(english):
        copy = article.copy_for_translation(french)
        copy.title = f"{article.title} (fr)"
        copy.slug = f"francais-{number}"
        copy.body = body(squat_fr)
        copy.save_revision().publish()
        copy = ArticlePage.objects.get(pk=copy.pk)
        copy.tags.add("strength")
        copy.save_revision().publish()
        french_articles.append(ArticlePage.objects.get(pk=copy.pk))
    return {
        "site": site,
        "french": french,
        "home_fr": home_fr,
        "blog": index_page,
        "blog_fr": blog_fr,
        "library": library,
        "library_fr": library_fr,
        "en": english,
        "fr": french_articles,
        "squat": squat,
        "squat_fr": squat_fr,
    }
