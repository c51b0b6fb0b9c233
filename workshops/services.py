"""Sign-up actions with side effects: enrol, cancel a sign-up, cancel a workshop.

Each action runs in one transaction that first locks the workshop's row, so the seat count it
reads cannot change under it: two teachers racing for the last seat are served one after the
other (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite every write transaction begins with
``BEGIN IMMEDIATE``, which serialises writers). Emails are queued in the same transaction and go
out after the commit (``outbox.services``).
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy

from alerts.services import notify_new_workshops

from . import caching, emails
from .models import Enrollment, Workshop

logger = logging.getLogger(__name__)

ALREADY_SIGNED_UP = gettext_lazy(
    "This email address is already signed up for this workshop. The confirmation email we sent "
    "has a link to see or cancel that sign-up."
)


class SignupError(Exception):
    """A sign-up or cancellation that cannot be done; ``message`` is what the visitor reads."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SignupClosed(SignupError):
    """The workshop does not take sign-ups (any more)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class AlreadySignedUp(SignupError):
    def __init__(self, message: str = ALREADY_SIGNED_UP):
        super().__init__(message)


def _locked(workshop: Workshop) -> Workshop:
    return Workshop.objects.select_for_update().get(pk=workshop.pk)


def _count_seats(workshop: Workshop, *, seats: int = 0, waitlist: int = 0) -> None:
    """Move the locked ``workshop``'s seat columns by ``seats`` and ``waitlist``. The database
    refuses a count past the capacity (``workshop_seats_within_capacity``): the last word, should
    any code path ever get the arithmetic wrong."""
    Workshop.objects.filter(pk=workshop.pk).update(
        seats_taken=F("seats_taken") + seats, waitlist_size=F("waitlist_size") + waitlist
    )
    workshop.seats_taken += seats
    workshop.waitlist_size += waitlist
    caching.bump_version()  # an UPDATE sends no signal; the pages show the seats


def _grades(value: str | list[str]) -> str:
    if isinstance(value, str):
        return value
    return ",".join(value)


def enroll(*, workshop: Workshop, data: dict) -> Enrollment:
    """Sign a teacher up for ``workshop``: a seat if one is free, else a place on the waitlist.

    ``data`` holds first_name, last_name, email, school_name, school_zip, role and grades (a
    list such as ["K", "1"]). Raises ``SignupClosed`` or ``AlreadySignedUp``."""
    email = data["email"].strip()
    with transaction.atomic():
        workshop = _locked(workshop)
        reason = workshop.closed_reason()
        if reason:
            raise SignupClosed(reason)
        if workshop.enrollments.active().filter(email__iexact=email).exists():
            raise AlreadySignedUp()
        status = Enrollment.Status.WAITLISTED if workshop.is_full else Enrollment.Status.ENROLLED
        try:
            with transaction.atomic():  # a savepoint: the constraint is the last word
                enrollment = Enrollment.objects.create(
                    workshop=workshop,
                    first_name=data["first_name"].strip(),
                    last_name=data["last_name"].strip(),
                    email=email,
                    school_name=data["school_name"].strip(),
                    school_zip=data["school_zip"].strip(),
                    role=data["role"],
                    grades=_grades(data["grades"]),
                    status=status,
                )
        except IntegrityError as exc:
            raise AlreadySignedUp() from exc
        if status == Enrollment.Status.ENROLLED:
            _count_seats(workshop, seats=1)
        else:
            _count_seats(workshop, waitlist=1)
        enrollment.workshop = workshop
        emails.signed_up(enrollment)
        emails.facilitator_signup_notice(enrollment)
    logger.info(
        "enrollment created id=%s workshop=%s status=%s", enrollment.pk, workshop.pk, status
    )
    return enrollment


def cancel_enrollment(enrollment: Enrollment) -> Enrollment | None:
    """Cancel a teacher's sign-up and give a freed seat to the first person on the waitlist.

    Returns the promoted ``Enrollment``, or None. Cancelling twice does nothing the second time.
    Raises ``SignupError`` once the workshop has started."""
    with transaction.atomic():
        workshop = _locked(enrollment.workshop)
        enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        if enrollment.status == Enrollment.Status.CANCELLED:
            return None
        now = timezone.now()
        enrollment.workshop = workshop
        if workshop.starts_at <= now:
            raise SignupError(enrollment.cancel_refusal(now))
        was_waitlisted = enrollment.status == Enrollment.Status.WAITLISTED
        enrollment.status = Enrollment.Status.CANCELLED
        enrollment.cancelled_at = now
        enrollment.save(update_fields=["status", "cancelled_at", "updated_at"])
        if was_waitlisted:
            _count_seats(workshop, waitlist=-1)
        else:
            _count_seats(workshop, seats=-1)
        emails.sign_up_cancelled(enrollment, was_waitlisted=was_waitlisted)
        emails.facilitator_cancel_notice(enrollment)
        promoted = None
        if not workshop.is_cancelled and not workshop.is_full:
            promoted = workshop.enrollments.waitlisted().select_for_update().first()
            if promoted is not None:
                promoted.status = Enrollment.Status.ENROLLED
                promoted.promoted_at = now
                promoted.save(update_fields=["status", "promoted_at", "updated_at"])
                _count_seats(workshop, seats=1, waitlist=-1)
                emails.promoted(promoted)
    logger.info(
        "enrollment cancelled id=%s workshop=%s promoted=%s",
        enrollment.pk,
        workshop.pk,
        promoted.pk if promoted else None,
    )
    return promoted


def cancel_workshop(workshop: Workshop, *, reason: str = "") -> int:
    """Cancel a workshop and tell every enrolled and waitlisted teacher (one email each), and
    the facilitator; ``reason`` (staff's words) goes into every email. Returns the number of
    teachers emailed (0 if it was cancelled already)."""
    reason = reason.strip()
    with transaction.atomic():
        workshop = _locked(workshop)
        if workshop.is_cancelled:
            return 0
        workshop.status = Workshop.Status.CANCELLED
        workshop.cancelled_at = timezone.now()
        workshop.save(update_fields=["status", "cancelled_at", "updated_at"])
        teachers = list(workshop.enrollments.active().order_by("created_at", "pk"))
        for enrollment in teachers:
            emails.workshop_cancelled(enrollment, reason=reason)
        emails.facilitator_workshop_cancelled(workshop, len(teachers), reason=reason)
    logger.info("workshop cancelled id=%s teachers_emailed=%s", workshop.pk, len(teachers))
    return len(teachers)


def publish(*, workshops: list[Workshop], now: datetime.datetime | None = None) -> int:
    """Make these saved workshops public (the admin's form and action, the importer): each is
    published, its ``published_at`` set once, and each teacher whose confirmed alert they match
    is emailed once, in one digest. Call it inside the transaction that saved them; the emails
    go after the commit. Returns the number of emails queued."""
    if not workshops:
        return 0
    now = now or timezone.now()
    pks = [workshop.pk for workshop in workshops]
    Workshop.objects.filter(pk__in=pks, published_at__isnull=True).update(published_at=now)
    Workshop.objects.filter(pk__in=pks).update(status=Workshop.Status.PUBLISHED)
    for workshop in workshops:
        workshop.status = Workshop.Status.PUBLISHED
        workshop.published_at = workshop.published_at or now
    caching.bump_version()  # an UPDATE sends no signal
    return notify_new_workshops(workshops)
