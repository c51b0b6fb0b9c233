import pytest
from django.contrib.auth.models import User

from attendance import services
from attendance.models import Attendance, AttendanceChange
from workshops.models import Enrollment, Workshop

from .conftest import make_enrollment, make_facilitator, make_today_workshop

pytestmark = pytest.mark.django_db

WALK_IN = {
    "first_name": "Ana",
    "last_name": "Walker",
    "email": "ana.walker@example.org",
    "school_name": "Park Elementary",
    "school_zip": "60614",
}


def history(workshop):
    return list(
        AttendanceChange.objects.filter(workshop=workshop)
        .order_by("pk")
        .values_list("action", "enrollment_id", "by__username")
    )


def test_record_marks_and_keeps_the_history_without_touching_seats():
    facilitator = make_facilitator(username="jordan")
    workshop = make_today_workshop(facilitator, capacity=1)
    seat = make_enrollment(workshop)
    waiting = make_enrollment(workshop, status=Enrollment.Status.WAITLISTED)

    services.record(enrollment=seat, present=True, by=facilitator)
    services.record(enrollment=seat, present=True, by=facilitator)  # no change, no history
    services.record(enrollment=waiting, present=True, by=facilitator)
    services.record(enrollment=seat, present=False, by=facilitator)

    assert list(
        Attendance.objects.order_by("enrollment_id").values_list("enrollment_id", "present")
    ) == [
        (seat.pk, False),
        (waiting.pk, True),
    ]
    assert history(workshop) == [
        ("present", seat.pk, "jordan"),
        ("present", waiting.pk, "jordan"),
        ("absent", seat.pk, "jordan"),
    ]
    assert list(workshop.enrollments.attended()) == [waiting]
    counted = Workshop.objects.get(pk=workshop.pk)
    assert (counted.seats_taken, counted.waitlist_size) == (1, 1)


def test_a_walk_in_is_an_attended_sign_up_that_holds_no_seat():
    facilitator = make_facilitator(username="jordan")
    workshop = make_today_workshop(facilitator, capacity=1)
    make_enrollment(workshop)

    walk_in = services.add_walk_in(workshop=workshop, data=WALK_IN, by=facilitator)

    assert (walk_in.status, walk_in.full_name, walk_in.attendance.present) == (
        "walk_in",
        "Ana Walker",
        True,
    )
    counted = Workshop.objects.get(pk=workshop.pk)
    assert (counted.seats_taken, counted.waitlist_size) == (1, 0)
    assert history(workshop) == [("walk_in", walk_in.pk, "jordan")]
    with pytest.raises(services.AttendanceError) as error:
        services.add_walk_in(
            workshop=workshop, data={**WALK_IN, "email": "ANA.walker@example.org"}, by=facilitator
        )
    assert (
        error.value.message
        == "ANA.walker@example.org is already on the roster: mark them present there."
    )


def test_closing_twice_closes_once_and_a_closed_record_refuses_a_facilitator_not_staff():
    facilitator = make_facilitator(username="jordan")
    staff = User.objects.create_user("pat", "pat@example.org", is_staff=True)
    workshop = make_today_workshop(facilitator)
    teacher = make_enrollment(workshop)

    assert services.close_attendance(workshop=workshop, by=facilitator) is True
    assert services.close_attendance(workshop=workshop, by=facilitator) is False
    workshop.refresh_from_db()
    assert workshop.attendance_closed_by == facilitator
    with pytest.raises(services.AttendanceError) as error:
        services.record(enrollment=teacher, present=True, by=facilitator)
    assert (
        error.value.message == "Attendance for this workshop is complete and can no longer change."
    )

    services.record(enrollment=teacher, present=True, by=staff)  # staff correct it
    assert services.reopen_attendance(workshop=workshop, by=staff) is True
    assert services.reopen_attendance(workshop=workshop, by=staff) is False
    workshop.refresh_from_db()
    assert (workshop.attendance_closed_at, workshop.attendance_closed_by) == (None, None)
    assert history(workshop) == [
        ("closed", None, "jordan"),
        ("present", teacher.pk, "pat"),
        ("reopened", None, "pat"),
    ]


def test_a_cancelled_sign_up_cannot_be_marked():
    facilitator = make_facilitator()
    workshop = make_today_workshop(facilitator)
    cancelled = make_enrollment(workshop, status=Enrollment.Status.CANCELLED)
    with pytest.raises(services.AttendanceError):
        services.record(enrollment=cancelled, present=True, by=facilitator)
    assert Attendance.objects.count() == 0
