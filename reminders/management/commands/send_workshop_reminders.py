from django.core.management.base import BaseCommand

from reminders.services import send_due_reminders


class Command(BaseCommand):
    help = (
        "Queue the workshop reminders that are due (seat holders REMINDER_DAYS before, the "
        "waitlist note WAITLIST_NOTE_DAYS before). Run from cron every hour; safe to run twice "
        "at once and to miss a run: no reminder is sent twice, and a missed one is caught up "
        "within two days of its moment."
    )

    def handle(self, *args, **options):
        count = send_due_reminders()
        self.stdout.write(f"Queued {count} reminder(s).")
