"""Attendance in the workshop admin: counts per workshop, the "not taken" filter, reopening,
correcting a mark (with who and when), and linking facilitators."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from attendance import services
from attendance.models import AttendanceChange
from tests.workshops.factories_admin import result_rows
from workshops.models import Enrollment

from .conftest import make_enrollment, make_facilitator, make_today_workshop, make_workshop

pytestmark = pytest.mark.django_db
LIST = reverse("admin:workshops_workshop_changelist")


def ended(facilitator=None, **kw):
    start = timezone.now() - datetime.timedelta(days=2)
    return make_today_workshop(facilitator, starts_at=start, **kw)


def mark(workshop, by, present, absent=0, unmarked=0, waitlisted_present=0, walk_ins=0):
    for _ in range(present):
        services.record(enrollment=make_enrollment(workshop), present=True, by=by)
    for _ in range(absent):
        services.record(enrollment=make_enrollment(workshop), present=False, by=by)
    for _ in range(unmarked):
        make_enrollment(workshop)
    for _ in range(waitlisted_present):
        waiting = make_enrollment(workshop, status=Enrollment.Status.WAITLISTED)
        services.record(enrollment=waiting, present=True, by=by)
    for n in range(walk_ins):
        services.add_walk_in(
            workshop=workshop,
            data={
                "first_name": "Wes",
                "last_name": f"Walker{n}",
                "email": f"walker{n}@example.org",
                "school_name": "Hill",
                "school_zip": "60614",
            },
            by=by,
        )


def test_the_list_shows_attended_no_shows_walk_ins_and_rate(
    admin_client, django_assert_max_num_queries
):
    jordan = make_facilitator()
    workshop = ended(jordan, title="Counted")
    mark(workshop, jordan, present=6, absent=1, unmarked=1, waitlisted_present=1, walk_ins=2)
    make_workshop(title="Upcoming")
    with django_assert_max_num_queries(12):
        response = admin_client.get(LIST, {"when": "all"})
    rows = {row["title"]: row for row in result_rows(response.content.decode())}
    counted = rows["Counted"]
    # 6 + 1 waitlisted + 2 walk-ins came; 2 seat holders did not: 9 / 11.
    assert (
        counted["attended"],
        counted["no_shows"],
        counted["walk_ins"],
        counted["attendance_rate"],
    ) == (
        "9",
        "2",
        "2",
        "82%",
    )
    assert rows["Upcoming"]["attendance_rate"] == "-"


def test_the_attendance_not_taken_filter_lists_ended_open_workshops(admin_client):
    jordan = make_facilitator()
    open_one = ended(jordan, title="Ended, not taken")
    closed = ended(jordan, title="Ended, complete")
    services.close_attendance(workshop=closed, by=jordan)
    make_today_workshop(jordan, title="Running now")
    make_workshop(title="Upcoming")
    response = admin_client.get(LIST + "?attendance=not_taken")
    assert [row["title"] for row in result_rows(response.content.decode())] == [open_one.title]
    response = admin_client.get(LIST + "?attendance=complete")
    assert [row["title"] for row in result_rows(response.content.decode())] == [closed.title]


def test_staff_reopen_and_correct_with_history(admin_client):
    staff = User.objects.get(username="admin")
    jordan = make_facilitator(username="jordan")
    workshop = ended(jordan)
    teacher = make_enrollment(workshop, first_name="Ada", last_name="Byron")
    services.record(enrollment=teacher, present=False, by=jordan)
    services.close_attendance(workshop=workshop, by=jordan)

    response = admin_client.post(
        LIST + "?attendance=complete",
        {"action": "reopen_attendance", "_selected_action": [workshop.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Reopened attendance of 1 workshop(s)."
    ]
    # The correction goes through the service: recorded by staff, in the history.
    attendance = teacher.attendance
    response = admin_client.post(
        reverse("admin:attendance_attendance_change", args=[attendance.pk]),
        {"present": "on"},
    )
    assert response.status_code == 302
    attendance.refresh_from_db()
    assert (attendance.present, attendance.recorded_by) == (True, staff)
    admin_client.post(
        LIST + "?attendance=not_taken",
        {"action": "close_attendance", "_selected_action": [workshop.pk]},
    )
    assert list(AttendanceChange.objects.order_by("pk").values_list("action", "by__username")) == [
        ("absent", "jordan"),
        ("closed", "jordan"),
        ("reopened", "admin"),
        ("present", "admin"),
        ("closed", "admin"),
    ]
    page = admin_client.get(reverse("admin:workshops_workshop_change", args=[workshop.pk]))
    assert "Attended 1, no-shows 0, walk-ins 0, attendance rate 100%." in page.content.decode()


def test_staff_link_only_facilitators_to_a_workshop(admin_client):
    jordan = make_facilitator(first_name="Jordan", last_name="Lee")
    User.objects.create_user("teacher", first_name="Not", last_name="Facilitator")
    workshop = make_workshop()
    response = admin_client.get(reverse("admin:workshops_workshop_change", args=[workshop.pk]))
    field = response.context["adminform"].form.fields["facilitators"]
    assert list(field.queryset) == [jordan]
