import csv
import io
import re

import pytest
from django.core import mail
from django.utils import timezone

from attendance import services
from attendance.models import Attendance
from workshops.models import Enrollment

from .conftest import (
    PASSWORD,
    make_enrollment,
    make_facilitator,
    make_today_workshop,
    make_workshop,
)

pytestmark = pytest.mark.django_db


def page_text(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def mine(facilitator):
    workshop = make_today_workshop(facilitator, title="Loops and events")
    return workshop


def test_anonymous_visitors_are_sent_to_the_login(client, mine):
    for path in [
        "/facilitate/",
        f"/facilitate/workshops/{mine.pk}",
        f"/facilitate/workshops/{mine.pk}/attendance",
        f"/facilitate/workshops/{mine.pk}/roster.csv",
        f"/facilitate/workshops/{mine.pk}/walk-in",
        f"/facilitate/workshops/{mine.pk}/complete",
    ]:
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (
            302,
            f"/facilitate/login?next={path}",
        ), path


def test_a_teacher_token_opens_nothing(client, mine):
    teacher = make_enrollment(mine)
    for path in [
        f"/facilitate/?token={teacher.token}",
        f"/facilitate/workshops/{mine.pk}/attendance?token={teacher.token}",
        f"/facilitate/{teacher.token}",
        f"/facilitate/workshops/{mine.pk}/{teacher.token}",
    ]:
        response = client.get(path)
        assert response.status_code in (302, 404), path
        if response.status_code == 302:
            assert response["Location"].startswith("/facilitate/login?next=")
    response = client.post(
        f"/facilitate/workshops/{mine.pk}/attendance?token={teacher.token}",
        {"enrollment": teacher.pk, "present": "1", "token": teacher.token},
    )
    assert response.status_code == 302 and response["Location"].startswith("/facilitate/login")
    assert Attendance.objects.count() == 0


def test_another_facilitators_workshop_is_a_404_everywhere(client, facilitator, mine):
    other = make_facilitator()
    theirs = make_today_workshop(other)
    teacher = make_enrollment(theirs)
    client.force_login(facilitator)
    for path in ["", "/attendance", "/roster.csv", "/walk-in", "/complete"]:
        assert client.get(f"/facilitate/workshops/{theirs.pk}{path}").status_code == 404, path
    response = client.post(
        f"/facilitate/workshops/{theirs.pk}/attendance", {"enrollment": teacher.pk, "present": "1"}
    )
    assert response.status_code == 404
    # A sign-up of another workshop, posted to my own attendance page, is not mine either.
    response = client.post(
        f"/facilitate/workshops/{mine.pk}/attendance", {"enrollment": teacher.pk, "present": "1"}
    )
    assert response.status_code == 404
    assert client.post(f"/facilitate/workshops/{theirs.pk}/complete").status_code == 404
    assert Attendance.objects.count() == 0
    theirs.refresh_from_db()
    assert theirs.attendance_closed_at is None


def test_a_signed_in_user_outside_the_group_sees_nothing(client, mine, django_user_model):
    stranger = django_user_model.objects.create_user("stranger", password=PASSWORD)
    mine.facilitators.add(stranger)
    client.force_login(stranger)
    assert client.get("/facilitate/").status_code == 404
    assert client.get(f"/facilitate/workshops/{mine.pk}").status_code == 404


def test_login_then_my_workshops_with_seats_and_waitlist(client, facilitator, mine):
    make_enrollment(mine)
    make_enrollment(mine, status=Enrollment.Status.WAITLISTED)
    make_workshop(title="Someone else's workshop")
    response = client.post(
        "/facilitate/login", {"username": facilitator.username, "password": PASSWORD}
    )
    assert (response.status_code, response["Location"]) == (302, "/facilitate/")
    response = client.get("/facilitate/")
    text = page_text(response)
    assert "Loops and events" in text
    assert "1 of 20 seats taken, 1 on the waitlist" in text
    assert "Someone else's workshop" not in text
    assert response["Cache-Control"].startswith("max-age=0")


def test_an_empty_sign_in_says_what_to_fill_in(client):
    response = client.post("/facilitate/login", {})
    assert response.context["form"].errors == {
        "username": ["Enter your username."],
        "password": ["Enter your password."],
    }


def test_five_failed_logins_lock_out_the_facilitator(client, facilitator):
    statuses = [
        client.post(
            "/facilitate/login",
            {"username": facilitator.username, "password": "wrong"},
            REMOTE_ADDR="203.0.113.9",
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    response = client.post(
        "/facilitate/login",
        {"username": facilitator.username, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_reset_is_emailed_through_the_outbox(
    client, facilitator, settings, django_capture_on_commit_callbacks
):
    from outbox.models import OutgoingEmail

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/facilitate/password-reset", {"email": facilitator.email})
    assert response["Location"] == "/facilitate/password-reset/sent"
    assert [m.to for m in mail.outbox] == [[facilitator.email]]
    assert mail.outbox[0].subject == "Reset your PD site facilitator password".replace(
        "PD site", settings.SITE_NAME
    )
    assert OutgoingEmail.objects.get().kind == "password-reset"
    link = re.search(r"(http\S+/facilitate/password-reset/\S+)", mail.outbox[0].body).group(1)
    path = link.removeprefix(settings.SITE_URL)
    form = client.get(path, follow=True)
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "another-long-passphrase", "new_password2": "another-long-passphrase"},
    )
    assert response["Location"] == "/facilitate/password-reset/complete"
    facilitator.refresh_from_db()
    assert facilitator.check_password("another-long-passphrase")


def test_roster_and_its_formula_safe_csv(client, facilitator, mine):
    make_enrollment(
        mine, first_name="=cmd|' /C calc'!A0", last_name="Doe", school_name="+Park", grades="2,3"
    )
    make_enrollment(mine, first_name="Ana", last_name="Able", status=Enrollment.Status.WAITLISTED)
    make_enrollment(mine, first_name="Gone", status=Enrollment.Status.CANCELLED)
    client.force_login(facilitator)
    text = page_text(client.get(f"/facilitate/workshops/{mine.pk}"))
    assert "2 people on the roster." in text
    assert "Gone" not in text
    response = client.get(f"/facilitate/workshops/{mine.pk}/roster.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "First name",
        "Last name",
        "Email",
        "School",
        "School ZIP",
        "Role",
        "Grades",
        "Status",
        "Signed up",
        "Present",
    ]
    assert [(r[0], r[1], r[3], r[6], r[7], r[9]) for r in rows[1:]] == [
        ("Ana", "Able", "Jefferson Elementary", "K,1", "Waitlisted", ""),
        ("'=cmd|' /C calc'!A0", "Doe", "'+Park", "2,3", "Enrolled", ""),
    ]
    assert (
        response["Content-Disposition"] == f'attachment; filename="workshop-{mine.pk}-roster.csv"'
    )


def test_marking_with_javascript_answers_json_and_without_redirects(client, facilitator, mine):
    ana = make_enrollment(mine, first_name="Ana", last_name="Able")
    client.force_login(facilitator)
    url = f"/facilitate/workshops/{mine.pk}/attendance"
    response = client.post(
        url, {"enrollment": ana.pk, "present": "1"}, headers={"Accept": "application/json"}
    )
    assert response.json() == {
        "present": True,
        "message": "Ana Able: present",
        "count_text": "1 person present",
    }
    response = client.post(url, {"enrollment": ana.pk, "present": "0"})
    assert response["Location"] == f"{url}#person-{ana.pk}"
    assert page_text(client.get(url)).count("Ana Able: not present") == 1
    ana.attendance.refresh_from_db()
    assert ana.attendance.present is False


def test_search_without_javascript(client, facilitator, mine):
    make_enrollment(mine, first_name="Ana", last_name="Able", school_name="Park Elementary")
    make_enrollment(mine, first_name="Ben", last_name="Baker", school_name="Hill School")
    client.force_login(facilitator)
    text = page_text(client.get(f"/facilitate/workshops/{mine.pk}/attendance?q=park"))
    assert "Ana Able" in text and "Ben Baker" not in text


def test_attendance_is_not_open_before_the_start_nor_after_closing(client, facilitator):
    later = make_workshop()
    later.facilitators.add(facilitator)
    teacher = make_enrollment(later)
    client.force_login(facilitator)
    url = f"/facilitate/workshops/{later.pk}/attendance"
    assert "Attendance opens when the workshop starts." in page_text(client.get(url))
    response = client.post(
        url, {"enrollment": teacher.pk, "present": "1"}, headers={"Accept": "application/json"}
    )
    assert (response.status_code, response.json()) == (
        409,
        {"error": "Attendance opens when the workshop starts."},
    )
    assert Attendance.objects.count() == 0


def test_an_empty_walk_in_says_what_is_missing_about_them(client, facilitator, mine):
    client.force_login(facilitator)
    response = client.post(f"/facilitate/workshops/{mine.pk}/walk-in", {"last_name": "Walker"})
    assert response.context["form"].errors == {
        "first_name": ["Enter their first name."],
        "email": ["Enter their email address."],
        "school_name": ["Enter the name of their school."],
        "school_zip": ["Enter their school's five-digit ZIP code."],
    }
    assert response.context["form"]["last_name"].value() == "Walker"
    assert not mine.enrollments.exists()


def test_walk_in_and_complete(client, facilitator, mine):
    make_enrollment(mine, first_name="Ana", last_name="Able", email="ana@example.org")
    client.force_login(facilitator)
    response = client.post(
        f"/facilitate/workshops/{mine.pk}/walk-in",
        {
            "first_name": "Wes",
            "last_name": "Walker",
            "email": "ANA@example.org",
            "school_name": "Hill School",
            "school_zip": "60614",
        },
    )
    assert response.context["form"].errors == {
        "email": ["ANA@example.org is already on the roster: mark them present there."]
    }
    response = client.post(
        f"/facilitate/workshops/{mine.pk}/walk-in",
        {
            "first_name": "Wes",
            "last_name": "Walker",
            "email": "wes@example.org",
            "school_name": "Hill School",
            "school_zip": "99999",
        },
    )
    assert response.context["form"].errors == {
        "school_zip": ["No US ZIP code 99999 - check the five digits."]
    }
    assert response.context["form"]["first_name"].value() == "Wes"
    response = client.post(
        f"/facilitate/workshops/{mine.pk}/walk-in",
        {
            "first_name": "Wes",
            "last_name": "Walker",
            "email": "wes@example.org",
            "school_name": "Hill School",
            "school_zip": "60614",
        },
        follow=True,
    )
    assert "Wes Walker is added and marked present." in page_text(response)
    summary = page_text(client.get(f"/facilitate/workshops/{mine.pk}/complete"))
    assert (
        "Present 1 Walk-ins (included above) 1 No-shows (seat holders not marked present) 1"
        in summary
    )
    assert "1 person on the roster is not marked; they count as not present." in summary
    response = client.post(f"/facilitate/workshops/{mine.pk}/complete", follow=True)
    assert "Attendance is complete. Thank you!" in page_text(response)
    mine.refresh_from_db()
    assert mine.attendance_closed_by == facilitator
    response = client.post(f"/facilitate/workshops/{mine.pk}/complete", follow=True)
    assert (
        "Attendance is complete. Staff can reopen it if something needs correcting."
        in page_text(response)
    )


def test_my_workshops_and_the_attendance_page_read_a_fixed_number_of_queries(
    client, facilitator, django_assert_max_num_queries
):
    import datetime

    for days in range(-3, 4):
        workshop = make_today_workshop(
            facilitator, starts_at=timezone.now() + datetime.timedelta(days=days, hours=-1)
        )
        for _ in range(3):
            services.record(enrollment=make_enrollment(workshop), present=True, by=facilitator)
    client.force_login(facilitator)
    with django_assert_max_num_queries(8):
        response = client.get("/facilitate/")
    assert len(response.context["upcoming"]) + len(response.context["past"]) == 7
    with django_assert_max_num_queries(9):
        response = client.get(f"/facilitate/workshops/{workshop.pk}/attendance")
    assert "3 people present" in page_text(response)
