from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from pages.urls import catch_all
from workshops.sitemaps import FinderSitemap, WorkshopSitemap
from workshops.views import feeds

from . import views
from .sitemaps import SITEMAPS

handler400 = "pdsite.views.bad_request"
handler404 = "pdsite.views.page_not_found"
handler500 = "pdsite.views.server_error"

FEEDS = "professional-development-workshops"

# Not translated: the admin (staff work in English), machine-read files, and the partners'
# feeds (their fields are data; their addresses are a published contract).
urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {**SITEMAPS, "finder": FinderSitemap, "workshops": WorkshopSitemap}},
        name="sitemap",
    ),
    path("healthz", views.healthz, name="healthz"),
    path(f"{FEEDS}.json", feeds.workshops_json, name="feed-json"),
    path(f"{FEEDS}.geojson", feeds.workshops_geojson, name="feed-geojson"),
    path(f"{FEEDS}.ics", feeds.workshops_ics, name="feed-ics"),
]

# Every page for people: English at today's addresses, Spanish under /es/ (pdsite.i18n).
urlpatterns += i18n_patterns(
    path("", include("workshops.urls")),
    path("", include("inquiries.urls")),
    path("", include("alerts.urls")),
    path("", include("pages.urls")),
    *catch_all,
    prefix_default_language=False,
)

if settings.BENCHMARK_VIEWS:
    urlpatterns.insert(0, path("bench/bare", views.bare))
