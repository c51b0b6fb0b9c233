from django.contrib.sitemaps import Sitemap

from pages.models import Page


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Page.objects.published().filter(in_sitemap=True)

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {"pages": PageSitemap}
