"""Small factories for workshops and alerts (tests/alerts and tests/workshops/test_feeds)."""

import datetime
import itertools

from django.utils import timezone

from alerts.models import Alert
from tests.factories import create_workshop
from workshops import geo
from workshops.models import Course, Workshop

_numbers = itertools.count(1)


def make_course(name="Course C (grades 2-3)", slug="course-c"):
    course, _ = Course.objects.get_or_create(slug=slug, defaults={"name": name, "grades": "2-3"})
    return course


def make_workshop(
    zip_code="60614",
    day=datetime.date(2027, 2, 10),
    start=datetime.time(9, 0),
    hours=6,
    status=Workshop.Status.PUBLISHED,
    capacity=20,
    title=None,
    venue_name=None,
    street_address="100 Main St",
    course=None,
    **fields,
):
    """A workshop at a ZIP code (coordinates and zone from it), starting at a local time."""
    number = next(_numbers)
    defaults = {
        "published_at": timezone.now() if status == Workshop.Status.PUBLISHED else None,
        **fields,
    }
    return create_workshop(
        zip_code,
        datetime.datetime.combine(day, start),
        hours,
        title=title or f"K-5 computer science workshop {number}",
        course=course or make_course(),
        venue_name=venue_name or f"School {number}",
        street_address=street_address,
        capacity=capacity,
        facilitator_names="Ada Lopez",
        facilitator_email="ada@example.org",
        status=status,
        **defaults,
    )


def make_alert(email="teacher@example.org", where="60601", distance=50, status="confirmed"):
    """An alert for a ZIP code or a "City, ST", confirmed unless told otherwise."""
    place = geo.find_place(where)
    return Alert.objects.create(
        email=email,
        place_label=place.label,
        latitude=place.latitude,
        longitude=place.longitude,
        zip_code=place.zip_code,
        city=place.city,
        state=place.state,
        distance_miles=distance,
        status=status,
        confirmed_at=timezone.now() if status == "confirmed" else None,
    )
