from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from pages.urls import catch_all
from workshops.sitemaps import FinderSitemap, StateSitemap, WorkshopSitemap

from . import views
from .sitemaps import SITEMAPS

handler400 = "pdsite.views.bad_request"
handler404 = "pdsite.views.page_not_found"
handler500 = "pdsite.views.server_error"

# Not translated: the admin (staff work in English) and the files machines read.
urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap,
        {
            "sitemaps": {
                **SITEMAPS,
                "finder": FinderSitemap,
                "states": StateSitemap,
                "workshops": WorkshopSitemap,
            }
        },
        name="sitemap",
    ),
    path("healthz", views.healthz, name="healthz"),
]

# Every page for people: English at today's addresses, Spanish under /es/ (pdsite.i18n). The
# partners' feeds (in workshops.urls) keep their English addresses; their /es/ twins give the
# same data, with the human-readable fields in Spanish once those are marked.
urlpatterns += i18n_patterns(
    path("", include("workshops.urls")),
    path("", include("inquiries.urls")),
    path("", include("alerts.urls")),
    path("privacy", views.privacy, name="privacy"),
    path("facilitate/", include("feedback.facilitate_urls")),
    path("facilitate/", include("facilitate.urls")),
    path("", include("certificates.urls")),
    path("", include("feedback.urls")),
    path("", include("pages.urls")),
    *catch_all,
    prefix_default_language=False,
)

if settings.BENCHMARK_VIEWS:
    urlpatterns.insert(0, path("bench/bare", views.bare))
