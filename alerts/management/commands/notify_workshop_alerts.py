from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from alerts.services import notify_new_workshops
from workshops.models import Workshop


class Command(BaseCommand):
    help = (
        "Email workshop alerts about workshops published in the last N hours. A safety net for "
        "cron: the admin and the import notify at once; running this again sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="Workshops published this recently (24)."
        )

    def handle(self, *args, hours, **options):
        since = timezone.now() - timedelta(hours=hours)
        workshops = Workshop.objects.upcoming().filter(
            Q(published_at__gte=since) | Q(published_at__isnull=True, updated_at__gte=since)
        )
        queued = notify_new_workshops(list(workshops.only("pk")))
        self.stdout.write(f"Queued {queued} alert email(s).")
