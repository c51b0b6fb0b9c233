import datetime

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from alerts.models import AlertNotice
from alerts.services import notify_new_workshops
from outbox.models import OutgoingEmail
from outbox.services import send_pending
from workshops.models import Workshop

from .factories import make_alert, make_course, make_workshop

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


def test_a_workshop_in_range_emails_each_matching_confirmed_alert_once(run_on_commit):
    near = make_alert(email="near@example.org", where="60601", distance=10)
    wide = make_alert(email="wide@example.org", where="Springfield, IL", distance=100)
    make_alert(email="pending@example.org", where="60601", status="pending")
    make_alert(email="gone@example.org", where="60601", status="unsubscribed")
    make_alert(email="short@example.org", where="53202", distance=50)  # Milwaukee: 80 mi away
    make_alert(email="far@example.org", where="99501", distance=100)
    workshop = make_workshop(zip_code="60614", title="CS Fundamentals Day", venue_name="Lincoln ES")

    assert run_on_commit(notify_new_workshops, [workshop]) == 1 + 0  # Springfield is 165 mi
    assert [m.to for m in mail.outbox] == [["near@example.org"]]
    assert list(AlertNotice.objects.values_list("alert", "workshop")) == [(near.pk, workshop.pk)]

    # Calling it again (the admin and the cron safety net) sends nothing more.
    assert run_on_commit(notify_new_workshops, [workshop]) == 0
    assert len(mail.outbox) == 1
    assert AlertNotice.objects.count() == 1
    assert wide.notices.count() == 0


def test_the_alert_email_names_the_workshop_with_its_local_time(run_on_commit):
    alert = make_alert(email="near@example.org", where="60601", distance=10)
    workshop = make_workshop(zip_code="60614", title="CS Fundamentals Day", venue_name="Lincoln ES")
    run_on_commit(notify_new_workshops, [workshop])
    message = mail.outbox[0]
    assert message.subject == "New K-5 workshop near 60601 (Chicago, IL): Chicago, IL, Feb 10"
    lines = message.body.splitlines()
    start = lines.index("* CS Fundamentals Day (Course C (grades 2-3))")
    assert lines[start : start + 4] == [
        "* CS Fundamentals Day (Course C (grades 2-3))",
        "  Wednesday, February 10, 2027, 9:00 AM to 3:00 PM CST",
        "  Lincoln ES, Chicago, IL - 3 mi away",
        f"  Details and sign-up: {SITE}/professional-development-workshops/{workshop.pk}",
    ]
    assert f"{SITE}/professional-development-workshops/alerts/unsubscribe/{alert.token}" in lines


def test_every_alert_email_has_list_unsubscribe_headers(run_on_commit):
    alert = make_alert(where="60601", distance=10)
    run_on_commit(notify_new_workshops, [make_workshop(zip_code="60614")])
    message = mail.outbox[0]
    assert message.extra_headers == {
        "List-Unsubscribe": (
            f"<{SITE}/professional-development-workshops/alerts/unsubscribe/{alert.token}>, "
            f"<mailto:pd@example.org?subject=unsubscribe%20{alert.token}>"
        ),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert str(message.message()["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"


def test_the_distance_is_each_alerts_own(run_on_commit):
    make_alert(email="fifty@example.org", where="60601", distance=50)
    make_alert(email="hundred@example.org", where="60601", distance=100)
    milwaukee = make_workshop(zip_code="53202")  # 81.7 miles from 60601
    assert run_on_commit(notify_new_workshops, [milwaukee]) == 1
    assert [m.to for m in mail.outbox] == [["hundred@example.org"]]
    assert "Milwaukee, WI - 82 mi away" in mail.outbox[0].body


def test_drafts_cancelled_and_past_workshops_alert_nobody(run_on_commit):
    make_alert(where="60601", distance=50)
    workshops = [
        make_workshop(zip_code="60614", status=Workshop.Status.DRAFT),
        make_workshop(zip_code="60614", status=Workshop.Status.CANCELLED),
        make_workshop(zip_code="60614", day=datetime.date(2020, 1, 8)),
    ]
    assert run_on_commit(notify_new_workshops, workshops) == 0
    assert run_on_commit(notify_new_workshops, []) == 0
    assert mail.outbox == []
    assert AlertNotice.objects.count() == 0


def test_two_hundred_workshops_at_once_make_one_digest(run_on_commit):
    alert = make_alert(email="t@example.org", where="60601", distance=50)
    other = make_alert(email="other@example.org", where="46204", distance=25)  # Indianapolis
    workshops = [
        make_workshop(
            zip_code="60614",
            day=datetime.date(2027, 1, 4) + datetime.timedelta(days=n),
            title=f"Workshop {n:03d}",
        )
        for n in range(200)
    ]
    assert run_on_commit(notify_new_workshops, workshops) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["t@example.org"]
    assert message.subject == "200 new K-5 workshops near 60601 (Chicago, IL)"
    listed = [line for line in message.body.splitlines() if line.startswith("* ")]
    assert listed == [f"* Workshop {n:03d} (Course C (grades 2-3))" for n in range(20)]
    assert "...and 180 more. See them all:" in message.body
    assert (
        f"{SITE}/professional-development-workshops?q=60601&distance=50"
        in message.body.splitlines()
    )
    assert alert.notices.count() == 200
    assert other.notices.count() == 0
    # Publishing one more later gives that one alone.
    late = make_workshop(zip_code="60616", title="Late one")
    assert run_on_commit(notify_new_workshops, [*workshops, late]) == 1
    assert mail.outbox[1].subject.startswith("New K-5 workshop near 60601 (Chicago, IL): Chicago")
    assert "* Late one (Course C (grades 2-3))" in mail.outbox[1].body.splitlines()


def test_a_failed_send_is_kept_and_retried_once(run_on_commit, settings):
    make_alert(email="t@example.org", where="60601", distance=10)
    settings.EMAIL_BACKEND = "tests.alerts.test_notify.FailingBackend"
    assert run_on_commit(notify_new_workshops, [make_workshop(zip_code="60614")]) == 1
    outgoing = OutgoingEmail.objects.get()
    assert (outgoing.kind, outgoing.sent_at, outgoing.attempts, outgoing.to) == (
        "workshop-alert",
        None,
        1,
        ["t@example.org"],
    )
    assert outgoing.last_error == "ConnectionRefusedError: SMTP server down"
    assert mail.outbox == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_pending() == (1, 0)
    assert send_pending() == (0, 0)
    assert [m.to for m in mail.outbox] == [["t@example.org"]]
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_cron_command_notifies_recent_workshops_once(django_capture_on_commit_callbacks):
    import io

    make_alert(email="t@example.org", where="60601", distance=10)
    make_workshop(zip_code="60614", title="New one")
    old = make_workshop(zip_code="60614", title="Old one")
    Workshop.objects.filter(pk=old.pk).update(
        published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_workshop_alerts", "--hours", "6", stdout=out)
    assert out.getvalue() == "Queued 1 alert email(s).\n"
    assert "* New one (Course C (grades 2-3))" in mail.outbox[0].body.splitlines()
    assert "Old one" not in mail.outbox[0].body
    out = io.StringIO()
    call_command("notify_workshop_alerts", "--hours", "6", stdout=out)
    assert out.getvalue() == "Queued 0 alert email(s).\n"
    assert len(mail.outbox) == 1


def test_a_title_that_names_its_course_does_not_name_it_twice(run_on_commit):
    make_alert(email="near@example.org", where="60601", distance=10)
    course = make_course(name="Course C (Grade 2)", slug="course-c-grade-2")
    workshop = make_workshop(
        zip_code="60614", title="CS Fundamentals: Course C (Grade 2)", course=course
    )
    run_on_commit(notify_new_workshops, [workshop])
    lines = mail.outbox[0].body.splitlines()
    assert "* CS Fundamentals: Course C (Grade 2)" in lines
    assert not any("(Course C (Grade 2))" in line for line in lines)
