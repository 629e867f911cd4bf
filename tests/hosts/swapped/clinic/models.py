"""The host's own article pages, composed from the package's mixins on the host's base page."""

from django.db import models
from hostbase.models import BasePage
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.search import index

from wagtail_runstrength.models import ArticleIndexPageMixin, ArticlePageManager, ArticlePageMixin


class ClinicArticleIndexPage(ArticleIndexPageMixin, BasePage):
    """The clinic's blog section, listing ``ClinicArticlePage`` children."""

    article_model_name = "clinic.ClinicArticlePage"

    content_panels = BasePage.content_panels + ArticleIndexPageMixin.index_content_panels
    search_fields = BasePage.search_fields + ArticleIndexPageMixin.index_search_fields

    subpage_types = ["clinic.ClinicArticlePage"]
    template = "wagtail_runstrength/article_index_page.html"


class ClinicArticlePage(ArticlePageMixin, BasePage):
    """An article with the package's fields and blocks plus the clinic's own ``service`` field."""

    service = models.CharField(
        "service",
        max_length=120,
        blank=True,
        help_text="The clinic service this article promotes, such as “Gait analysis”.",
    )
    tags = ClusterTaggableManager(through="clinic.ClinicArticlePageTag", blank=True)

    objects = ArticlePageManager()

    content_panels = (
        BasePage.content_panels
        + ["service", "tags"]
        + ArticlePageMixin.article_meta_panels
        + ArticlePageMixin.article_content_panels
    )
    search_fields = (
        BasePage.search_fields
        + ArticlePageMixin.article_search_fields
        + [index.RelatedFields("tags", [index.SearchField("name")])]
    )

    parent_page_types = ["clinic.ClinicArticleIndexPage"]
    subpage_types = []
    template = "wagtail_runstrength/article_page.html"


class ClinicArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(ClinicArticlePage, related_name="tagged_items", on_delete=models.CASCADE)
