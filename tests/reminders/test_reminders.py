"""Reminders: exact emails for a Denver and a Honolulu workshop, the moments around a
daylight-saving change, no reminder for cancelled sign-ups or workshops, no double send, and
catching up after a missed run."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from reminders.models import Reminder
from reminders.services import send_due_reminders
from tests.workshops.conftest import make_enrollment, make_workshop
from tests.workshops.test_concurrency import race
from workshops.models import Enrollment, Workshop

DENVER = zoneinfo.ZoneInfo("America/Denver")
HONOLULU = zoneinfo.ZoneInfo("Pacific/Honolulu")
UTC = datetime.UTC


def at(zone, *args):
    return datetime.datetime(*args, tzinfo=zone)


def signed_up(workshop, when, **kw):
    enrollment = make_enrollment(workshop, **kw)
    Enrollment.objects.filter(pk=enrollment.pk).update(created_at=when)
    return enrollment


def run(now, capture):
    mail.outbox.clear()
    with capture(execute=True):
        count = send_due_reminders(now=now)
    return count


@pytest.fixture
def denver(db):
    # Friday, April 9, 2027, 9 AM - 3 PM in Denver (MDT, UTC-6).
    return make_workshop(
        zip_code="80202",
        local_start=datetime.datetime(2027, 4, 9, 9, 0),
        title="CS Fundamentals Denver",
        notes="Park in the east lot. Bring a laptop.",
        facilitator_email="jordan.lee@example.org",
    )


@pytest.fixture
def honolulu(db):
    # Saturday, April 10, 2027, 8:30 AM - 2:30 PM in Honolulu (HST, UTC-10, no DST).
    return make_workshop(
        zip_code="96813",
        local_start=datetime.datetime(2027, 4, 10, 8, 30),
        title="CS Fundamentals Honolulu",
    )


def test_seat_holders_get_the_7_and_1_day_reminders_with_the_venue_time(
    denver, django_capture_on_commit_callbacks
):
    early = at(UTC, 2027, 3, 1)
    ada = signed_up(denver, early, first_name="Ada", email="ada@example.org")
    signed_up(denver, early, email="gone@example.org", status=Enrollment.Status.CANCELLED)

    # 7:59 AM in Denver on April 2: not yet. 8:00 AM (14:00 UTC, MDT): the 7-day reminder.
    assert run(at(DENVER, 2027, 4, 2, 7, 59), django_capture_on_commit_callbacks) == 0
    assert run(at(DENVER, 2027, 4, 2, 8, 0), django_capture_on_commit_callbacks) == 1
    (email,) = mail.outbox
    assert (email.to, email.reply_to, email.subject) == (
        ["ada@example.org"],
        ["jordan.lee@example.org"],
        "In 7 days: CS Fundamentals Denver - Fri, Apr 9, 2027",
    )
    assert (
        "your free K-5 computer science workshop is on Friday, April 9, starting at 9:00 AM MDT"
        in email.body
    )
    assert "When: Friday, April 9, 2027, 9:00 AM to 3:00 PM MDT" in email.body
    assert (
        "Directions: https://www.google.com/maps/dir/?api=1&destination=Lincoln%20Elementary%20School%2C%20100%20Main%20Street%2C%20Denver%2C%20CO%2080202"
        in email.body
    )
    assert "Park in the east lot. Bring a laptop." in email.body
    assert "If you can't come, cancel so a teacher on the waitlist gets your seat:" in email.body
    assert f"/professional-development-workshops/signup/{ada.token}/cancel" in email.body
    assert [a[0] for a in email.attachments] == [f"workshop-{denver.pk}.ics"]

    # Running again sends nothing; the day before at 8 AM, the 1-day reminder.
    assert run(at(DENVER, 2027, 4, 2, 9, 0), django_capture_on_commit_callbacks) == 0
    assert run(at(DENVER, 2027, 4, 8, 8, 0), django_capture_on_commit_callbacks) == 1
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["ada@example.org"], "Tomorrow: CS Fundamentals Denver - Fri, Apr 9, 2027")
    ]
    assert sorted(Reminder.objects.values_list("enrollment__email", "kind")) == [
        ("ada@example.org", "days_1"),
        ("ada@example.org", "days_7"),
    ]


def test_honolulu_reminder_moment_is_8_am_hawaii_time(honolulu, django_capture_on_commit_callbacks):
    signed_up(honolulu, at(UTC, 2027, 3, 1), email="kai@example.org")
    # 8 AM HST on Friday, April 9 is 18:00 UTC; a minute before, nothing.
    assert run(at(UTC, 2027, 4, 9, 17, 59), django_capture_on_commit_callbacks) == 0
    assert run(at(UTC, 2027, 4, 9, 18, 0), django_capture_on_commit_callbacks) == 1
    (email,) = mail.outbox
    assert (email.to, email.subject) == (
        ["kai@example.org"],
        "Tomorrow: CS Fundamentals Honolulu - Sat, Apr 10, 2027",
    )
    assert "When: Saturday, April 10, 2027, 8:30 AM to 2:30 PM HST" in email.body
    cal = Calendar.from_ical(email.attachments[0][1])
    (event,) = cal.walk("VEVENT")
    assert event.decoded("dtstart") == at(HONOLULU, 2027, 4, 10, 8, 30)


def test_moments_across_the_daylight_saving_change(db, django_capture_on_commit_callbacks):
    # Monday, March 15, 2027 in Denver: DST began on Sunday, March 14. The 7-day reminder is at
    # 8 AM MST (15:00 UTC) on March 8, the 1-day one at 8 AM MDT (14:00 UTC) on March 14.
    workshop = make_workshop(zip_code="80202", local_start=datetime.datetime(2027, 3, 15, 9, 0))
    signed_up(workshop, at(UTC, 2027, 2, 1), email="ada@example.org")
    assert run(at(UTC, 2027, 3, 8, 14, 59), django_capture_on_commit_callbacks) == 0
    assert run(at(UTC, 2027, 3, 8, 15, 0), django_capture_on_commit_callbacks) == 1
    assert run(at(UTC, 2027, 3, 14, 13, 59), django_capture_on_commit_callbacks) == 0
    assert run(at(UTC, 2027, 3, 14, 14, 0), django_capture_on_commit_callbacks) == 1
    assert (
        mail.outbox[0].subject == "Tomorrow: Computer science fundamentals, K-5 - Mon, Mar 15, 2027"
    )
    assert "9:00 AM to 3:00 PM MDT" in mail.outbox[0].body


def test_a_late_sign_up_gets_only_the_reminders_still_ahead(
    denver, django_capture_on_commit_callbacks
):
    signed_up(denver, at(DENVER, 2027, 4, 7, 12, 0), email="late@example.org")  # 2 days before
    assert run(at(DENVER, 2027, 4, 7, 12, 5), django_capture_on_commit_callbacks) == 0
    assert run(at(DENVER, 2027, 4, 8, 8, 0), django_capture_on_commit_callbacks) == 1
    assert Reminder.objects.get().kind == "days_1"


def test_catching_up_after_a_missed_day_but_not_long_after(
    denver, django_capture_on_commit_callbacks
):
    signed_up(denver, at(UTC, 2027, 3, 1), email="ada@example.org")
    # No run on April 2 at all: the next morning's run catches the 7-day reminder up.
    assert run(at(DENVER, 2027, 4, 3, 7, 0), django_capture_on_commit_callbacks) == 1
    assert Reminder.objects.get().kind == "days_7"
    other = make_workshop(zip_code="80202", local_start=datetime.datetime(2027, 4, 9, 13, 0))
    signed_up(other, at(UTC, 2027, 3, 1), email="bo@example.org")
    # Three days late, the 7-day reminder has long passed: dropped, not sent.
    assert run(at(DENVER, 2027, 4, 5, 9, 0), django_capture_on_commit_callbacks) == 0
    # A run missed on the day before: it is caught up until the workshop starts, not after.
    assert run(at(DENVER, 2027, 4, 9, 8, 59), django_capture_on_commit_callbacks) == 2
    assert run(at(DENVER, 2027, 4, 9, 13, 1), django_capture_on_commit_callbacks) == 0
    assert sorted(Reminder.objects.values_list("enrollment__email", "kind")) == [
        ("ada@example.org", "days_1"),
        ("ada@example.org", "days_7"),
        ("bo@example.org", "days_1"),
    ]


def test_the_waitlist_note_3_days_before(denver, django_capture_on_commit_callbacks):
    early = at(UTC, 2027, 3, 1)
    signed_up(denver, early, email="seat@example.org")
    first = signed_up(denver, early, email="wait1@example.org", status=Enrollment.Status.WAITLISTED)
    signed_up(denver, early, email="wait2@example.org", status=Enrollment.Status.WAITLISTED)
    Enrollment.objects.filter(pk=first.pk).update(created_at=early - datetime.timedelta(hours=1))
    assert run(at(DENVER, 2027, 4, 6, 8, 0), django_capture_on_commit_callbacks) == 2
    assert [(m.to, m.subject, m.attachments) for m in mail.outbox] == [
        (
            ["wait1@example.org"],
            "You're still on the waitlist: CS Fundamentals Denver - Fri, Apr 9, 2027",
            [],
        ),
        (
            ["wait2@example.org"],
            "You're still on the waitlist: CS Fundamentals Denver - Fri, Apr 9, 2027",
            [],
        ),
    ]
    assert "You are number 1 on its waitlist." in mail.outbox[0].body
    assert "You are number 2 on its waitlist." in mail.outbox[1].body
    assert "You do not have a seat unless you hear from us" in mail.outbox[0].body
    assert "If you no longer want a seat, leave the waitlist here:" in mail.outbox[0].body


def test_no_reminders_for_cancelled_or_draft_workshops(denver, django_capture_on_commit_callbacks):
    signed_up(denver, at(UTC, 2027, 3, 1))
    Workshop.objects.filter(pk=denver.pk).update(status=Workshop.Status.CANCELLED)
    assert run(at(DENVER, 2027, 4, 2, 8, 0), django_capture_on_commit_callbacks) == 0
    Workshop.objects.filter(pk=denver.pk).update(status=Workshop.Status.DRAFT)
    assert run(at(DENVER, 2027, 4, 2, 8, 0), django_capture_on_commit_callbacks) == 0
    assert Reminder.objects.count() == 0


def test_the_command(denver, capsys, monkeypatch):
    import reminders.services

    signed_up(denver, at(UTC, 2027, 3, 1))
    monkeypatch.setattr(reminders.services.timezone, "now", lambda: at(DENVER, 2027, 4, 2, 8, 5))
    call_command("send_workshop_reminders")
    assert capsys.readouterr().out == "Queued 1 reminder(s).\n"


def test_two_runs_at_once_send_each_reminder_once(transactional_db):
    workshop = make_workshop(zip_code="80202", local_start=datetime.datetime(2027, 4, 9, 9, 0))
    for n in range(5):
        signed_up(workshop, at(UTC, 2027, 3, 1), email=f"t{n}@example.org")
    now = at(DENVER, 2027, 4, 2, 8, 0)
    results = race(lambda n: send_due_reminders(now=now), count=4)
    assert all(isinstance(r, int) for r in results) and sum(results) == 5, results
    assert Reminder.objects.count() == 5
    from outbox.models import OutgoingEmail

    assert sorted(e.to[0] for e in OutgoingEmail.objects.all()) == [
        f"t{n}@example.org" for n in range(5)
    ]
