"""Send the reminders that are due: one email per (sign-up, kind), ever.

Each reminder is a ``Reminder`` row written in the same transaction as its outbox email. The
row's unique (sign-up, kind) constraint is what makes two runs at once safe: the second insert
waits for the first transaction and then fails (PostgreSQL), or waits for the write lock
(SQLite), so it is skipped and no second email is queued."""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from workshops.models import Enrollment, Workshop

from . import emails, schedule
from .models import Reminder

logger = logging.getLogger(__name__)


def _send_one(enrollment_pk: int, due: schedule.Due, now: datetime.datetime) -> bool:
    try:
        with transaction.atomic():
            enrollment = (
                Enrollment.objects.select_for_update()
                .select_related("workshop", "workshop__course")
                .filter(pk=enrollment_pk, status=due.status)
                .first()
            )
            if enrollment is None:  # cancelled or moved up meanwhile
                return False
            if Reminder.objects.filter(enrollment=enrollment, kind=due.kind).exists():
                return False  # another run sent it while this one waited for the lock
            Reminder.objects.create(enrollment=enrollment, kind=due.kind, sent_at=now)
            emails.reminder(enrollment, due)
    except IntegrityError:  # another run sent it
        return False
    return True


def send_due_reminders(*, now: datetime.datetime | None = None) -> int:
    """Queue every reminder due at ``now``; returns how many were queued."""
    now = now or timezone.now()
    sent = 0
    workshops = Workshop.objects.published().filter(
        starts_at__gt=now, starts_at__lte=now + schedule.horizon()
    )
    for workshop in workshops.iterator():
        for due in schedule.due(workshop, now):
            pks = (
                workshop.enrollments.filter(status=due.status, created_at__lte=due.moment)
                .exclude(reminders__kind=due.kind)
                .order_by("created_at", "pk")
                .values_list("pk", flat=True)
            )
            for pk in list(pks):
                sent += _send_one(pk, due, now)
    logger.info("reminders queued=%s", sent)
    return sent


# When staff change a workshop ------------------------------------------------------------------
# The fields whose change moves the day: teachers and facilitators are told (old, then new).
WHEN_WHERE = ["starts_at", "ends_at", "venue_name", "street_address", "city", "state", "zip_code"]


def changed_fields(before: Workshop, after: Workshop) -> list[str]:
    return [name for name in WHEN_WHERE if getattr(before, name) != getattr(after, name)]


def change_recipients(workshop: Workshop) -> tuple[list[Enrollment], list[str]]:
    """Who a change of date, time or place is emailed to: the enrolled and waitlisted teachers,
    and the facilitators (the contact address and the linked accounts, each address once)."""
    teachers = list(
        workshop.enrollments.filter(
            status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.WAITLISTED]
        ).order_by("created_at", "pk")
    )
    addresses = [workshop.facilitator_email]
    addresses += [u.email for u in workshop.facilitators.order_by("pk") if u.email]
    facilitators = list(dict.fromkeys(a.strip().lower() for a in addresses if a.strip()))
    return teachers, facilitators


def needs_change_notice(before: Workshop, after: Workshop) -> bool:
    return (
        after.is_published
        and bool(changed_fields(before, after))
        and after.enrollments.filter(
            status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.WAITLISTED]
        ).exists()
    )


def announce_change(*, before: Workshop, workshop: Workshop) -> int:
    """Staff moved a published workshop with sign-ups (date, time or place): raise its calendar
    SEQUENCE and email everyone signed up and the facilitators what changed, with the updated
    .ics. Call in the transaction that saved ``workshop``. Returns the number of emails."""
    if not needs_change_notice(before, workshop):
        return 0
    with transaction.atomic():
        Workshop.objects.filter(pk=workshop.pk).update(sequence=F("sequence") + 1)
        workshop.refresh_from_db(fields=["sequence"])
        changes = changed_fields(before, workshop)
        teachers, facilitators = change_recipients(workshop)
        for enrollment in teachers:
            emails.workshop_changed(workshop, before, changes, enrollment=enrollment)
        for address in facilitators:
            emails.workshop_changed(workshop, before, changes, to=address)
    logger.info(
        "workshop changed id=%s fields=%s emailed=%s",
        workshop.pk,
        ",".join(changes),
        len(teachers) + len(facilitators),
    )
    return len(teachers) + len(facilitators)
