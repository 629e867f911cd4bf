from clinic.views import search
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v3.urls import api as api_v3
from wagtail.documents import urls as wagtaildocs_urls

from wagtail_runstrength.api.v2 import ArticlesAPIViewSet, ExercisesAPIViewSet, PagesAPIViewSet
from wagtail_runstrength.api.v2_media import DocumentsAPIViewSet, ImagesAPIViewSet
from wagtail_runstrength.sitemaps import sitemap

api_v2 = WagtailAPIRouter("wagtailapi")
# Register the package's endpoints first: Wagtail's router links each page to
# the first endpoint whose model it matches, so articles' detail_url is /articles/<id>/.
api_v2.register_endpoint("articles", ArticlesAPIViewSet)
api_v2.register_endpoint("exercises", ExercisesAPIViewSet)
api_v2.register_endpoint("pages", PagesAPIViewSet)
# Wagtail's images and documents endpoints, with the package's 400s where Wagtail's answer 500 (docs/api.md, "Errors").
api_v2.register_endpoint("images", ImagesAPIViewSet)
api_v2.register_endpoint("documents", DocumentsAPIViewSet)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_v2.urls),
    path("api/v3/", api_v3.urls),
    path("search/", search, name="search"),
    # Each site's live, public pages in every language (the package adds its exercise pages), and where crawlers
    # find them.
    path("sitemap.xml", sitemap, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="clinic/robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches every other path, so it comes last. With DEMO_LANGUAGES the
# pages of each further language are served under its prefix (/fr/); English keeps its addresses.
if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
    urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
else:
    urlpatterns += [path("", include(wagtail_urls))]
