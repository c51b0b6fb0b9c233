"""workshops.services: enrol, cancel a sign-up, cancel a workshop; emails that are never lost."""

import io
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from outbox.models import OutgoingEmail
from workshops import services
from workshops.models import Enrollment, Workshop

from .factories_signup import make_enrollment, make_workshop, signup_data

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """The SMTP server is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def when(workshop):
    return workshop.local_starts_at.strftime("%a, %b %-d, %Y")


def test_enroll_gives_a_seat_while_seats_are_free_then_the_waitlist(
    django_capture_on_commit_callbacks,
):
    workshop = make_workshop(capacity=2)
    make_enrollment(workshop, status=Enrollment.Status.CANCELLED, cancelled_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            services.enroll(
                workshop=workshop, data=signup_data(email=f"t{n}@school.example.org")
            ).status
            for n in range(4)
        ]
    assert statuses == ["enrolled", "enrolled", "waitlisted", "waitlisted"]
    waitlist = list(workshop.enrollments.waitlisted())
    assert [e.waitlist_position for e in waitlist] == [1, 2]
    assert workshop.enrollments.enrolled().first().waitlist_position is None
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "You're signed up",
        "New sign-up",
        "You're signed up",
        "New sign-up",
        "You're on the waitlist",
        "Waitlist sign-up",
        "You're on the waitlist",
        "Waitlist sign-up",
    ]
    assert "Seats taken: 2 of 2" in mail.outbox[7].body
    assert "A teacher joined the waitlist (number 2) for your workshop." in mail.outbox[7].body


def test_enroll_refuses_a_duplicate_email_in_any_case():
    workshop = make_workshop()
    services.enroll(workshop=workshop, data=signup_data(email="Ada@School.example.org"))
    with pytest.raises(services.AlreadySignedUp) as caught:
        services.enroll(workshop=workshop, data=signup_data(email="ada@school.EXAMPLE.org"))
    assert caught.value.message == services.ALREADY_SIGNED_UP
    assert Enrollment.objects.count() == 1
    assert OutgoingEmail.objects.count() == 2


def test_enroll_the_same_email_on_another_workshop_is_fine():
    services.enroll(workshop=make_workshop(), data=signup_data())
    services.enroll(workshop=make_workshop(), data=signup_data())
    assert Enrollment.objects.count() == 2


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"status": Workshop.Status.DRAFT}, "This workshop is not open for sign-up."),
        (
            {"status": Workshop.Status.CANCELLED},
            "This workshop has been cancelled, so it no longer takes sign-ups.",
        ),
        (
            {"starts_at": timezone.now() - timedelta(days=10)},
            "This workshop has already taken place, so it no longer takes sign-ups.",
        ),
    ],
)
def test_enroll_refuses_closed_workshops(fields, reason):
    workshop = make_workshop(**fields)
    with pytest.raises(services.SignupClosed) as caught:
        services.enroll(workshop=workshop, data=signup_data())
    assert caught.value.reason == reason
    assert Enrollment.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


def test_enroll_rechecks_the_workshop_in_the_database_not_the_stale_object():
    workshop = make_workshop()
    Workshop.objects.filter(pk=workshop.pk).update(status=Workshop.Status.CANCELLED)
    assert workshop.is_published  # what the page saw
    with pytest.raises(services.SignupClosed):
        services.enroll(workshop=workshop, data=signup_data())
    assert Enrollment.objects.count() == 0


def test_cancelling_a_seat_promotes_the_first_waitlisted_only(django_capture_on_commit_callbacks):
    workshop = make_workshop(capacity=2, title="CS Day")
    leaving = make_enrollment(workshop, email="leaving@school.example.org")
    make_enrollment(workshop)
    first = make_enrollment(workshop, status="waitlisted", email="first@school.example.org")
    second = make_enrollment(workshop, status="waitlisted", email="second@school.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_enrollment(leaving)
    assert promoted == first
    assert list(workshop.enrollments.order_by("pk").values_list("email", "status")) == [
        ("leaving@school.example.org", "cancelled"),
        (workshop.enrollments.order_by("pk")[1].email, "enrolled"),
        ("first@school.example.org", "enrolled"),
        ("second@school.example.org", "waitlisted"),
    ]
    assert Enrollment.objects.get(pk=second.pk).waitlist_position == 1
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["leaving@school.example.org"], f"Your sign-up is cancelled: CS Day on {when(workshop)}"),
        (
            ["maria.lopez@example.org"],
            f"Cancelled sign-up: Teacher {leaving.last_name} for CS Day on {when(workshop)}",
        ),
        (["first@school.example.org"], f"A seat opened up: CS Day on {when(workshop)}"),
    ]
    promotion = mail.outbox[2]
    assert promotion.reply_to == ["maria.lopez@example.org"]
    assert "a seat opened up and it's yours" in promotion.body
    assert promotion.attachments[0][0] == f"workshop-{workshop.pk}.ics"
    assert "DTSTART;TZID=America/Denver:" in promotion.attachments[0][1]


def test_leaving_the_waitlist_promotes_nobody(django_capture_on_commit_callbacks):
    workshop = make_workshop(capacity=1)
    make_enrollment(workshop)
    leaving = make_enrollment(workshop, status="waitlisted")
    behind = make_enrollment(workshop, status="waitlisted")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel_enrollment(leaving) is None
    behind.refresh_from_db()
    assert behind.status == "waitlisted"
    assert len(mail.outbox) == 2
    assert "Your place on the waitlist for this workshop is cancelled." in mail.outbox[0].body


def test_cancelling_twice_does_nothing_the_second_time(django_capture_on_commit_callbacks):
    enrollment = make_enrollment(make_workshop())
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_enrollment(enrollment)
        cancelled_at = Enrollment.objects.get().cancelled_at
        assert services.cancel_enrollment(enrollment) is None
    assert Enrollment.objects.get().cancelled_at == cancelled_at
    assert len(mail.outbox) == 2


def test_cancelling_after_the_start_is_refused():
    enrollment = make_enrollment(make_workshop(starts_at=timezone.now() - timedelta(hours=1)))
    with pytest.raises(services.SignupError):
        services.cancel_enrollment(enrollment)
    assert Enrollment.objects.get().status == "enrolled"


def test_cancel_workshop_emails_each_enrolled_and_waitlisted_teacher_once(
    django_capture_on_commit_callbacks,
):
    workshop = make_workshop(capacity=2, title="CS Day")
    make_enrollment(workshop, email="a@school.example.org")
    make_enrollment(workshop, email="b@school.example.org")
    make_enrollment(workshop, email="c@school.example.org", status="waitlisted")
    make_enrollment(
        workshop, email="gone@school.example.org", status="cancelled", cancelled_at=timezone.now()
    )
    other = make_workshop()
    make_enrollment(other, email="other@school.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel_workshop(workshop, reason=" The facilitator is ill. ") == 3
    workshop.refresh_from_db()
    assert workshop.status == Workshop.Status.CANCELLED
    assert workshop.cancelled_at is not None
    day = when(workshop)
    assert [(m.to, m.reply_to, m.subject) for m in mail.outbox] == [
        (["a@school.example.org"], ["maria.lopez@example.org"], f"Cancelled: CS Day on {day}"),
        (["b@school.example.org"], ["maria.lopez@example.org"], f"Cancelled: CS Day on {day}"),
        (["c@school.example.org"], ["maria.lopez@example.org"], f"Cancelled: CS Day on {day}"),
        (["maria.lopez@example.org"], [], f"Workshop cancelled: CS Day on {day}"),
    ]
    assert "this workshop has been cancelled and will not take place" in mail.outbox[0].body
    assert "calendar.\n\nWhy it was cancelled:\nThe facilitator is ill.\n\n" in mail.outbox[0].body
    assert "We emailed the 3 teachers who had signed up" in mail.outbox[3].body
    # Sign-ups stay as they were (a record of who was coming); the second call does nothing.
    assert list(workshop.enrollments.values_list("status", flat=True)) == [
        "enrolled",
        "enrolled",
        "waitlisted",
        "cancelled",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel_workshop(workshop) == 0
    assert len(mail.outbox) == 4


def test_smtp_failure_keeps_the_enrollment_and_the_retry_command_sends_once(
    settings, django_capture_on_commit_callbacks
):
    workshop = make_workshop()
    settings.EMAIL_BACKEND = "tests.workshops.test_services.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = services.enroll(workshop=workshop, data=signup_data())
    assert Enrollment.objects.get() == enrollment
    rows = list(OutgoingEmail.objects.order_by("pk"))
    assert [(r.kind, r.sent_at, r.attempts, r.last_error) for r in rows] == [
        (
            "enrollment-confirmed",
            None,
            1,
            "SMTPServerDisconnected: Connection unexpectedly closed",
        ),
        (
            "enrollment-facilitator-notice",
            None,
            1,
            "SMTPServerDisconnected: Connection unexpectedly closed",
        ),
    ]
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    first, second = io.StringIO(), io.StringIO()
    call_command("send_pending_notifications", stdout=first)
    call_command("send_pending_notifications", stdout=second)
    assert first.getvalue() == "Sent 2 email(s); 0 failed and will be retried.\n"
    assert second.getvalue() == "Sent 0 email(s); 0 failed and will be retried.\n"
    assert [(m.to, m.subject.split(":")[0]) for m in mail.outbox] == [
        (["ada.byron@school.example.org"], "You're signed up"),
        (["maria.lopez@example.org"], "New sign-up"),
    ]
    assert "TZID=America/Denver" in mail.outbox[0].attachments[0][1]
    assert list(
        OutgoingEmail.objects.order_by("pk").values_list("attempts", "last_error", "gave_up")
    ) == [(2, "", False), (2, "", False)]
    assert OutgoingEmail.objects.pending().count() == 0
