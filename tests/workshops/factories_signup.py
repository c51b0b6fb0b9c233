"""Small factories for the sign-up tests (one per model)."""

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from tests.factories import create_enrollment, create_workshop
from workshops.models import Course, Enrollment, Workshop

_numbers = itertools.count(1)

DENVER = ZoneInfo("America/Denver")


def make_course(**fields):
    n = next(_numbers)
    values = {"name": f"Course {n} (grades 2-3)", "slug": f"course-{n}", "grades": "2-3"}
    values.update(fields)
    return Course.objects.create(**values)


def denver_start(days=30, hour=9):
    """A start ``days`` from now, at ``hour`` o'clock Denver time."""
    day = (timezone.now() + timedelta(days=days)).astimezone(DENVER).date()
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=DENVER)


def make_workshop(zip_code="80202", starts_at=None, hours=6, **fields):
    """A published workshop (Denver by default), 30 days from now, 9:00 to 15:00 local."""
    values = {
        "title": "Computer science fundamentals",
        "course": fields.pop("course", None) or make_course(),
        "venue_name": "Lincoln Elementary School",
        "street_address": "1600 Pennsylvania St",
        "capacity": 20,
        "facilitator_names": "Maria Lopez",
        "facilitator_email": "maria.lopez@example.org",
        "status": Workshop.Status.PUBLISHED,
        **fields,
    }
    return create_workshop(zip_code, starts_at or denver_start(), hours, **values)


def make_enrollment(workshop, **fields):
    n = next(_numbers)
    values = {
        "first_name": "Teacher",
        "last_name": f"Number{n}",
        "email": f"teacher{n}@school.example.org",
        "school_name": "Lincoln Elementary",
        "school_zip": "80202",
        "role": Enrollment.Role.CLASSROOM_TEACHER,
        "grades": "2,3",
        "status": Enrollment.Status.ENROLLED,
    }
    values.update(fields)
    return create_enrollment(workshop, **values)


def signup_data(**fields):
    """What a teacher types into the sign-up form (as POST data)."""
    values = {
        "first_name": "Ada",
        "last_name": "Byron",
        "email": "ada.byron@school.example.org",
        "school_name": "Garfield Elementary",
        "school_zip": "80203",
        "role": "classroom_teacher",
        "grades": ["K", "1"],
    }
    values.update(fields)
    return values
