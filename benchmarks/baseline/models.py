"""The plain blog of Wagtail's tutorial: an index and posts with a date, intro, tags and a rich-text body.

Written as the tutorial writes it, with one change so the comparison is fair:
the index lists twelve posts a page, as the package's index does, where the
tutorial lists every child (at 100,000 posts that would compare nothing).
"""

from django.core.paginator import Paginator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

POSTS_PER_PAGE = 12


class BlogIndexPage(Page):
    intro = RichTextField(blank=True)

    content_panels = [*Page.content_panels, "intro"]
    subpage_types = ["bench_baseline.BlogPage"]
    template = "baseline/blog_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        posts = BlogPage.objects.child_of(self).live().order_by("-first_published_at")
        context["blogpages"] = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
        return context


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey("BlogPage", related_name="tagged_items", on_delete=models.CASCADE)


class BlogPage(Page):
    date = models.DateField("Post date")
    intro = models.CharField(max_length=250)
    body = RichTextField(blank=True)
    tags = ClusterTaggableManager(through=BlogPageTag, blank=True)

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    content_panels = [*Page.content_panels, "date", "intro", "body", "tags"]
    api_fields = [APIField("date"), APIField("intro"), APIField("body"), APIField("tags")]
    parent_page_types = ["bench_baseline.BlogIndexPage"]
    template = "baseline/blog_page.html"
