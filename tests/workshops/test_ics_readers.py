"""Every .ics the site makes, read by three widely used readers (icalendar, vobject, ics): each
must give the same instant for every event as the JSON feed does.

vobject reads a VTIMEZONE written as a list of RDATE changeovers by its first date only, so
summer workshops came out an hour off: the site writes each zone with yearly RRULEs instead."""

import datetime

import icalendar
import ics as ics_reader
import pytest
import vobject
from django.core import mail
from django.urls import reverse

from tests.workshops.conftest import make_course, make_workshop
from tests.workshops.factories_signup import signup_data

pytestmark = pytest.mark.django_db

# Zones with and without daylight saving, on both sides of each changeover, years ahead.
PLACES_AND_TIMES = [
    ("60614", datetime.datetime(2027, 3, 20, 9, 0)),  # Chicago, after the spring change
    ("60614", datetime.datetime(2027, 1, 12, 9, 0)),  # Chicago, winter
    ("80202", datetime.datetime(2027, 7, 1, 8, 30)),  # Denver, summer
    ("10001", datetime.datetime(2027, 11, 8, 9, 0)),  # New York, just after the autumn change
    ("85004", datetime.datetime(2027, 6, 5, 9, 0)),  # Phoenix: no daylight saving
    ("96813", datetime.datetime(2028, 8, 2, 9, 0)),  # Honolulu
    ("99501", datetime.datetime(2029, 5, 3, 9, 0)),  # Anchorage
    ("00901", datetime.datetime(2027, 9, 9, 9, 0)),  # San Juan
]


@pytest.fixture
def workshops():
    course = make_course("Course C (Grade 2)", slug="course-c-grade-2")
    return [
        make_workshop(
            zip_code, local_start=start, title="CS Fundamentals: Course C (Grade 2)", course=course
        )
        for zip_code, start in PLACES_AND_TIMES
    ]


def feed_instants(client):
    """{workshop id: (start, end)} as UTC instants, from the JSON feed."""
    rows = client.get("/professional-development-workshops.json", {"per_page": 100}).json()
    return {
        row["id"]: (
            datetime.datetime.fromisoformat(row["starts_at"]).astimezone(datetime.UTC),
            datetime.datetime.fromisoformat(row["ends_at"]).astimezone(datetime.UTC),
        )
        for row in rows["workshops"]
    }


def uid_id(uid):
    return int(str(uid).split("@")[0].removeprefix("workshop-"))


def read_icalendar(text):
    calendar = icalendar.Calendar.from_ical(text)
    return {
        uid_id(event["uid"]): (
            event.decoded("dtstart").astimezone(datetime.UTC),
            event.decoded("dtend").astimezone(datetime.UTC),
        )
        for event in calendar.walk("VEVENT")
    }


def read_vobject(text):
    calendar = vobject.readOne(text)
    return {
        uid_id(event.uid.value): (
            event.dtstart.value.astimezone(datetime.UTC),
            event.dtend.value.astimezone(datetime.UTC),
        )
        for event in calendar.vevent_list
    }


def read_ics(text):
    calendar = ics_reader.Calendar(text)
    return {
        uid_id(event.uid): (
            event.begin.datetime.astimezone(datetime.UTC),
            event.end.datetime.astimezone(datetime.UTC),
        )
        for event in calendar.events
    }


READERS = [read_icalendar, read_vobject, read_ics]


@pytest.mark.parametrize("read", READERS, ids=["icalendar", "vobject", "ics"])
def test_the_feed_calendar_reads_as_the_json_feed_says(client, workshops, read):
    expected = feed_instants(client)
    assert len(expected) == len(PLACES_AND_TIMES)
    text = client.get("/professional-development-workshops.ics").content.decode()
    assert read(text) == expected


@pytest.mark.parametrize("read", READERS, ids=["icalendar", "vobject", "ics"])
def test_each_workshop_calendar_reads_as_the_json_feed_says(client, workshops, read):
    expected = feed_instants(client)
    for workshop in workshops:
        text = client.get(reverse("workshops:ics", args=[workshop.pk])).content.decode()
        assert read(text) == {workshop.pk: expected[workshop.pk]}


@pytest.mark.parametrize("read", READERS, ids=["icalendar", "vobject", "ics"])
def test_the_emailed_calendar_reads_as_the_json_feed_says(
    client, workshops, read, django_capture_on_commit_callbacks
):
    expected = feed_instants(client)
    for number, workshop in enumerate(workshops):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("workshops:signup", args=[workshop.pk]),
                signup_data(email=f"teacher{number}@school.example.org"),
            )
    attachments = [m.attachments for m in mail.outbox if m.attachments]
    assert len(attachments) == len(workshops)
    for workshop, [(filename, content, mimetype)] in zip(workshops, attachments, strict=True):
        assert (filename, mimetype) == (f"workshop-{workshop.pk}.ics", "text/calendar")
        assert read(content) == {workshop.pk: expected[workshop.pk]}


def test_zones_are_written_with_yearly_rules_not_lists_of_dates(client, workshops):
    text = client.get("/professional-development-workshops.ics").content.decode()
    assert "RDATE" not in text
    assert "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\n" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\n" in text


def test_the_calendar_description_names_the_course_once(client, workshops):
    calendar = icalendar.Calendar.from_ical(
        client.get(reverse("workshops:ics", args=[workshops[0].pk])).content
    )
    [event] = calendar.walk("VEVENT")
    description = str(event["description"])
    assert description.startswith(
        "Free one-day K-5 computer science workshop: CS Fundamentals: Course C (Grade 2). "
    )
    assert description.count("Course C (Grade 2)") == 1
