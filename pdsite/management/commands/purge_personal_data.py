from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from pdsite.models import OutgoingEmail

# Each app's purge function: (cutoff, dry_run) -> {what: count}.
PURGERS = [
    ("workshops", "workshops.purge.purge_enrollments"),
    ("inquiries", "inquiries.purge.purge_inquiries"),
    ("alerts", "alerts.purge.purge_alerts"),
    ("feedback", "feedback.purge.purge_responses"),
]


class Command(BaseCommand):
    help = (
        "Remove or anonymise personal data older than the retention period: sign-ups for "
        "workshops that ended, closed inquiries, unsubscribed or never-confirmed workshop "
        "alerts, and emails already sent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            default=settings.PERSONAL_DATA_RETENTION_DAYS,
            help="Retention in days (default: the PERSONAL_DATA_RETENTION_DAYS setting, "
            f"{settings.PERSONAL_DATA_RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--certificates-older-than",
            type=int,
            metavar="DAYS",
            default=settings.CERTIFICATE_RETENTION_DAYS,
            help="Certificates' own retention in days, after the workshop (default: the "
            f"CERTIFICATE_RETENTION_DAYS setting, {settings.CERTIFICATE_RETENTION_DAYS}: "
            "licences are renewed every 5 years).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would go; change nothing."
        )

    def handle(self, *args, older_than, certificates_older_than, dry_run, **options):
        if older_than < 1 or certificates_older_than < 1:
            self.stderr.write("--older-than must be at least 1 day.")
            raise SystemExit(2)
        cutoff = timezone.now() - timedelta(days=older_than)
        totals = {}
        with transaction.atomic():
            for app_label, path in PURGERS:
                if not apps.is_installed(app_label):
                    continue
                try:
                    purge = import_string(path)
                except ImportError:
                    continue
                totals.update(purge(cutoff, dry_run=dry_run))
            if apps.is_installed("certificates"):
                from certificates.purge import purge_certificates

                certificates_cutoff = timezone.now() - timedelta(days=certificates_older_than)
                totals.update(purge_certificates(certificates_cutoff, dry_run=dry_run))
            emails = OutgoingEmail.objects.filter(sent_at__lt=cutoff)
            totals["sent emails deleted"] = emails.count()
            if not dry_run:
                emails.delete()
        prefix = "Dry run, nothing changed. Would have: " if dry_run else "Done: "
        summary = "; ".join(f"{what}: {count}" for what, count in totals.items())
        self.stdout.write(
            f"{prefix}{summary} (older than {older_than} days; certificates older than "
            f"{certificates_older_than} days)."
        )
