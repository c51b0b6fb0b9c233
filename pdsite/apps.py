from django.apps import AppConfig


class PdsiteConfig(AppConfig):
    name = "pdsite"
    verbose_name = "Site"
