"""API v2's ``meta.json_ld``: an article's detail carries the JSON-LD its HTML page prints, so a frontend prints it as is.

The browser test (tests/browser/test_frontend.py) compares the example
frontend's JSON-LD with Wagtail's page; these check the API side on every
read path a frontend uses, and that listings never carry it.
"""

import pytest

from tests.test_seo import article, clinic, get_head  # noqa: F401 - fixtures
from wagtail_runstrength.models import ExerciseLibraryPage, RunStrengthSettings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("frontend", ["", "https://www.clinic.example"])
def test_every_detail_read_path_carries_what_the_page_prints(client, site, article, frontend):  # noqa: F811
    library = ExerciseLibraryPage(title="Exercise library", slug="exercises")
    site.root_page.add_child(instance=library)
    if frontend:
        RunStrengthSettings.objects.filter(site=site).update(frontend_base_url=frontend)
    printed = get_head(client, article.url).json_ld
    assert len(printed) == 1
    exercise_steps = printed[0]["mainEntity"]["hasPart"]["hasPart"]
    assert len(exercise_steps) == 4 and all("/exercises/" in step["url"] for step in exercise_steps)
    for url in (
        f"/api/v2/articles/{article.pk}/",
        f"/api/v2/pages/{article.pk}/",
        f"/api/v2/pages/find/?html_path={article.url}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.json()["meta"]["json_ld"] == printed[0], url
    if frontend:
        assert printed[0]["url"].startswith(frontend + "/")


def test_listings_do_not_carry_it(client, article):  # noqa: F811
    listing = client.get("/api/v2/articles/", {"fields": "*"})
    assert listing.status_code == 200
    assert all("json_ld" not in item["meta"] for item in listing.json()["items"])
    response = client.get("/api/v2/articles/", {"fields": "json_ld"})
    assert response.status_code == 400 and "json_ld" in response.json()["message"]
    response = client.get("/api/v2/pages/", {"fields": "json_ld", "type": "wagtail_runstrength.ArticlePage"})
    assert response.status_code == 400 and "json_ld" in response.json()["message"]


def test_a_library_in_a_private_section_is_not_linked(client, site, article):  # noqa: F811
    """The library's view restrictions are checked inside its own query: one on an ancestor counts too."""
    from wagtail.models import Page, PageViewRestriction

    members = Page(title="Members", slug="members")
    site.root_page.add_child(instance=members)
    library = ExerciseLibraryPage(title="Exercise library", slug="exercises")
    members.add_child(instance=library)
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    printed = get_head(client, article.url).json_ld[0]
    assert all("url" not in step for step in printed["mainEntity"]["hasPart"]["hasPart"])
    for url in (f"/api/v2/pages/{article.pk}/", f"/api/v2/pages/find/?html_path={article.url}"):
        assert client.get(url).json()["meta"]["json_ld"] == printed, url
    # Lifted: the library is linked at once, on the page and in the API alike.
    PageViewRestriction.objects.all().delete()
    printed = get_head(client, article.url).json_ld[0]
    assert all("/members/exercises/" in step["url"] for step in printed["mainEntity"]["hasPart"]["hasPart"])
    assert client.get(f"/api/v2/articles/{article.pk}/").json()["meta"]["json_ld"] == printed
