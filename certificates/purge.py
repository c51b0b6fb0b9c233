"""Certificate retention (``purge_personal_data --certificates-older-than``): certificates are
kept ``CERTIFICATE_RETENTION_DAYS`` (7 years) after the workshop, longer than the sign-up they
came from, because licences are renewed every 5 years. Then they are deleted and their numbers
no longer verify."""

from .models import Certificate


def purge_certificates(cutoff, dry_run=False):
    rows = Certificate.objects.filter(enrollment__workshop__ends_at__lt=cutoff)
    count = rows.count()
    if not dry_run:
        rows.delete()
    return {"certificates deleted": count}
