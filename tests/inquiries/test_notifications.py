import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from inquiries import services
from inquiries.forms import InquiryForm
from inquiries.models import Inquiry
from outbox.models import OutgoingEmail

from .helpers import DISTRICTS_URL

STAFF = ["partnerships@example.org", "director@example.org"]


@pytest.fixture
def notify(settings):
    settings.INQUIRY_NOTIFY_EMAILS = STAFF
    settings.SITE_URL = "https://pd.example.org"


def submit(client, data, capture):
    with capture(execute=True):
        response = client.post(DISTRICTS_URL, data)
    assert response.status_code == 302
    return Inquiry.objects.get()


@pytest.mark.django_db
def test_contact_gets_a_confirmation_and_staff_a_notice(
    client, form_data, notify, django_capture_on_commit_callbacks
):
    inquiry = submit(client, form_data, django_capture_on_commit_callbacks)
    confirmation, notice = mail.outbox

    assert confirmation.to == ["jane.doe@springfield.k12.il.us"]
    assert confirmation.reply_to == STAFF
    assert confirmation.subject == (
        "We received your district partnership inquiry (Springfield Public Schools)"
    )
    assert confirmation.body.startswith("Dear Jane,\n\nThank you for asking about a district")
    assert "within two business days" in confirmation.body
    assert "/admin/" not in confirmation.body

    assert notice.to == STAFF
    assert notice.reply_to == ["jane.doe@springfield.k12.il.us"]
    assert notice.subject == "New district inquiry: Springfield Public Schools, IL (18 schools)"
    assert f"https://pd.example.org/admin/inquiries/inquiry/{inquiry.pk}/change/" in notice.body

    # Both carry every answer.
    answers = (
        "District: Springfield Public Schools\n"
        "State or territory: Illinois\n"
        "City: Springfield\n"
        "Name: Jane Doe\n"
        "Job title or role: Director of Curriculum\n"
        "Work email: jane.doe@springfield.k12.il.us\n"
        "Phone: (312) 555-0100\n"
        "Schools: 12 elementary, 4 middle, 2 high (18 in total)\n"
        "Programmes: Middle school math and science, High school computer science\n"
        f"Would like to start: {form_data['start_year']}\n"
        "Heard of us through: A conference or event\n"
        "Message:\n"
        "We would like to start with two middle schools."
    )
    assert answers in confirmation.body
    assert answers in notice.body

    rows = OutgoingEmail.objects.for_object(inquiry).order_by("kind")
    assert [(row.kind, row.status) for row in rows] == [
        ("inquiry-confirmation", "sent"),
        ("inquiry-staff-notice", "sent"),
    ]


@pytest.mark.django_db
def test_emails_are_plain_text_without_html_escaping(
    client, form_data, notify, django_capture_on_commit_callbacks
):
    form_data.update(district="Smith & Jones <Unified>", message='Say "hi" & more')
    submit(client, form_data, django_capture_on_commit_callbacks)
    confirmation, notice = mail.outbox
    assert "District: Smith & Jones <Unified>\n" in notice.body
    assert 'Say "hi" & more' in confirmation.body
    assert notice.subject == "New district inquiry: Smith & Jones <Unified>, IL (18 schools)"


@pytest.mark.django_db
def test_smtp_failure_keeps_the_inquiry_and_the_retry_command_sends_once(
    client, form_data, notify, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.inquiries.mail.FailingBackend"
    inquiry = submit(client, form_data, django_capture_on_commit_callbacks)

    assert inquiry.district == "Springfield Public Schools"
    rows = list(OutgoingEmail.objects.for_object(inquiry).order_by("kind"))
    assert [(row.kind, row.status, row.attempts, row.last_error) for row in rows] == [
        (kind, "failed", 1, "SMTPServerDisconnected: Connection unexpectedly closed")
        for kind in ["inquiry-confirmation", "inquiry-staff-notice"]
    ]
    assert mail.outbox == []

    # Still down: the command tries again and keeps the rows.
    call_command("send_pending_notifications", verbosity=0)
    assert OutgoingEmail.objects.pending().count() == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_notifications", verbosity=0)
    call_command("send_pending_notifications", verbosity=0)  # a second run sends nothing again
    assert sorted(message.to[0] for message in mail.outbox) == [
        "jane.doe@springfield.k12.il.us",
        "partnerships@example.org",
    ]
    assert [row.status for row in OutgoingEmail.objects.for_object(inquiry)] == ["sent", "sent"]
    assert Inquiry.objects.count() == 1


@pytest.mark.django_db
def test_duplicate_within_a_day_is_recognised_and_not_stored_or_sent_twice(
    client, form_data, notify, django_capture_on_commit_callbacks
):
    first = submit(client, form_data, django_capture_on_commit_callbacks)
    again = {
        **form_data,
        "district": "SPRINGFIELD public schools",
        "email": "Jane.Doe@Springfield.K12.IL.US",
        "message": "Sent again by mistake.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DISTRICTS_URL, again)
    assert response.status_code == 302
    assert response["Location"] == "/educate/districts/thank-you"
    assert list(Inquiry.objects.all()) == [first]
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_submit_inquiry_returns_the_earlier_inquiry_for_a_duplicate(form_data):
    form = InquiryForm(form_data)
    assert form.is_valid()
    first = services.submit_inquiry(form.cleaned_data, client_ip="127.0.0.1")
    assert services.submit_inquiry(form.cleaned_data, client_ip="127.0.0.1") == first
    assert Inquiry.objects.count() == 1


@pytest.mark.django_db
def test_same_district_and_email_after_a_day_or_another_contact_is_a_new_inquiry(form_data):
    form = InquiryForm(form_data)
    assert form.is_valid()
    first = services.submit_inquiry(form.cleaned_data)
    Inquiry.objects.filter(pk=first.pk).update(
        received_at=timezone.now() - timedelta(hours=24, minutes=1)
    )
    services.submit_inquiry(form.cleaned_data)
    services.submit_inquiry({**form.cleaned_data, "email": "sam@springfield.k12.il.us"})
    services.submit_inquiry({**form.cleaned_data, "district": "Shelbyville Public Schools"})
    assert Inquiry.objects.count() == 4


def test_a_double_click_racing_in_two_requests_stores_one_inquiry(transactional_db, form_data):
    form = InquiryForm(form_data)
    assert form.is_valid()
    results = []

    def second_click():
        try:
            results.append(services.submit_inquiry(form.cleaned_data))
        finally:
            connection.close()

    with transaction.atomic():
        first = services.submit_inquiry(form.cleaned_data)
        other = threading.Thread(target=second_click)
        other.start()
        other.join(timeout=1)
        # The second request waits for the first one's transaction...
        assert other.is_alive()
    other.join(timeout=10)
    # ...then recognises the duplicate.
    assert results == [first]
    assert Inquiry.objects.count() == 1
