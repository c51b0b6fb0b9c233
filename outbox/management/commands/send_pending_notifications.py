from django.core.management.base import BaseCommand

from outbox.services import send_pending


class Command(BaseCommand):
    help = (
        "Send every email that has not gone out yet (new or failed). Safe to run from cron every "
        "few minutes, and safe to run twice at once: no email is sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="At most this many emails.")

    def handle(self, *args, limit, **options):
        sent, failed = send_pending(limit=limit)
        self.stdout.write(f"Sent {sent} email(s); {failed} failed and will be retried.")
