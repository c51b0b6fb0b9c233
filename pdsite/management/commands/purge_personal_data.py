from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

# Each app's purge function: (cutoff, dry_run) -> {what: count}, and which retention it keeps
# to: certificates have their own (licences are renewed every 5 years), the rest the personal
# data retention. Sent emails go last: the others may still name them.
PURGERS = [
    ("workshops", "workshops.purge.purge_enrollments", "personal"),
    ("inquiries", "inquiries.purge.purge_inquiries", "personal"),
    ("alerts", "alerts.purge.purge_alerts", "personal"),
    ("reminders", "reminders.purge.purge_reminders", "personal"),
    ("feedback", "feedback.purge.purge_responses", "personal"),
    ("certificates", "certificates.purge.purge_certificates", "certificates"),
    ("outbox", "outbox.purge.purge_sent_emails", "personal"),
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
        now = timezone.now()
        cutoffs = {
            "personal": now - timedelta(days=older_than),
            "certificates": now - timedelta(days=certificates_older_than),
        }
        totals = {}
        with transaction.atomic():
            for app_label, path, retention in PURGERS:
                if not apps.is_installed(app_label):
                    continue
                try:
                    purge = import_string(path)
                except ImportError as error:
                    # Skipping it would keep that app's personal data and still say "Done".
                    raise CommandError(
                        f"{app_label}'s purge ({path}) cannot be imported: {error}. "
                        "Nothing was purged."
                    ) from error
                totals.update(purge(cutoffs[retention], dry_run=dry_run))
        prefix = "Dry run, nothing changed. Would have: " if dry_run else "Done: "
        summary = "; ".join(f"{what}: {count}" for what, count in totals.items())
        self.stdout.write(
            f"{prefix}{summary} (older than {older_than} days; certificates older than "
            f"{certificates_older_than} days)."
        )
