import base64
import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from attendance import services as attendance
from certificates import services
from certificates.models import Certificate, CloseReminder
from feedback.models import Response
from outbox.models import OutgoingEmail
from tests.workshops.test_concurrency import race

from .conftest import MINH, ZOE, ended, make_attended_workshop, make_facilitator

pytestmark = pytest.mark.django_db


def test_closing_issues_one_certificate_per_attendee_and_emails_it(
    django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://pd.example.org"
    workshop, facilitator, (zoe, minh) = make_attended_workshop(
        title="Computer science fundamentals, K-5", facilitator_email="jordan@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert attendance.close_attendance(workshop=workshop, by=facilitator) is True
    with django_capture_on_commit_callbacks(execute=True):
        assert attendance.close_attendance(workshop=workshop, by=facilitator) is False

    certificates = list(Certificate.objects.order_by("enrollment_id"))
    assert [(c.enrollment, c.name, c.original_name) for c in certificates] == [
        (zoe, "Zoë Núñez-O'Brien", "Zoë Núñez-O'Brien"),
        (minh, "Nguyễn Thị Minh Khai", "Nguyễn Thị Minh Khai"),
    ]
    assert all(c.emailed_at is not None for c in certificates)
    assert sorted(Response.objects.values_list("enrollment_id", flat=True)) == [zoe.pk, minh.pk]
    assert [(m.to, m.subject, m.reply_to) for m in mail.outbox] == [
        (
            [zoe.email],
            "Your certificate of completion: Computer science fundamentals, K-5",
            ["jordan@example.org"],
        ),
        (
            [minh.email],
            "Your certificate of completion: Computer science fundamentals, K-5",
            ["jordan@example.org"],
        ),
    ]
    message = mail.outbox[0]
    zoe_certificate = certificates[0]
    ((filename, content, mimetype),) = message.attachments
    assert (filename, mimetype) == (f"certificate-{zoe_certificate.number}.pdf", "application/pdf")
    assert content.startswith(b"%PDF-")
    assert f"https://pd.example.org{zoe.get_absolute_url()}#certificate" in message.body
    assert f"https://pd.example.org/certificates/{zoe_certificate.number}" in message.body
    assert f"https://pd.example.org/feedback/{zoe.feedback.token}" in message.body
    assert "Professional development hours: 5" in message.body


def test_reopening_and_closing_again_issues_only_the_new_attendees(
    django_capture_on_commit_callbacks,
):
    workshop, facilitator, _present = make_attended_workshop((ZOE,))
    staff = make_facilitator(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        attendance.close_attendance(workshop=workshop, by=facilitator)
    attendance.reopen_attendance(workshop=workshop, by=staff)
    late = workshop.enrollments.get(first_name="Absent")
    attendance.record(enrollment=late, present=True, by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        attendance.close_attendance(workshop=workshop, by=staff)

    assert Certificate.objects.count() == 2
    assert [m.to for m in mail.outbox] == [[_present[0].email], [late.email]]


# Real transactions for the race. (Not serialized_rollback: re-inserting the migrations' rows
# collided with content types made again after an earlier flush. Tests make the groups they need.)
@pytest.mark.django_db(transaction=True)
def test_two_automatic_runs_at_once_send_each_certificate_once():
    _workshop, _facilitator, present = make_attended_workshop((ZOE, MINH), **ended(49))
    present += make_attended_workshop([("Ana", "Other")], **ended(50))[2]

    results = race(lambda n: call_command("close_overdue_attendance"), count=4)

    assert results == [None] * 4, results
    assert Certificate.objects.count() == 3
    sent = OutgoingEmail.objects.filter(kind="certificate")
    assert sorted(e.to[0] for e in sent) == sorted(p.email for p in present)
    assert len(mail.outbox) == 3
    assert Certificate.objects.unsent().count() == 0


def test_facilitators_are_reminded_at_24_hours_and_it_closes_at_48(
    django_capture_on_commit_callbacks,
):
    facilitator = make_facilitator(email="lead@example.org")
    fresh, _, _ = make_attended_workshop(
        (ZOE,), facilitator=facilitator, facilitator_email="contact@example.org", **ended(23)
    )
    due, _, _ = make_attended_workshop(
        (ZOE,),
        facilitator=facilitator,
        facilitator_email="contact@example.org",
        title="Due for a reminder",
        **ended(25),
    )
    overdue, _, _ = make_attended_workshop((MINH,), facilitator=facilitator, **ended(48.5))
    untaken = make_attended_workshop((), facilitator=facilitator, **ended(72))[0]
    untaken.enrollments.get().attendance.delete()  # nobody marked at all

    with django_capture_on_commit_callbacks(execute=True):
        call_command("close_overdue_attendance")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("close_overdue_attendance")

    assert list(CloseReminder.objects.values_list("workshop_id", flat=True)) == [due.pk]
    reminders = [m for m in mail.outbox if "attendance" in m.subject]
    assert [(m.to, m.subject) for m in reminders] == [
        (
            ["contact@example.org", "lead@example.org"],
            "Please complete the attendance: Due for a reminder",
        )
    ]
    assert f"/facilitate/workshops/{due.pk}/attendance" in reminders[0].body
    for workshop, closed in [(fresh, False), (due, False), (overdue, True), (untaken, False)]:
        workshop.refresh_from_db()
        assert (workshop.attendance_closed_at is not None) == closed, workshop.title
    assert list(Certificate.objects.values_list("enrollment__workshop_id", flat=True)) == [
        overdue.pk
    ]


def test_the_outbox_sends_the_pdf_as_binary(django_capture_on_commit_callbacks):
    workshop, facilitator, _ = make_attended_workshop((ZOE,))
    with django_capture_on_commit_callbacks(execute=True):
        attendance.close_attendance(workshop=workshop, by=facilitator)
    row = OutgoingEmail.objects.get(kind="certificate")
    (attachment,) = row.attachments
    assert attachment["encoding"] == "base64"
    assert mail.outbox[0].attachments[0][1] == base64.b64decode(attachment["content"])


def test_a_name_is_corrected_once_and_the_original_kept():
    workshop, facilitator, (zoe,) = make_attended_workshop((("Zoe", "Nunez"),))
    attendance.close_attendance(workshop=workshop, by=facilitator)
    certificate = zoe.certificate

    services.correct_name(certificate=certificate, name="  Zoë   Núñez-O'Brien ")
    with pytest.raises(services.CertificateError) as error:
        services.correct_name(certificate=certificate, name="Someone Else")

    certificate.refresh_from_db()
    assert (certificate.name, certificate.original_name) == ("Zoë Núñez-O'Brien", "Zoe Nunez")
    assert error.value.message == (
        "The name on this certificate was corrected already and cannot change again."
    )
    assert certificate.name_corrected_at is not None
    assert datetime.datetime.now(datetime.UTC) - certificate.name_corrected_at < datetime.timedelta(
        minutes=1
    )
