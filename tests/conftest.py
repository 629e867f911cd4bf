import shutil

import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from tests.factories import ArticleIndexPageFactory, HomePageFactory


@pytest.fixture(autouse=True)
def temporary_media_root(settings, tmp_path):
    """Keep uploaded images and renditions out of the source tree."""
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(db):
    """A site whose root is a fresh home page, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="clinic")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname = "localhost"
    site.save()
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return site


@pytest.fixture
def index_page(site):
    return ArticleIndexPageFactory(parent=site.root_page, slug="blog")
