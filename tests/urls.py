from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v3.urls import api as api_v3
from wagtail.documents import urls as wagtaildocs_urls

from wagtail_runstrength.api.v2 import ArticlesAPIViewSet, ExercisesAPIViewSet, PagesAPIViewSet
from wagtail_runstrength.api.v2_media import DocumentsAPIViewSet, ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
# Register the package's endpoints first: Wagtail's router links each page to
# the first endpoint whose model it matches, so articles' detail_url is /articles/<id>/.
api_router.register_endpoint("articles", ArticlesAPIViewSet)
api_router.register_endpoint("exercises", ExercisesAPIViewSet)
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/v3/", api_v3.urls),
    path("", include(wagtail_urls)),
]
