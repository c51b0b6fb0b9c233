"""Personal data retention for email: see ``manage.py purge_personal_data``."""

from .models import OutgoingEmail


def purge_sent_emails(cutoff, dry_run=False):
    """Delete emails sent before ``cutoff`` (they hold names and addresses); unsent ones stay."""
    emails = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT, sent_at__lt=cutoff)
    count = emails.count()
    if not dry_run:
        emails.delete()
    return {"sent emails deleted": count}
