"""Personal data retention for reminders: see ``manage.py purge_personal_data``."""

from .models import Reminder


def purge_reminders(cutoff, dry_run=False):
    """Delete the record of reminders for workshops that ended before ``cutoff``: it only
    served to send each reminder once. (Attendance is kept: its sign-up is anonymised with the
    other sign-ups, walk-ins included, and the counts stay.)"""
    rows = Reminder.objects.filter(enrollment__workshop__ends_at__lt=cutoff)
    count = rows.count()
    if not dry_run:
        rows.delete()
    return {"reminder records deleted": count}
