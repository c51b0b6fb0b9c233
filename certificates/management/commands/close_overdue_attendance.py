from django.core.management.base import BaseCommand

from certificates.services import close_overdue, remind_facilitators, send_unsent


class Command(BaseCommand):
    help = (
        "Remind facilitators 24 hours after a workshop whose attendance is still open, close it "
        "48 hours after the end (issuing the certificates), and email any certificate not "
        "emailed yet. Run from cron every hour; safe to run twice at once: each reminder and "
        "each certificate is sent once."
    )

    def handle(self, *args, **options):
        reminded = remind_facilitators()
        closed = close_overdue()
        sent = send_unsent()
        self.stdout.write(
            f"Reminded {reminded} workshop(s), closed {closed}, emailed {sent} certificate(s)."
        )
