from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from pages.models import Page


class SiteSitemap(Sitemap):
    """A sitemap whose addresses start with settings.SITE_URL, whatever host the request used
    (behind a proxy the request's host is not the public one), except in development, where
    they are the request's own (``pdsite.links``). Base class for every sitemap.

    Every address is listed in each language, with its alternates (hreflang) and the English
    one as x-default."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        if settings.SITE_URL_FROM_REQUEST and protocol:
            return protocol
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        if settings.SITE_URL_FROM_REQUEST and site is not None:
            return site.domain
        return urlsplit(settings.SITE_URL).netloc


class PageSitemap(SiteSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Page.objects.published().filter(in_sitemap=True)

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {"pages": PageSitemap}
