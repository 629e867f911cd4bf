"""Factories for the test suite: each test builds the little it needs."""

import factory
import wagtail_factories
from wagtail.models import Locale, Page

from tests.testapp.models import HomePage, LandingPage
from wagtail_runstrength.models import (
    ArticleCategory,
    ArticleIndexPage,
    ArticlePage,
    Clinician,
    ExerciseSnippet,
    MuscleGroup,
)


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Photo {n}")
    description = factory.Sequence(lambda n: f"A runner doing exercise number {n}")


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"

    class Meta:
        model = HomePage


class LandingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Landing page {n}")

    class Meta:
        model = LandingPage


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Blog"

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    intro = "<p>Strength work keeps runners running.</p>"

    class Meta:
        model = ArticlePage


class MuscleGroupFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Muscle {n}")
    slug = factory.Sequence(lambda n: f"muscle-{n}")
    region = MuscleGroup.Region.THIGH
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = MuscleGroup


class ArticleCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = ArticleCategory


class ClinicianFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Clinician {n}")
    credentials = "DPT, OCS"
    role = "Physical therapist"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Clinician


class ExerciseFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Exercise {n}")
    slug = factory.Sequence(lambda n: f"exercise-{n}")
    summary = "Strengthens the legs for push-off."
    image = factory.SubFactory(ImageFactory)
    sets = 3
    reps = 10
    rest_seconds = 60
    live = True
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = ExerciseSnippet
        skip_postgeneration_save = True

    @factory.post_generation
    def target_muscles(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_muscles.set(extracted)
            self.save()


def publish(page):
    """Publish ``page`` as an editor would (a revision, then publish); returns it reloaded as its specific type."""
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific
