"""The finder and every upcoming published workshop in sitemap.xml (drafts never)."""

from django.urls import reverse

from pdsite.sitemaps import SiteSitemap
from workshops.models import Workshop


class WorkshopSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Workshop.objects.upcoming().only("pk", "updated_at").order_by("starts_at", "pk")

    def lastmod(self, workshop):
        return workshop.updated_at


class FinderSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.9

    def items(self):
        return ["workshops:finder"]

    def location(self, name):
        return reverse(name)


class StateSitemap(SiteSitemap):
    """The state pages that list upcoming workshops."""

    changefreq = "daily"
    priority = 0.7

    def items(self):
        return list(
            Workshop.objects.upcoming().order_by("state").values_list("state", flat=True).distinct()
        )

    def location(self, state):
        return reverse("workshops:state", args=[state])
