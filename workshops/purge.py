"""Personal data retention for sign-ups: see ``manage.py purge_personal_data``."""

from django.db.models import Q

from pdsite.tokens import new_token

from .models import Enrollment

ANONYMISED_NAME = "Removed"


def purge_enrollments(cutoff, dry_run=False):
    """Anonymise sign-ups for workshops that ended before ``cutoff``.

    Names and email addresses go; the school, its ZIP, role, grades and status stay, so staff
    can still count who came from where. The token is replaced, so old links stop working."""
    rows = Enrollment.objects.filter(workshop__ends_at__lt=cutoff).exclude(
        Q(first_name=ANONYMISED_NAME) & Q(email__endswith="@invalid")
    )
    count = rows.count()
    if not dry_run:
        for enrollment in rows.only("pk").iterator():
            Enrollment.objects.filter(pk=enrollment.pk).update(
                first_name=ANONYMISED_NAME,
                last_name="",
                email=f"removed-{enrollment.pk}@invalid",
                token=new_token(),
            )
    return {"sign-ups anonymised": count}
