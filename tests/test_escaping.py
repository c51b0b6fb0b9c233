"""Hostile text typed into the public forms (and into workshop fields by staff) is escaped or
neutralised wherever it shows up again: pages, the admin, emails, CSV exports, iCalendar, the
map's JSON. Email headers cannot be injected through a name."""

import csv
import io
from pathlib import Path

import icalendar
import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core import mail

from alerts.models import Alert
from inquiries import spam
from inquiries.models import Inquiry
from outbox.models import OutgoingEmail
from outbox.services import send_pending
from tests.inquiries.helpers import valid_inquiry_post
from tests.workshops.conftest import make_workshop
from workshops.ics import workshop_ics
from workshops.models import Enrollment

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
CRLF_BCC = "\r\nBcc: victim@example.org"
# A quoted local part: a valid email address that holds markup.
HTML_EMAIL = '"<b>x</b>"@example.org'
RAW = [SCRIPT, IMG, "<b>x</b>", "<img src=x"]
FORMULA = '=HYPERLINK("http://evil.example","x")'


def assert_no_raw_markup(html):
    for raw in RAW:
        assert raw not in html, raw
    assert "onerror=alert(1)>" not in html


@pytest.fixture
def workshop(db):
    return make_workshop("60601", facilitator_email="facilitator@example.org")


@pytest.fixture
def hostile_signup(client, workshop):
    """A sign-up through the public form with markup and CR LF in every free-text field."""
    response = client.post(
        f"/professional-development-workshops/{workshop.pk}/signup",
        {
            "first_name": f"Ada{CRLF_BCC}",
            "last_name": f"{SCRIPT}{IMG}",
            "email": HTML_EMAIL,
            "school_name": f"{FORMULA}{SCRIPT}",
            "school_zip": "60601",
            "role": "classroom_teacher",
            "grades": ["K"],
        },
    )
    assert response.status_code == 302
    return Enrollment.objects.get(), response


def test_the_sign_up_confirmation_and_enrollment_pages_escape(client, hostile_signup):
    enrollment, response = hostile_signup
    assert enrollment.first_name == f"Ada{CRLF_BCC}"  # stored as typed
    page = client.get(response["Location"])  # shows the "You're signed up" message too
    html = page.content.decode()
    assert (
        "We&#x27;ve emailed a confirmation to &quot;&lt;b&gt;x&lt;/b&gt;&quot;@example.org" in html
    )
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    )
    assert_no_raw_markup(html)
    cancel = client.get(response["Location"] + "/cancel").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in cancel
    assert_no_raw_markup(cancel)


def test_emails_are_plain_text_with_one_line_subjects_and_no_injected_headers(
    hostile_signup, workshop
):
    html_templates = list(Path(django_settings.BASE_DIR, "templates", "emails").glob("*.html"))
    assert html_templates == [], "An HTML email: test here that it escapes what people typed."
    enrollment, _ = hostile_signup
    assert send_pending() == (2, 0)
    teacher, facilitator = sorted(mail.outbox, key=lambda m: m.to[0] != HTML_EMAIL)
    assert facilitator.subject.startswith(
        "New sign-up: Ada Bcc: victim@example.org <script>alert(1)</script>"
    )
    for message in (teacher, facilitator):
        assert "\r" not in message.subject and "\n" not in message.subject
        assert message.bcc == []
        assert message.alternatives == []  # no HTML part to escape
        raw = message.message().as_bytes().decode()
        headers = raw.split("\n\n", 1)[0]
        assert "\nBcc:" not in headers
        assert "victim@example.org" not in message.recipients()
    assert teacher.recipients() == [HTML_EMAIL]
    assert facilitator.recipients() == ["facilitator@example.org"]
    assert facilitator.reply_to == [HTML_EMAIL]


def inquiry_post(**fields):
    plain = {
        "phone": "",
        "schools_middle": "",
        "schools_high": "",
        "programmes": ["middle_school"],
        "heard_about": "",
        "message": "",
        "form_token": spam.make_token(now=0),
    }
    return valid_inquiry_post(**{**plain, **fields})


@pytest.fixture
def hostile_inquiry(client, db):
    response = client.post(
        "/educate/districts",
        inquiry_post(
            district=f"{SCRIPT} District{CRLF_BCC}",
            first_name=f"{FORMULA}{CRLF_BCC}",
            last_name=IMG,
            role="@SUM(A1:A2)",
            city="-Springfield",
            message=f"Line one\r\n{SCRIPT}\r\n=1+1",
        ),
    )
    assert response.status_code == 302
    return Inquiry.objects.get()


def test_inquiry_emails_have_one_line_subjects_and_no_injected_headers(hostile_inquiry):
    assert send_pending() == (2, 0)
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        "New district inquiry: <script>alert(1)</script> District Bcc: victim@example.org, IL "
        "(12 schools)",
        "We received your district partnership inquiry (<script>alert(1)</script> District Bcc: "
        "victim@example.org)",
    ]
    for message in mail.outbox:
        assert message.bcc == []
        assert "\nBcc:" not in message.message().as_bytes().decode().split("\n\n", 1)[0]
        assert "victim@example.org" not in message.recipients()


def test_alert_email_subject_is_one_line(client, db):
    response = client.post(
        "/professional-development-workshops/alerts",
        {"email": f"ada@example.org{CRLF_BCC}", "place": "60601", "distance": "25"},
    )
    assert response.status_code == 200  # an address with a line break is refused
    assert Alert.objects.count() == 0
    response = client.post(
        "/professional-development-workshops/alerts",
        {"email": HTML_EMAIL, "place": f"Chicago,{CRLF_BCC} IL", "distance": "25"},
    )
    assert response.status_code == 200  # no such place
    assert OutgoingEmail.objects.count() == 0


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("boss", "boss@example.org", "pw")


def test_admin_inquiry_list_and_change_form_escape(client, superuser, hostile_inquiry):
    client.force_login(superuser)
    for url in (
        "/admin/inquiries/inquiry/",
        f"/admin/inquiries/inquiry/{hostile_inquiry.pk}/change/",
    ):
        html = client.get(url).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt; District" in html
        assert_no_raw_markup(html)


def test_admin_alert_list_and_change_form_escape(client, superuser, db):
    client.post(
        "/professional-development-workshops/alerts",
        {"email": HTML_EMAIL, "place": "60601", "distance": "25"},
    )
    alert = Alert.objects.get()
    client.force_login(superuser)
    for url in ("/admin/alerts/alert/", f"/admin/alerts/alert/{alert.pk}/change/"):
        html = client.get(url).content.decode()
        assert "&quot;&lt;b&gt;x&lt;/b&gt;&quot;@example.org" in html
        assert_no_raw_markup(html)


def test_inquiry_csv_export_neutralises_formulas_and_keeps_line_breaks_in_one_cell(
    client, superuser, hostile_inquiry
):
    client.force_login(superuser)
    response = client.post(
        "/admin/inquiries/inquiry/",
        {"action": "export_csv", "_selected_action": [hostile_inquiry.pk], "index": "0"},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))
    assert len(rows) == 2  # the header and one inquiry, whatever line breaks it holds
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["First name"] == f"'{FORMULA}{CRLF_BCC}"
    assert row["Job title or role"] == "'@SUM(A1:A2)"
    assert row["City"] == "'-Springfield"
    assert row["Message"] == f"Line one\n{SCRIPT}\n=1+1"


VENUE = "Room 1; Hall, B\r\nATTENDEE:mailto:evil@example.org\nBEGIN:VEVENT\\"


def test_ics_keeps_hostile_venue_and_title_in_one_property(db):
    workshop = make_workshop(
        "60601", venue_name=VENUE, title=f"Loops{CRLF_BCC}\nEND:VEVENT", notes=SCRIPT
    )
    data = workshop_ics(workshop)
    lines = data.decode().split("\r\n")
    assert sum(line == "BEGIN:VEVENT" for line in lines) == 1
    assert sum(line == "END:VEVENT" for line in lines) == 1
    assert not [line for line in lines if line.startswith(("ATTENDEE", "Bcc"))]
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    # iCalendar text has one kind of line break (\n); the rest comes back exactly.
    assert str(event["LOCATION"]) == (
        f"{VENUE}, 100 Main Street, Chicago, IL 60601".replace("\r\n", "\n")
    )
    assert str(event["SUMMARY"]) == "Loops\nBcc: victim@example.org\nEND:VEVENT"


def test_map_data_and_workshop_page_escape_a_hostile_title(client, db):
    workshop = make_workshop(
        "60601",
        title=f"</script>{SCRIPT}",
        venue_name=IMG,
        notes=f"{SCRIPT}\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    for url in (
        "/professional-development-workshops?q=60601",
        workshop.get_absolute_url(),
        f"/professional-development-workshops/state/{workshop.state}",
    ):
        html = client.get(url).content.decode()
        assert "</script><script>" not in html
        assert "javascript:alert" not in html
        assert_no_raw_markup(html)


def test_admin_sign_up_list_and_change_form_escape(client, superuser, hostile_signup):
    enrollment, _ = hostile_signup
    client.force_login(superuser)
    for url in (
        "/admin/workshops/enrollment/",
        f"/admin/workshops/enrollment/{enrollment.pk}/change/",
        f"/admin/workshops/workshop/{enrollment.workshop_id}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
        assert_no_raw_markup(html)


def test_roster_csv_neutralises_formulas_and_keeps_line_breaks_in_one_cell(
    client, superuser, hostile_signup
):
    enrollment, _ = hostile_signup
    client.force_login(superuser)
    response = client.post(
        "/admin/workshops/workshop/",
        {"action": "export_roster", "_selected_action": [enrollment.workshop_id], "index": "0"},
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
    assert len(rows) == 2  # the header and the one sign-up
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Name"] == f"Ada{CRLF_BCC} {SCRIPT}{IMG}"
    assert row["Email"] == HTML_EMAIL
    assert row["School"] == f"'{FORMULA}{SCRIPT}"
