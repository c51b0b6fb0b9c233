"""Each state of a sign-up reads true on its pages (issue 14, bugs 6 and 7): a closed workshop
offers no seats, and the teacher's own page says what is true for enrolled, waitlisted,
cancelled by them, workshop cancelled and past."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from workshops.models import Enrollment, Workshop

from .factories_signup import make_enrollment, make_workshop

pytestmark = pytest.mark.django_db


def text(html):
    """The page's main text, tags dropped and spaces collapsed."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main.split(">", 1)[1]).split())


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Workshop.Status.CANCELLED},
        {"starts_at": timezone.now() - timedelta(hours=1)},
    ],
)
def test_the_sign_up_page_of_a_closed_full_workshop_offers_no_seats(client, fields):
    workshop = make_workshop(capacity=1, **fields)
    make_enrollment(workshop)
    page = text(client.get(reverse("workshops:signup", args=[workshop.pk])).content.decode())
    assert "no longer takes sign-ups" in page
    assert "Full - join the waitlist" not in page
    assert "Seats" not in page
    assert "Join the waitlist" not in page


def test_the_sign_up_page_of_an_open_full_workshop_offers_the_waitlist(client):
    workshop = make_workshop(capacity=1)
    make_enrollment(workshop)
    page = text(client.get(reverse("workshops:signup", args=[workshop.pk])).content.decode())
    assert "Seats Full - join the waitlist" in page


def enrollment_page(client, enrollment):
    return text(client.get(enrollment.get_absolute_url()).content.decode())


def test_an_enrolled_teacher_is_asked_to_free_their_seat(client):
    enrollment = make_enrollment(make_workshop())
    page = enrollment_page(client, enrollment)
    assert "Status: Enrolled Your seat is saved. We look forward to seeing you." in page
    assert "Please let us know, so a teacher on the waitlist can have your seat." in page
    assert "Cancel my sign-up" in page


def test_a_waitlisted_teacher_has_no_seat_to_give(client):
    workshop = make_workshop(capacity=1)
    make_enrollment(workshop)
    make_enrollment(workshop, status=Enrollment.Status.WAITLISTED)
    enrollment = make_enrollment(workshop, status=Enrollment.Status.WAITLISTED)
    page = enrollment_page(client, enrollment)
    assert "Status: Waitlisted, number 2 on the waitlist The workshop is full." in page
    assert "your seat" not in page
    assert (
        "No longer want a seat? Please leave the waitlist, so that a seat that opens up goes to "
        "a teacher who can come. Leave the waitlist"
    ) in page


def test_a_waitlisted_teacher_of_a_cancelled_workshop_reads_only_that(client):
    workshop = make_workshop(capacity=1)
    make_enrollment(workshop)
    enrollment = make_enrollment(workshop, status=Enrollment.Status.WAITLISTED)
    Workshop.objects.filter(pk=workshop.pk).update(status=Workshop.Status.CANCELLED)
    page = enrollment_page(client, enrollment)
    assert "Status: Workshop cancelled This workshop has been cancelled" in page
    assert "number 1" not in page
    assert "Waitlisted" not in page
    assert "Leave the waitlist" not in page


def test_a_teacher_who_cancelled_reads_when(client):
    enrollment = make_enrollment(
        make_workshop(), status=Enrollment.Status.CANCELLED, cancelled_at=timezone.now()
    )
    page = enrollment_page(client, enrollment)
    assert "Status: Cancelled by you You cancelled this sign-up on" in page
    assert "Cancel my sign-up" not in page


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Enrollment.Status.ENROLLED, "You had a seat."),
        (Enrollment.Status.WAITLISTED, "No seat opened up for you on the waitlist."),
    ],
)
def test_a_past_workshop_says_it_took_place(client, status, words):
    workshop = make_workshop(starts_at=timezone.now() - timedelta(days=3))
    enrollment = make_enrollment(workshop, status=status)
    page = enrollment_page(client, enrollment)
    day = f"{workshop.local_starts_at:%A, %B %-d, %Y}"
    assert f"Status: Workshop over This workshop took place on {day}. {words}" in page
    assert "number" not in page
    assert "Cancel my sign-up" not in page
    assert "Leave the waitlist" not in page
