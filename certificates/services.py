"""Certificates: issued when a workshop's attendance closes, emailed once, corrected once,
revoked by staff; and the automatic closing (``close_overdue_attendance``).

Issuing happens in the closing transaction (``attendance.services.attendance_closed``), with the
workshop's row locked: one certificate per attendee (the sign-up is unique). The emails, each
with its PDF, go out after the commit, one certificate at a time: the certificate's row is
locked and its ``emailed_at`` set in the transaction that queues its email, so two senders at
once (a close and the cron job) send each one once, and the PDFs are drawn outside any lock."""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance.models import Attendance
from attendance.services import close_attendance
from feedback.services import invite
from workshops.models import Enrollment, Workshop

from . import emails
from .models import Certificate, CloseReminder, printed_name
from .pdf import certificate_pdf

logger = logging.getLogger(__name__)

# Attendance a facilitator has not completed closes by itself this long after the end, and they
# are reminded this long after the end.
CLOSE_AFTER = timedelta(hours=48)
REMIND_AFTER = timedelta(hours=24)


class CertificateError(Exception):
    """A change that cannot be made; ``message`` is what the user reads."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def issue_certificates(*, workshop: Workshop) -> list[Certificate]:
    """A certificate and a survey invitation for each attendee of ``workshop`` who has none yet.
    Call in the transaction that closes its attendance; the emails follow the commit."""
    now = timezone.now()
    hours = workshop.certified_hours
    attendees = (
        workshop.enrollments.attended()
        .exclude(status=Enrollment.Status.CANCELLED)
        .filter(certificate__isnull=True)
        .order_by("pk")
    )
    issued = []
    for enrollment in attendees:
        name = printed_name(enrollment.full_name)
        issued.append(
            Certificate.objects.create(
                enrollment=enrollment, name=name, original_name=name, hours=hours, issued_at=now
            )
        )
        invite(enrollment=enrollment)
    if issued:
        transaction.on_commit(lambda: send_unsent(workshop=workshop))
    logger.info("certificates issued workshop=%s count=%s", workshop.pk, len(issued))
    return issued


def _send_one(pk) -> bool:
    certificate = Certificate.objects.select_related("enrollment__workshop__course").get(pk=pk)
    pdf = certificate_pdf(certificate)
    with transaction.atomic():
        locked = (
            Certificate.objects.unsent()
            .select_for_update()
            .filter(pk=pk, name=certificate.name)
            .first()
        )
        if locked is None:  # sent by another run meanwhile (or renamed: the next run sends it)
            return False
        emails.certificate_issued(certificate, pdf)
        Certificate.objects.filter(pk=pk).update(emailed_at=timezone.now())
    return True


def send_unsent(*, workshop: Workshop | None = None) -> int:
    """Email every certificate not emailed yet (of ``workshop``, or all); returns how many."""
    rows = Certificate.objects.unsent()
    if workshop is not None:
        rows = rows.filter(enrollment__workshop=workshop)
    return sum(_send_one(pk) for pk in list(rows.order_by("pk").values_list("pk", flat=True)))


def correct_name(*, certificate: Certificate, name: str) -> Certificate:
    """The teacher corrects the spelling of their name, once. The PDF is drawn from the new
    name from now on; ``original_name`` keeps the first one for staff."""
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.is_revoked:
            raise CertificateError(_("This certificate was revoked."))
        if certificate.name_corrected_at is not None:
            raise CertificateError(
                _("The name on this certificate was corrected already and cannot change again.")
            )
        certificate.name = printed_name(name)
        certificate.name_corrected_at = timezone.now()
        certificate.save(update_fields=["name", "name_corrected_at"])
    logger.info("certificate name corrected id=%s", certificate.pk)
    return certificate


def revoke(*, certificate: Certificate, reason: str = "") -> bool:
    """Staff revoke a certificate: the verification page says "revoked" from now on."""
    updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason[:300]
    )
    return bool(updated)


# The automatic closing ---------------------------------------------------------------------------
def _remind_one(pk, now) -> bool:
    try:
        with transaction.atomic():
            workshop = (
                Workshop.objects.select_for_update()
                .filter(pk=pk, attendance_closed_at__isnull=True)
                .first()
            )
            if workshop is None or CloseReminder.objects.filter(workshop_id=pk).exists():
                return False
            CloseReminder.objects.create(workshop=workshop, sent_at=now)
            emails.close_reminder(workshop, closes_at=workshop.ends_at + CLOSE_AFTER)
    except IntegrityError:  # another run reminded them
        return False
    return True


def remind_facilitators(now=None) -> int:
    """Remind the facilitators of workshops that ended ``REMIND_AFTER`` ago and whose attendance
    is still open (once per workshop; not when it is about to close anyway)."""
    now = now or timezone.now()
    due = (
        Workshop.objects.attendance_not_taken(now - REMIND_AFTER)
        .filter(ends_at__gt=now - CLOSE_AFTER, close_reminder__isnull=True)
        .values_list("pk", flat=True)
    )
    return sum(_remind_one(pk, now) for pk in list(due))


def close_overdue(now=None) -> int:
    """Close the attendance of workshops that ended ``CLOSE_AFTER`` ago, issuing their
    certificates. Only those where someone was marked: a workshop nobody took attendance for
    stays open, so staff still find it under "attendance not taken"."""
    now = now or timezone.now()
    marked = Attendance.objects.filter(enrollment__workshop=OuterRef("pk"))
    overdue = Workshop.objects.attendance_not_taken(now - CLOSE_AFTER).filter(Exists(marked))
    return sum(close_attendance(workshop=w, by=None) for w in list(overdue.order_by("pk")))
