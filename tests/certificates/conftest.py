"""Attended workshops and their certificates (``closed_workshop``, ``make_certificate``)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from attendance import services as attendance
from tests.attendance.conftest import make_facilitator, make_today_workshop  # noqa: F401
from tests.workshops.conftest import make_enrollment, make_workshop  # noqa: F401

ZOE = ("Zoë", "Núñez-O'Brien")
MINH = ("Nguyễn Thị Minh", "Khai")


def make_attended_workshop(names=(ZOE, MINH), facilitator=None, **kw):
    """A workshop that started an hour ago, whose facilitator marked ``names`` present (and one
    more teacher absent). Returns (workshop, facilitator, [enrollments present])."""
    # Browser tests flush the tables, and the group a data migration made with them.
    Group.objects.get_or_create(name="Facilitators")
    facilitator = facilitator or make_facilitator(first_name="Jordan", last_name="Lee")
    # Whole minutes, as staff type them (the sign-up page prints the start in a <time>).
    kw.setdefault(
        "starts_at", (timezone.now() - datetime.timedelta(hours=1)).replace(second=0, microsecond=0)
    )
    workshop = make_today_workshop(facilitator, **kw)
    present = []
    for first, last in names:
        enrollment = make_enrollment(workshop, first_name=first, last_name=last)
        attendance.record(enrollment=enrollment, present=True, by=facilitator)
        present.append(enrollment)
    absent = make_enrollment(workshop, first_name="Absent", last_name="Teacher")
    attendance.record(enrollment=absent, present=False, by=facilitator)
    return workshop, facilitator, present


def make_certificate(names=(ZOE,), **kw):
    """A closed workshop's first certificate (emailed on commit)."""
    workshop, facilitator, present = make_attended_workshop(names, **kw)
    attendance.close_attendance(workshop=workshop, by=facilitator)
    return present[0].certificate


def ended(hours_ago):
    """Start and end of a 6-hour workshop that ended ``hours_ago``."""
    ends_at = timezone.now() - datetime.timedelta(hours=hours_ago)
    return {"starts_at": ends_at - datetime.timedelta(hours=6), "ends_at": ends_at}


@pytest.fixture
def pdf_text():
    from io import BytesIO

    from pypdf import PdfReader

    def read(data):
        reader = PdfReader(BytesIO(data))
        assert len(reader.pages) == 1
        return reader, reader.pages[0].extract_text()

    return read
