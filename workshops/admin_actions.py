"""What the workshop admin's actions do: copies for a new date, the roster as CSV."""

import datetime
import io

from pdsite.csv_safe import write_rows

from .models import Enrollment, Workshop
from .venues import venue_datetime

COPIED_FIELDS = [
    "title",
    "course_id",
    "venue_name",
    "street_address",
    "city",
    "state",
    "zip_code",
    "latitude",
    "longitude",
    "time_zone",
    "capacity",
    "facilitator_names",
    "facilitator_email",
    "notes",
]


def copy_for_date(workshop, day):
    """An unsaved draft copy of ``workshop`` on ``day``, at the same local times."""
    start, end = workshop.local_starts_at, workshop.local_ends_at
    days = (end.date() - start.date()).days
    copy = Workshop(**{name: getattr(workshop, name) for name in COPIED_FIELDS})
    copy.status = Workshop.Status.DRAFT
    copy.starts_at = venue_datetime(
        datetime.datetime.combine(day, start.time()), workshop.time_zone
    )
    copy.ends_at = venue_datetime(
        datetime.datetime.combine(day + datetime.timedelta(days=days), end.time()),
        workshop.time_zone,
    )
    return copy


ROSTER_HEADER = [
    "Workshop",
    "Date",
    "Name",
    "Email",
    "School",
    "School ZIP",
    "Role",
    "Grades",
    "Status",
    "Signed up at",
]


def _local(moment, workshop):
    local = moment.astimezone(workshop.tz)
    return f"{local:%Y-%m-%d %H:%M} {local:%Z}"


def roster_csv(workshop_ids):
    """CSV text: one row per active sign-up of the workshops, in date order, enrolled first.

    Times are the venue's local time. Cells that a spreadsheet would run are neutralised."""
    enrollments = (
        Enrollment.objects.active()
        .filter(workshop__in=workshop_ids)
        .select_related("workshop")
        .order_by("workshop__starts_at", "workshop__pk", "status", "created_at", "pk")
    )
    rows = (
        [
            f"{e.workshop.title} ({e.workshop.city}, {e.workshop.state})",
            _local(e.workshop.starts_at, e.workshop),
            e.full_name,
            e.email,
            e.school_name,
            e.school_zip,
            e.get_role_display(),
            e.grades,
            e.get_status_display(),
            _local(e.created_at, e.workshop),
        ]
        for e in enrollments
    )
    out = io.StringIO()
    write_rows(out, ROSTER_HEADER, rows)
    return out.getvalue()
