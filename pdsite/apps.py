from django.apps import AppConfig
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class PdsiteConfig(AppConfig):
    name = "pdsite"
    verbose_name = "Site"

    def ready(self):
        from django.contrib import admin

        # Staff see whose admin this is, in the header and the browser tab.
        admin.site.site_header = format_lazy(_("{site}: staff admin"), site=settings.SITE_NAME)
        admin.site.site_title = format_lazy(_("{site} staff admin"), site=settings.SITE_NAME)
        admin.site.index_title = _("What would you like to manage?")
