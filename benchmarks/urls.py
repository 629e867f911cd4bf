"""The benchmark host's URLs: the package's API v2 endpoints, Wagtail's own pages endpoint for the baseline, v3."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.api.v3.urls import api as api_v3
from wagtail.images.api.v2.views import ImagesAPIViewSet

from wagtail_runstrength.api.v2 import ArticlesAPIViewSet, ExercisesAPIViewSet, PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
# The package's endpoints first, so an article's detail_url is /articles/<id>/ as in the test host.
# "pages" is the package's pages endpoint, as a host registers it (the read path headless frontends use);
# the baseline blog is served by Wagtail's own pages endpoint, untouched, as "plain-pages".
api_router.register_endpoint("articles", ArticlesAPIViewSet)
api_router.register_endpoint("exercises", ExercisesAPIViewSet)
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("plain-pages", WagtailPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("api/v3/", api_v3.urls),
    path("", include(wagtail_urls)),
]
