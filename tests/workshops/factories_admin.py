"""Small factories and helpers for the staff-side tests (admin, import, demo)."""

import datetime
import itertools
from html.parser import HTMLParser

from tests.factories import create_enrollment, create_workshop
from workshops.models import Course, Enrollment, Workshop

_numbers = itertools.count(1)


def make_course(name=None, slug=None, **fields):
    n = next(_numbers)
    return Course.objects.create(
        name=name or f"Course {n}", slug=slug or f"course-{n}", position=n, **fields
    )


def make_workshop(
    title="CS Fundamentals",
    zip_code="80202",
    start=datetime.datetime(2030, 1, 15, 9, 0),
    hours=6,
    course=None,
    **fields,
):
    """A workshop at ``zip_code`` whose ``start`` is the venue's local wall-clock time."""
    values = {
        "title": title,
        "course": course or make_course(),
        "venue_name": "Lincoln Elementary School",
        "street_address": "1200 Main Street",
        "capacity": 20,
        "facilitator_names": "Ana Ruiz",
        "facilitator_email": "ana.ruiz@example.org",
        "status": Workshop.Status.PUBLISHED,
        **fields,
    }
    return create_workshop(zip_code, start, hours, **values)


def make_enrollment(workshop, status=Enrollment.Status.ENROLLED, created_at=None, **fields):
    n = next(_numbers)
    values = {
        "first_name": "Teacher",
        "last_name": f"Number{n}",
        "email": f"teacher{n}@example.com",
        "school_name": "Garfield Elementary School",
        "school_zip": workshop.zip_code,
        "role": Enrollment.Role.CLASSROOM_TEACHER,
        "grades": "K,1",
        "status": status,
    }
    values.update(fields)
    enrollment = create_enrollment(workshop, **values)
    if created_at:
        Enrollment.objects.filter(pk=enrollment.pk).update(created_at=created_at)
        enrollment.refresh_from_db()
    return enrollment


def fill(workshop, enrolled=0, waitlisted=0, cancelled=0):
    for _ in range(enrolled):
        make_enrollment(workshop)
    for _ in range(waitlisted):
        make_enrollment(workshop, status=Enrollment.Status.WAITLISTED)
    for _ in range(cancelled):
        make_enrollment(workshop, status=Enrollment.Status.CANCELLED)


class _ResultTable(HTMLParser):
    """The cells of the admin change list's #result_list, as {column class: text} per row."""

    def __init__(self):
        super().__init__()
        self.rows, self.in_body, self.cell = [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tbody":
            self.in_body = True
        elif tag == "br" and self.cell:
            self.rows[-1][self.cell] += " "
        elif self.in_body and tag == "tr":
            self.rows.append({})
        elif self.in_body and tag in ("td", "th"):
            classes = (attrs.get("class") or "").split()
            self.cell = next((c[6:] for c in classes if c.startswith("field-")), None)
            if self.cell:
                self.rows[-1][self.cell] = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None
        elif tag == "tbody":
            self.in_body = False

    def handle_data(self, data):
        if self.in_body and self.cell:
            self.rows[-1][self.cell] += data


def result_rows(html):
    parser = _ResultTable()
    parser.feed(html)
    return [{k: " ".join(v.split()) for k, v in row.items()} for row in parser.rows]
