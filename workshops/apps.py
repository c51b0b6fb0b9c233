from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = "K-5 workshops"

    def ready(self):
        # Cache invalidation only (no side effects beyond the cache): a saved or deleted
        # workshop or course makes every cached page and count stale (workshops.caching).
        from .caching import bump_version
        from .models import Course, Workshop

        for model in (Workshop, Course):
            post_save.connect(bump_version, sender=model, dispatch_uid=f"bump-{model.__name__}")
            post_delete.connect(bump_version, sender=model, dispatch_uid=f"del-{model.__name__}")
