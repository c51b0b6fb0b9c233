"""Factories for workshop tests (also for other test packages:
``from tests.workshops.conftest import make_course, make_workshop, make_enrollment``).

- ``make_course(**kw)``: a Course (get-or-create by name; default "Course A (grades K-1)").
- ``make_workshop(**kw)``: a published workshop 14 days ahead, 9:00 AM - 3:00 PM in the venue's
  time zone. City, state, coordinates and time zone come from ``zip_code`` (default 60601,
  Chicago) through ``workshops.geo`` unless given. ``local_start=datetime(2027, 3, 6, 9, 0)``
  (naive, venue's local time) and ``hours=6`` set the times; ``starts_at``/``ends_at`` (aware)
  override them. Any other keyword is a Workshop field.
- ``make_enrollment(workshop, **kw)``: an enrolled sign-up with a unique email.
"""

import datetime
import itertools
import zoneinfo

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.utils import timezone

from tests.factories import create_enrollment, create_workshop
from workshops import geo
from workshops.models import Course, Enrollment, Workshop

_counter = itertools.count(1)


def make_course(name="Course A (grades K-1)", **kw):
    defaults = {
        "slug": kw.pop("slug", None) or f"course-{next(_counter)}",
        "grades": "K-1",
        "description": "Sequencing, loops and events, taught unplugged and on screen.",
        **kw,
    }
    return Course.objects.get_or_create(name=name, defaults=defaults)[0]


def make_workshop(zip_code="60601", local_start=None, hours=6, **kw):
    if local_start is None:
        zone = zoneinfo.ZoneInfo(kw.get("time_zone") or geo.lookup_zip(zip_code).time_zone)
        today = timezone.now().astimezone(zone).date()
        local_start = datetime.datetime.combine(
            today + datetime.timedelta(days=14), datetime.time(9, 0)
        )
    fields = {
        "title": "Computer science fundamentals, K-5",
        "venue_name": "Lincoln Elementary School",
        "street_address": "100 Main Street",
        "capacity": 20,
        "facilitator_names": "Jordan Lee",
        "facilitator_email": "jordan.lee@example.org",
        "notes": "",
        "status": Workshop.Status.PUBLISHED,
        **kw,
    }
    if "course" not in fields:
        fields["course"] = make_course()
    return create_workshop(zip_code, local_start, hours, **fields)


def make_enrollment(workshop, **kw):
    n = next(_counter)
    fields = {
        "first_name": "Sam",
        "last_name": f"Teacher{n}",
        "email": f"teacher{n}@example.org",
        "school_name": "Jefferson Elementary",
        "school_zip": "60614",
        "role": Enrollment.Role.CLASSROOM_TEACHER,
        "grades": "K,1",
        "status": Enrollment.Status.ENROLLED,
        **kw,
    }
    return create_enrollment(workshop, **fields)


@pytest.fixture(autouse=True)
def _no_map_tiles(settings):
    """The map's tiles come from the site itself in tests: no request leaves the machine."""
    settings.MAP_TILE_URL = "/static/img/blank-tile.png"


@pytest.fixture
def across_the_country(db):
    """3,000 published workshops at ZIP codes across the US, and the planner's statistics."""
    template = make_workshop("60601")
    places = list(geo._tables()[0].values())[::10][:3000]
    Workshop.objects.bulk_create(
        Workshop(
            **{
                **model_to_dict(template, exclude=["id", "course", "facilitators"]),
                "course_id": template.course_id,
                "zip_code": place.zip_code,
                "latitude": place.latitude,
                "longitude": place.longitude,
            }
        )
        for place in places
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE workshops_workshop")
