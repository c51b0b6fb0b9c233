from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from pages.urls import catch_all
from workshops.sitemaps import FinderSitemap, WorkshopSitemap

from . import views
from .sitemaps import SITEMAPS

handler400 = "pdsite.views.bad_request"
handler404 = "pdsite.views.page_not_found"
handler500 = "pdsite.views.server_error"

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
    path("privacy", views.privacy, name="privacy"),
    path("facilitate/", include("feedback.facilitate_urls")),
    path("facilitate/", include("facilitate.urls")),
    path("", include("certificates.urls")),
    path("", include("feedback.urls")),
    path("", include("workshops.urls")),
    path("", include("inquiries.urls")),
    path("", include("alerts.urls")),
    path("", include("pages.urls")),
    *catch_all,
]

if settings.BENCHMARK_VIEWS:
    urlpatterns.insert(0, path("bench/bare", views.bare))
