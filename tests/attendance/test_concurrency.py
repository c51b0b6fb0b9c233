"""Closing attendance from two places at once closes it once (real concurrent transactions)."""

from attendance import services
from attendance.models import AttendanceChange
from tests.workshops.test_concurrency import race

from .conftest import make_enrollment, make_facilitator, make_today_workshop


def test_racing_closes_close_once(transactional_db):
    jordan = make_facilitator()
    workshop = make_today_workshop(jordan)
    make_enrollment(workshop)
    results = race(lambda n: services.close_attendance(workshop=workshop, by=jordan), count=4)
    assert sorted(results) == [False, False, False, True]
    assert list(AttendanceChange.objects.values_list("action", flat=True)) == ["closed"]


def test_racing_marks_of_one_teacher_keep_one_row(transactional_db):
    jordan = make_facilitator()
    workshop = make_today_workshop(jordan)
    teacher = make_enrollment(workshop)
    results = race(lambda n: services.record(enrollment=teacher, present=True, by=jordan), count=4)
    assert [type(r).__name__ for r in results] == ["Attendance"] * 4
    assert list(AttendanceChange.objects.values_list("action", flat=True)) == ["present"]
