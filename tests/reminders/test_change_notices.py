"""A change of date, time or place of a published workshop with sign-ups: staff confirm, with
the number of people emailed; everyone is told old then new, with the .ics moved (same UID,
SEQUENCE + 1); title, notes or capacity changes send nothing."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from tests.attendance.conftest import make_facilitator
from tests.workshops.conftest import make_enrollment
from tests.workshops.factories_admin import make_workshop
from tests.workshops.test_admin_form import errors, form_data
from workshops.models import Enrollment

pytestmark = pytest.mark.django_db
DENVER = zoneinfo.ZoneInfo("America/Denver")


@pytest.fixture
def workshop(db):
    workshop = make_workshop(
        zip_code="80202",
        title="CS Fundamentals: Course C",
        venue_name="Denver Public Library, Central Branch",
        street_address="10 W 14th Ave Pkwy",
        starts_at=datetime.datetime(2035, 1, 16, 9, 0, tzinfo=DENVER),
        ends_at=datetime.datetime(2035, 1, 16, 15, 30, tzinfo=DENVER),
        capacity=30,
        facilitator_names="Ana Ruiz",
        facilitator_email="ana.ruiz@example.org",
        notes="Park in the east lot.",
    )
    make_enrollment(workshop, first_name="Ada", email="ada@example.org")
    make_enrollment(workshop, email="wait@example.org", status=Enrollment.Status.WAITLISTED)
    make_enrollment(workshop, email="gone@example.org", status=Enrollment.Status.CANCELLED)
    # A linked facilitator account (its address once, even if also the contact address).
    workshop.facilitators.add(make_facilitator(email="sam.okafor@example.org"))
    return workshop


def url(workshop):
    return reverse("admin:workshops_workshop_change", args=[workshop.pk])


def data(workshop, **changes):
    return form_data(
        workshop.course,
        facilitators=[u.pk for u in workshop.facilitators.all()],
        **changes,
    )


def test_moving_the_day_asks_staff_to_confirm_with_the_count_then_emails_everyone(
    admin_client, workshop, django_capture_on_commit_callbacks
):
    moved = data(workshop, starts_at="2035-01-23T10:00", ends_at="2035-01-23T16:00")
    response = admin_client.post(url(workshop), moved)
    assert errors(response) == {
        "notify_confirmed": [
            "This change of date, time or place will email 4 people (2 teacher(s) and 2 "
            "facilitator address(es)). Tick the box and save again to send it."
        ]
    }
    workshop.refresh_from_db()
    assert (workshop.starts_at.day, workshop.sequence, mail.outbox) == (16, 0, [])

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url(workshop), {**moved, "notify_confirmed": "on"})
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.sequence == 1
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        (address, "Changed: CS Fundamentals: Course C - Tue, Jan 23, 2035")
        for address in [
            "ada@example.org",
            "ana.ruiz@example.org",
            "sam.okafor@example.org",
            "wait@example.org",
        ]
    ]
    ada = next(m for m in mail.outbox if m.to == ["ada@example.org"])
    assert ada.reply_to == ["ana.ruiz@example.org"]
    assert (
        "Was: Tuesday, January 16, 2035, 9:00 AM to 3:30 PM MST\n"
        "Now: Tuesday, January 23, 2035, 10:00 AM to 4:00 PM MST\n" in ada.body
    )
    assert "Was: Denver Public Library" not in ada.body  # the place did not change
    wait = next(m for m in mail.outbox if m.to == ["wait@example.org"])
    assert "You are still on its waitlist." in wait.body

    (event,) = Calendar.from_ical(ada.attachments[0][1]).walk("VEVENT")
    assert str(event["uid"]) == f"workshop-{workshop.pk}@pdsite"
    assert event["sequence"] == 1
    assert event.decoded("dtstart") == datetime.datetime(2035, 1, 23, 10, 0, tzinfo=DENVER)
    assert event["dtstart"].params["TZID"] == "America/Denver"

    # The .ics the site serves carries the same SEQUENCE.
    served = admin_client.get(reverse("workshops:ics", args=[workshop.pk]))
    (served_event,) = Calendar.from_ical(served.content).walk("VEVENT")
    assert (str(served_event["uid"]), served_event["sequence"]) == (
        f"workshop-{workshop.pk}@pdsite",
        1,
    )


def test_a_new_venue_is_told_old_then_new(
    admin_client, workshop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            url(workshop),
            {
                **data(
                    workshop, venue_name="Byers Branch Library", street_address="675 Santa Fe Dr"
                ),
                "notify_confirmed": "on",
            },
        )
    ada = next(m for m in mail.outbox if m.to == ["ada@example.org"])
    assert (
        "Was: Denver Public Library, Central Branch, 10 W 14th Ave Pkwy, Denver, CO 80202\n"
        "Now: Byers Branch Library, 675 Santa Fe Dr, Denver, CO 80202\n" in ada.body
    )
    assert "Was: Tuesday" not in ada.body
    workshop.refresh_from_db()
    assert workshop.sequence == 1


@pytest.mark.parametrize(
    "change",
    [{"title": "A new title"}, {"notes": "Lunch is provided."}, {"capacity": "40"}],
)
def test_title_notes_or_capacity_send_nothing(
    admin_client, workshop, change, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url(workshop), data(workshop, **change))
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert (workshop.sequence, mail.outbox) == (0, [])


def test_a_draft_or_a_workshop_without_sign_ups_moves_silently(
    admin_client, django_capture_on_commit_callbacks
):
    empty = make_workshop(zip_code="80202")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url(empty),
            form_data(empty.course, starts_at="2035-02-01T09:00", ends_at="2035-02-01T15:00"),
        )
    assert response.status_code == 302
    empty.refresh_from_db()
    assert (empty.sequence, mail.outbox) == (0, [])
