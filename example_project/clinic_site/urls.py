from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v3.urls import api as api_v3
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from wagtail_runstrength.api.v2 import ArticlesAPIViewSet, ExercisesAPIViewSet, PagesAPIViewSet

api_v2 = WagtailAPIRouter("wagtailapi")
# Register the package's endpoints first: Wagtail's router links each page to
# the first endpoint whose model it matches, so articles' detail_url is /articles/<id>/.
api_v2.register_endpoint("articles", ArticlesAPIViewSet)
api_v2.register_endpoint("exercises", ExercisesAPIViewSet)
api_v2.register_endpoint("pages", PagesAPIViewSet)
api_v2.register_endpoint("images", ImagesAPIViewSet)
api_v2.register_endpoint("documents", DocumentsAPIViewSet)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_v2.urls),
    path("api/v3/", api_v3.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches every other path, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
