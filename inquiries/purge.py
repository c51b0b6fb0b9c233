"""Personal data retention for inquiries: see ``manage.py purge_personal_data``."""

from django.db.models import DateTimeField, Max, Q
from django.db.models.functions import Coalesce

from .models import Inquiry, InquiryStatus

ANONYMISED_NAME = "Removed"
CLOSED = [InquiryStatus.AGREED, InquiryStatus.DECLINED]


def closed_before(cutoff):
    """Closed inquiries (partnership agreed or declined) closed before ``cutoff``, not yet
    anonymised. An inquiry was closed when its status last changed to agreed or declined (its
    last update if that change was never recorded)."""
    return (
        Inquiry.objects.filter(status__in=CLOSED)
        .annotate(
            closed_at=Coalesce(
                Max("status_changes__changed_at", filter=Q(status_changes__to_status__in=CLOSED)),
                "updated_at",
                output_field=DateTimeField(),
            )
        )
        .filter(closed_at__lt=cutoff)
        .exclude(Q(first_name=ANONYMISED_NAME) & Q(email__endswith="@invalid"))
    )


def purge_inquiries(cutoff, dry_run=False):
    """Anonymise inquiries closed before ``cutoff``: the contact's name, email, phone and
    message go; the district, state, city, school counts, programmes and status stay, so staff
    can still count partnerships by state."""
    pks = list(closed_before(cutoff).values_list("pk", flat=True))
    if not dry_run:
        for pk in pks:
            Inquiry.objects.filter(pk=pk).update(
                first_name=ANONYMISED_NAME,
                last_name="",
                email=f"removed-{pk}@invalid",
                phone="",
                message="",
            )
    return {"closed inquiries anonymised": len(pks)}
