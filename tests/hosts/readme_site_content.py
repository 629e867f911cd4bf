"""Write an article with exercises and related posts on a migrated host, then read it back.

Run with the host's settings after ``manage.py migrate`` (``tests/test_readme_install.py``
does)::

    python manage.py shell --command "exec(open('readme_site_content.py').read())"

It makes what an editor would make in the admin: exercises with photos in the
seeded muscle groups, a blog under the home page, two published articles (the
second with an exercise group, a single exercise and a related-posts block
that picks the first), a draft, and an exercise library page. It then requests
the article, the blog, the exercise library, the host's search page and the API
with Django's test client and prints one JSON object for the test to check.
"""

import io
import json
import sys

from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Site

from wagtail_runstrength.models import (
    ArticleIndexPage,
    ArticlePage,
    ExerciseLibraryPage,
    ExerciseSnippet,
    MuscleGroup,
)


def photo(title: str, colour: tuple[int, int, int]):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), colour).save(buffer, format="JPEG")
    from django.core.files.images import ImageFile

    image = get_image_model()(title=title, file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.jpg"))
    image.save()
    return image


def exercise(name: str, slug: str, muscles: list[str], colour):
    item = ExerciseSnippet.objects.create(
        name=name,
        slug=slug,
        summary=f"{name}: slow and controlled, both sides.",
        image=photo(name, colour),
        sets=3,
        reps=10,
        rest_seconds=60,
        live=True,
    )
    # A ParentalManyToManyField keeps the choice in memory until the exercise is saved, as the admin does.
    item.target_muscles.set(MuscleGroup.objects.filter(slug__in=muscles))
    item.save()
    return item


home = Site.objects.get(is_default_site=True).root_page.specific
blog = home.add_child(instance=ArticleIndexPage(title="Running strength", slug="strength"))
blog.save_revision().publish()
library = home.add_child(instance=ExerciseLibraryPage(title="Exercise library", slug="exercises"))
library.save_revision().publish()

step_up = exercise("Box step-up", "box-step-up", ["quadriceps", "glute-max"], (180, 90, 40))
calf_raise = exercise("Single-leg calf raise", "single-leg-calf-raise", ["calves"], (40, 90, 180))
bridge = exercise("Hamstring bridge", "hamstring-bridge", ["hamstrings", "glute-max"], (40, 160, 90))

first = blog.add_child(
    instance=ArticlePage(
        title="Warming up for hill repeats",
        slug="warming-up-for-hill-repeats",
        intro="<p>Ten minutes that make the first climb easier.</p><p>Do it before every session.</p>",
        body=[("paragraph", "<p>Jog easy, then add three short strides.</p>")],
    )
)
first.save_revision().publish()

article = blog.add_child(
    instance=ArticlePage(
        title="Single-leg strength for hill runners",
        slug="single-leg-strength",
        intro="<p>Why hills ask more of each leg.</p>",
        hero_image=photo("Runner on a hill", (120, 120, 120)),
        hero_alt="A runner climbing a steep grassy hill",
        body=[
            ("heading", {"text": "The exercises", "level": "h2"}),
            ("exercise_group", {"heading": "Twice a week", "exercises": [{"exercise": step_up}, {"exercise": bridge}]}),
            ("exercise", {"exercise": calf_raise, "note": "Lower for three seconds."}),
            ("related_posts", {"heading": "Keep reading", "posts": [first]}),
        ],
    )
)
article.save_revision().publish()

draft = blog.add_child(instance=ArticlePage(title="An unfinished draft", slug="draft", live=False))
draft.save_revision()

client = Client()
json.dump(
    {
        "image_model": get_image_model()._meta.label,
        "hero_image_model": type(ArticlePage.objects.get(pk=article.pk).hero_image)._meta.label,
        "article": {"status": (r := client.get(article.url)).status_code, "html": r.content.decode()},
        "index": {"status": (r := client.get(blog.url)).status_code, "html": r.content.decode()},
        "exercise": {
            "status": (r := client.get(f"{library.url}{calf_raise.slug}/")).status_code,
            "html": r.content.decode(),
        },
        "search_by_exercise": client.get("/search/", {"query": "calf raise"}).content.decode(),
        "search_by_muscle": client.get("/search/", {"query": "hamstrings"}).content.decode(),
        "api_v2_articles": client.get("/api/v2/articles/").json(),
        "api_v2_article": client.get(f"/api/v2/articles/{article.pk}/").json(),
        "api_v3_exercises": (r := client.get("/api/v3/exercises/")).status_code == 200 and r.json(),
        "api_v3_openapi": sorted(client.get("/api/v3/openapi.json").json()["paths"]),
        "renditions": get_image_model().get_rendition_model().objects.filter(image=article.hero_image).count(),
        "draft_url": draft.url,
    },
    sys.stdout,
)
