"""Faults during a sign-up or an inquiry, end to end through the real views.

- The database fails on an INSERT: the visitor sees the friendly error page, nothing is
  half-written (no sign-up or inquiry, no queued email), and the log has a structured line with
  the request id.
- The SMTP server is down: the sign-up or inquiry is kept, each email row records the error, and
  ``send_pending_notifications`` with a working server sends each email exactly once.
"""

import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client

from inquiries import spam
from inquiries.models import Inquiry
from outbox.models import OutgoingEmail
from pdsite.middleware import RequestIdFilter
from tests.inquiries.helpers import valid_inquiry_post
from tests.workshops.conftest import make_workshop
from workshops.models import Enrollment

pytestmark = pytest.mark.django_db

FRIENDLY = "<h1>Something went wrong on our side</h1>"


def signup_data():
    return {
        "first_name": "Ada",
        "last_name": "Byron",
        "email": "ada.byron@school.example.org",
        "school_name": "Garfield Elementary",
        "school_zip": "80203",
        "role": "classroom_teacher",
        "grades": ["K", "1"],
    }


def inquiry_data():
    return valid_inquiry_post(form_token=spam.make_token(now=0))


def failing_insert(table):
    """An execute wrapper: the database drops the connection on an INSERT into ``table``."""

    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and f'"{table}"' in sql:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return wrapper


@pytest.fixture
def workshop(db):
    return make_workshop("80202")


@pytest.fixture
def forms(workshop):
    """(url, data, the model the form saves) for the sign-up and the inquiry."""
    return {
        "signup": (f"/professional-development-workshops/{workshop.pk}/signup", signup_data()),
        "inquiry": ("/educate/districts", inquiry_data()),
    }


@pytest.mark.parametrize(
    "form, table",
    [
        ("signup", "workshops_enrollment"),
        ("signup", "outbox_outgoingemail"),  # the sign-up is written, then its email fails
        ("inquiry", "inquiries_inquiry"),
        ("inquiry", "outbox_outgoingemail"),
    ],
)
def test_a_database_error_shows_the_error_page_and_writes_nothing(
    forms, caplog, settings, django_capture_on_commit_callbacks, form, table
):
    url, data = forms[form]
    caplog.handler.addFilter(RequestIdFilter())
    client = Client(raise_request_exception=False)
    with (
        connection.execute_wrapper(failing_insert(table)),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        caplog.at_level(logging.INFO),
    ):
        response = client.post(url, data, headers={"X-Request-ID": f"req-{form}"})
    assert response.status_code == 500
    html = response.content.decode()
    assert FRIENDLY in html
    assert "Nothing you sent was half-saved." in html
    assert "OperationalError" not in html and "Traceback" not in html
    assert response.headers["X-Request-ID"] == f"req-{form}"
    assert (Enrollment.objects.count(), Inquiry.objects.count()) == (0, 0)
    assert OutgoingEmail.objects.count() == 0
    assert callbacks == []
    assert mail.outbox == []
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == f"Internal Server Error: {url}"
    assert record.request_id == f"req-{form}"
    assert record.exc_info[0] is OperationalError
    # The console handler's format: one line with the level, logger and request id.
    formatter = logging.Formatter(settings.LOGGING["formatters"]["structured"]["format"])
    line = formatter.format(record).splitlines()[0]
    assert line.endswith(
        f" level=ERROR logger=django.request request_id=req-{form} Internal Server Error: {url}"
    )


@pytest.mark.parametrize(
    "form, kinds",
    [
        ("signup", ["enrollment-confirmed", "enrollment-facilitator-notice"]),
        ("inquiry", ["inquiry-confirmation", "inquiry-staff-notice"]),
    ],
)
def test_smtp_down_keeps_the_record_and_the_command_sends_each_email_once(
    forms, settings, django_capture_on_commit_callbacks, capsys, form, kinds
):
    url, data = forms[form]
    settings.EMAIL_BACKEND = "tests.inquiries.mail.FailingBackend"
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    saved = Enrollment.objects.get() if form == "signup" else Inquiry.objects.get()
    emails = list(OutgoingEmail.objects.for_object(saved).order_by("kind"))
    assert [e.kind for e in emails] == kinds
    for email in emails:
        assert (email.sent_at, email.attempts, email.status) == (None, 1, "failed")
        assert email.last_error == ("SMTPServerDisconnected: Connection unexpectedly closed")
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_notifications")
    assert capsys.readouterr().out == "Sent 2 email(s); 0 failed and will be retried.\n"
    call_command("send_pending_notifications")
    assert capsys.readouterr().out == "Sent 0 email(s); 0 failed and will be retried.\n"
    assert sorted(m.subject for m in mail.outbox) == sorted(e.subject for e in emails)
    assert len(mail.outbox) == 2
    for email in OutgoingEmail.objects.for_object(saved):
        assert email.status == "sent"
        assert email.attempts == 2
    saved.refresh_from_db()  # still there
