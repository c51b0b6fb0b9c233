"""When each reminder is due: a rule about a workshop's date in its venue's zone.

"N days before" is 8:00 AM, venue time, on the day N days before the workshop's local date (so
across a daylight-saving change it is still 8:00 AM there). A reminder is sent from its moment
until ``CATCH_UP`` later (a missed cron run is caught up), but never once the next, closer
reminder is due nor after the workshop starts: a reminder whose moment has long passed is
dropped, not sent late. A sign-up made after a reminder's moment never gets that reminder."""

import datetime
from dataclasses import dataclass

from django.conf import settings

from workshops.models import Enrollment

SEND_AT = datetime.time(8, 0)
CATCH_UP = datetime.timedelta(days=2)
WAITLIST = "waitlist"


@dataclass(frozen=True)
class Due:
    kind: str  # "days_7", "days_1" or "waitlist"
    status: str  # the sign-ups it goes to
    moment: datetime.datetime


def moment(workshop, days):
    local_date = workshop.local_starts_at.date() - datetime.timedelta(days=days)
    return datetime.datetime.combine(local_date, SEND_AT, tzinfo=workshop.tz)


def _window_end(start, later_moments, workshop):
    ends = [start + CATCH_UP, workshop.starts_at, *[m for m in later_moments if m > start]]
    return min(ends)


def due(workshop, now):
    """The reminders of ``workshop`` that may go out at ``now``."""
    found = []
    days = sorted(set(settings.REMINDER_DAYS), reverse=True)
    seat_moments = [moment(workshop, d) for d in days]
    for d, start in zip(days, seat_moments, strict=True):
        if start <= now < _window_end(start, seat_moments, workshop):
            found.append(Due(f"days_{d}", Enrollment.Status.ENROLLED, start))
    start = moment(workshop, settings.WAITLIST_NOTE_DAYS)
    if start <= now < _window_end(start, [], workshop):
        found.append(Due(WAITLIST, Enrollment.Status.WAITLISTED, start))
    return found


def horizon():
    """How far ahead a workshop can start and still have a reminder due now."""
    return datetime.timedelta(days=max(*settings.REMINDER_DAYS, settings.WAITLIST_NOTE_DAYS) + 1)
