from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Programme pages"

    def ready(self):
        # Cache invalidation only: a saved or deleted page makes the cached HTML stale.
        from .caching import bump_version
        from .models import Page

        post_save.connect(bump_version, sender=Page, dispatch_uid="pages-bump")
        post_delete.connect(bump_version, sender=Page, dispatch_uid="pages-bump-delete")
