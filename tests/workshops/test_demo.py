"""``manage.py load_demo_workshops``: enough realistic workshops, and safe to run twice."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db.models import F

from workshops.models import Course, Enrollment, Workshop

pytestmark = pytest.mark.django_db


def load():
    out = io.StringIO()
    call_command("load_demo_workshops", stdout=out)
    return out.getvalue().strip()


def test_demo_set_and_idempotency():
    first = load()

    upcoming = Workshop.objects.upcoming()
    assert upcoming.count() >= 150
    assert upcoming.values("city", "state").distinct().count() > 60
    assert upcoming.values("state").distinct().count() >= 30
    full_with_waitlist = upcoming.full().filter(waitlist_size__gt=0)
    assert full_with_waitlist.count() >= 5
    nearly_full = upcoming.filter(seats_taken__lt=F("capacity"), seats_taken__gte=F("capacity") - 2)
    assert nearly_full.count() >= 5
    assert Workshop.objects.filter(status="cancelled").count() >= 2
    assert Workshop.objects.past().count() >= 3
    # Nobody over capacity; a waitlist only where the workshop is full.
    # The seat columns are the sign-ups' own counts.
    assert not Workshop.objects.seat_drift().exists()
    seats = Workshop.objects.all()
    assert not seats.filter(seats_taken__gt=F("capacity")).exists()
    assert not seats.filter(waitlist_size__gt=0, seats_taken__lt=F("capacity")).exists()
    assert list(Course.objects.values_list("name", flat=True)) == [
        "Course A (Kindergarten)",
        "Course B (Grade 1)",
        "Course C (Grade 2)",
        "Course D (Grade 3)",
        "Course E (Grade 4)",
        "Course F (Grade 5)",
    ]
    for workshop in upcoming:
        start, end = workshop.local_starts_at, workshop.local_ends_at
        assert start.weekday() != 6
        assert (start.hour, start.minute) in {(8, 30), (9, 0)}
        assert datetime.timedelta(hours=6) <= end - start <= datetime.timedelta(hours=7)
        assert 20 <= workshop.capacity <= 40
        assert workshop.published_at is not None
    assert not Enrollment.objects.exclude(email__endswith="@example.com").exists()
    # A waitlist comes after the enrolled teachers.
    workshop = full_with_waitlist.first()
    last_enrolled = workshop.enrollments.enrolled().order_by("created_at").last()
    assert workshop.enrollments.waitlisted().first().created_at > last_enrolled.created_at

    counts = (Workshop.objects.count(), Enrollment.objects.count(), Course.objects.count())
    assert first == f"Created {counts[0]} demo workshops and {counts[1]} sign-ups."

    assert load() == "The demo workshops are already there; nothing to do."
    assert (Workshop.objects.count(), Enrollment.objects.count(), Course.objects.count()) == counts


def test_it_is_deterministic():
    load()
    first = list(Workshop.objects.values_list("title", "venue_name", "zip_code", "capacity"))
    Enrollment.objects.all().delete()
    Workshop.objects.all().delete()
    load()
    again = list(Workshop.objects.values_list("title", "venue_name", "zip_code", "capacity"))
    assert again == first


def test_the_courses_have_spanish_names_and_staff_spanish_is_kept():
    from workshops.demo import ensure_courses

    Course.objects.create(name="Course C (Grade 2)", slug="course-c", name_es="Curso C (staff)")
    Course.objects.create(name="Course D (Grade 3)", slug="course-d")
    ensure_courses()
    assert list(Course.objects.order_by("slug").values_list("slug", "name_es")) == [
        ("course-a", "Curso A (kínder)"),
        ("course-b", "Curso B (1.er grado)"),
        ("course-c", "Curso C (staff)"),
        ("course-d", "Curso D (3.er grado)"),
        ("course-e", "Curso E (4.º grado)"),
        ("course-f", "Curso F (5.º grado)"),
    ]
