"""Attendance actions: mark a sign-up, add a walk-in, close and reopen a workshop's record.

Each runs in one transaction that locks the workshop's row (as ``workshops.services`` does), so
a mark cannot slip in after the record was closed, and closing twice at once closes it once.
None of them touches a seat: attendance is its own record next to the sign-up."""

import logging

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workshops.models import Enrollment, Workshop

from .models import Attendance, AttendanceChange

logger = logging.getLogger(__name__)


class AttendanceError(Exception):
    """An attendance change that cannot be made; ``message`` is what the user reads."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _locked(workshop: Workshop) -> Workshop:
    return Workshop.objects.select_for_update().get(pk=workshop.pk)


def _check_open(workshop: Workshop, by: AbstractBaseUser) -> None:
    # Staff correct a closed record from the admin; a facilitator's edits stop at closing.
    if workshop.attendance_closed_at is not None and not by.is_staff:
        raise AttendanceError(
            _("Attendance for this workshop is complete and can no longer change.")
        )


def record(*, enrollment: Enrollment, present: bool, by: AbstractBaseUser) -> Attendance:
    """Mark ``enrollment`` present or absent. Marking what is already marked changes nothing
    (and writes no history). Raises ``AttendanceError`` for a cancelled sign-up or a closed
    record (unless ``by`` is staff)."""
    with transaction.atomic():
        workshop = _locked(enrollment.workshop)
        _check_open(workshop, by)
        enrollment = Enrollment.objects.get(pk=enrollment.pk)
        if enrollment.status == Enrollment.Status.CANCELLED:
            raise AttendanceError(_("This sign-up was cancelled, so it is not on the roster."))
        attendance = Attendance.objects.filter(enrollment=enrollment).first()
        if attendance is not None and attendance.present == present:
            return attendance
        now = timezone.now()
        if attendance is None:
            attendance = Attendance(enrollment=enrollment)
        attendance.present = present
        attendance.recorded_by = by
        attendance.recorded_at = now
        attendance.save()
        AttendanceChange.objects.create(
            workshop=workshop,
            enrollment=enrollment,
            action=AttendanceChange.Action.PRESENT if present else AttendanceChange.Action.ABSENT,
            by=by,
            at=now,
        )
    return attendance


def add_walk_in(*, workshop: Workshop, data: dict, by: AbstractBaseUser) -> Enrollment:
    """Add a teacher who came without a sign-up: an ``Enrollment`` with status ``walk_in`` (no
    seat) marked present. ``data`` holds first_name, last_name, email, school_name and
    school_zip. Raises ``AttendanceError`` if that email is already on the roster."""
    email = data["email"].strip()
    with transaction.atomic():
        workshop = _locked(workshop)
        _check_open(workshop, by)
        if workshop.enrollments.active().filter(email__iexact=email).exists():
            raise AttendanceError(
                _("%(email)s is already on the roster: mark them present there.") % {"email": email}
            )
        now = timezone.now()
        try:
            with transaction.atomic():
                enrollment = Enrollment.objects.create(
                    workshop=workshop,
                    first_name=data["first_name"].strip(),
                    last_name=data["last_name"].strip(),
                    email=email,
                    school_name=data["school_name"].strip(),
                    school_zip=data["school_zip"].strip(),
                    role=data.get("role") or Enrollment.Role.OTHER,
                    grades="",
                    status=Enrollment.Status.WALK_IN,
                )
        except IntegrityError as exc:
            raise AttendanceError(
                _("%(email)s is already on the roster: mark them present there.") % {"email": email}
            ) from exc
        Attendance.objects.create(
            enrollment=enrollment, present=True, recorded_by=by, recorded_at=now
        )
        AttendanceChange.objects.create(
            workshop=workshop,
            enrollment=enrollment,
            action=AttendanceChange.Action.WALK_IN,
            by=by,
            at=now,
        )
    logger.info("walk-in added id=%s workshop=%s", enrollment.pk, workshop.pk)
    return enrollment


def close_attendance(*, workshop: Workshop, by: AbstractBaseUser) -> bool:
    """Mark the workshop's attendance complete. Returns True if it closed now, False if it was
    closed already (closing twice, even at once, does nothing the second time)."""
    with transaction.atomic():
        workshop = _locked(workshop)
        if workshop.attendance_closed_at is not None:
            return False
        now = timezone.now()
        workshop.attendance_closed_at = now
        workshop.attendance_closed_by = by
        workshop.save(update_fields=["attendance_closed_at", "attendance_closed_by", "updated_at"])
        AttendanceChange.objects.create(
            workshop=workshop, action=AttendanceChange.Action.CLOSED, by=by, at=now
        )
        # ---- What happens when attendance closes: the ONE place to hook into (certificates,
        # the attendees' thank-you emails). It runs once per closing, in this transaction, with
        # the workshop's row locked.
        attendance_closed(workshop)
    logger.info("attendance closed workshop=%s by=%s", workshop.pk, getattr(by, "pk", None))
    return True


def attendance_closed(workshop: Workshop) -> None:
    """Called once each time ``workshop``'s attendance closes (see ``close_attendance``)."""
    from certificates.services import issue_certificates  # certificates imports this module

    issue_certificates(workshop=workshop)


def reopen_attendance(*, workshop: Workshop, by: AbstractBaseUser) -> bool:
    """Staff reopen a closed record to correct it. Returns False if it was open already."""
    with transaction.atomic():
        workshop = _locked(workshop)
        if workshop.attendance_closed_at is None:
            return False
        workshop.attendance_closed_at = None
        workshop.attendance_closed_by = None
        workshop.save(update_fields=["attendance_closed_at", "attendance_closed_by", "updated_at"])
        AttendanceChange.objects.create(
            workshop=workshop, action=AttendanceChange.Action.REOPENED, by=by, at=timezone.now()
        )
    logger.info("attendance reopened workshop=%s by=%s", workshop.pk, getattr(by, "pk", None))
    return True
