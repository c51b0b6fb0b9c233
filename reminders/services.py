"""Send the reminders that are due: one email per (sign-up, kind), ever.

Each reminder is a ``Reminder`` row written in the same transaction as its outbox email. The
row's unique (sign-up, kind) constraint is what makes two runs at once safe: the second insert
waits for the first transaction and then fails (PostgreSQL), or waits for the write lock
(SQLite), so it is skipped and no second email is queued."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from workshops.models import Enrollment, Workshop

from . import emails, schedule
from .models import Reminder

logger = logging.getLogger(__name__)


def _send_one(enrollment_pk, due, now):
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


def send_due_reminders(now=None) -> int:
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
