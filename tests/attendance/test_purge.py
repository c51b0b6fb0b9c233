"""purge_personal_data and the workshop day's records: walk-ins are anonymised like every
sign-up, attendance marks stay (the counts), reminder records of old workshops go."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from attendance import services
from attendance.models import Attendance
from reminders.models import Reminder
from workshops.models import Workshop

from .conftest import make_enrollment, make_facilitator, make_today_workshop

pytestmark = pytest.mark.django_db


def test_purge_covers_walk_ins_attendance_and_reminders(capsys):
    jordan = make_facilitator()
    old = make_today_workshop(jordan)
    walk_in = services.add_walk_in(
        workshop=old,
        data={
            "first_name": "Wes",
            "last_name": "Walker",
            "email": "wes@example.org",
            "school_name": "Hill School",
            "school_zip": "60614",
        },
        by=jordan,
    )
    seat = make_enrollment(old, email="seat@example.org")
    services.record(enrollment=seat, present=True, by=jordan)
    Reminder.objects.create(enrollment=seat, kind="days_1", sent_at=timezone.now())
    recent = make_today_workshop(jordan)
    kept = make_enrollment(recent, email="kept@example.org")
    Reminder.objects.create(enrollment=kept, kind="days_1", sent_at=timezone.now())
    long_ago = timezone.now() - datetime.timedelta(days=800)
    Workshop.objects.filter(pk=old.pk).update(
        starts_at=long_ago, ends_at=long_ago + datetime.timedelta(hours=6)
    )

    call_command("purge_personal_data", "--older-than", "365")
    out = capsys.readouterr().out
    assert "sign-ups anonymised: 2" in out
    assert "reminder records deleted: 1" in out
    walk_in.refresh_from_db()
    assert (walk_in.first_name, walk_in.email) == ("Removed", f"removed-{walk_in.pk}@invalid")
    assert list(Reminder.objects.values_list("enrollment__email", flat=True)) == [
        "kept@example.org"
    ]
    assert sorted(Attendance.objects.values_list("enrollment_id", "present")) == [
        (walk_in.pk, True),
        (seat.pk, True),
    ]
