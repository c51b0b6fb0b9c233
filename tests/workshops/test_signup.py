"""The sign-up page, the teacher's sign-up page and the cancel page, through HTTP."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutgoingEmail
from workshops.models import Enrollment, Workshop

from .factories_signup import make_enrollment, make_workshop, signup_data

pytestmark = pytest.mark.django_db


def when(workshop):
    return workshop.local_starts_at.strftime("%a, %b %-d, %Y")


def post_signup(client, workshop, capture, **fields):
    with capture(execute=True):
        return client.post(reverse("workshops:signup", args=[workshop.pk]), signup_data(**fields))


def test_signup_page_shows_the_workshop_seats_and_form(client):
    workshop = make_workshop(capacity=20)
    make_enrollment(workshop)
    make_enrollment(workshop, status=Enrollment.Status.WAITLISTED)
    make_enrollment(workshop, status=Enrollment.Status.CANCELLED)
    response = client.get(f"/professional-development-workshops/{workshop.pk}/signup")
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["workshop"].seats_left == 19
    assert "19 of 20 seats left" in html
    assert "9:00 AM to 3:00 PM MST" in html or "9:00 AM to 3:00 PM MDT" in html
    assert 'name="first_name"' in html
    assert 'name="grades" value="K"' in html
    assert ">Sign up</button>" in html
    assert "This workshop is full" not in html
    assert html.count("<h1") == 1


def test_signup_stores_exactly_the_row_and_redirects_to_the_enrollment_page(
    client, django_capture_on_commit_callbacks
):
    workshop = make_workshop(capacity=20)
    response = post_signup(
        client, workshop, django_capture_on_commit_callbacks, email=" Ada.Byron@School.example.org "
    )
    enrollment = Enrollment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/professional-development-workshops/signup/{enrollment.token}"
    assert Enrollment.objects.values(
        "workshop",
        "first_name",
        "last_name",
        "email",
        "school_name",
        "school_zip",
        "role",
        "grades",
        "status",
        "cancelled_at",
        "promoted_at",
    ).get() == {
        "workshop": workshop.pk,
        "first_name": "Ada",
        "last_name": "Byron",
        "email": "Ada.Byron@School.example.org",
        "school_name": "Garfield Elementary",
        "school_zip": "80203",
        "role": "classroom_teacher",
        "grades": "K,1",
        "status": "enrolled",
        "cancelled_at": None,
        "promoted_at": None,
    }
    assert len(enrollment.token) == 43
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "You&#x27;re signed up. We&#x27;ve emailed a confirmation to " in html
    assert "Status: Enrolled" in html
    assert "Ada Byron" in html
    assert "K, 1" in html
    assert f'href="/professional-development-workshops/{workshop.pk}/calendar.ics"' in html
    assert (
        f'href="/professional-development-workshops/signup/{enrollment.token}/cancel">'
        "Cancel my sign-up</a>" in html
    )


def test_signup_emails_the_teacher_with_the_ics_and_the_facilitator(
    client, django_capture_on_commit_callbacks
):
    workshop = make_workshop(title="CS Fundamentals Denver", capacity=20)
    post_signup(client, workshop, django_capture_on_commit_callbacks)
    enrollment = Enrollment.objects.get()
    assert [(m.to, m.reply_to, m.subject) for m in mail.outbox] == [
        (
            ["ada.byron@school.example.org"],
            ["maria.lopez@example.org"],
            f"You're signed up: CS Fundamentals Denver on {when(workshop)}",
        ),
        (
            ["maria.lopez@example.org"],
            ["ada.byron@school.example.org"],
            f"New sign-up: Ada Byron for CS Fundamentals Denver on {when(workshop)}",
        ),
    ]
    teacher, facilitator = mail.outbox
    link = f"http://127.0.0.1:8000/professional-development-workshops/signup/{enrollment.token}"
    assert "See your sign-up, or cancel it if you can no longer come" in teacher.body
    assert link in teacher.body
    assert "Lincoln Elementary School, 1600 Pennsylvania St, Denver, CO 80202" in teacher.body
    assert ("9:00 AM to 3:00 PM MST" in teacher.body) or ("9:00 AM to 3:00 PM MDT" in teacher.body)
    [(filename, content, mimetype)] = teacher.attachments
    assert (filename, mimetype) == (f"workshop-{workshop.pk}.ics", "text/calendar")
    assert "DTSTART;TZID=America/Denver:" in content
    assert "BEGIN:VTIMEZONE" in content
    assert facilitator.attachments == []
    assert "Name: Ada Byron\nEmail: ada.byron@school.example.org\n" in facilitator.body
    assert "Grades taught: K, 1\n\nSeats taken: 1 of 20\n" in facilitator.body
    assert "Seats taken: 1 of 20" in facilitator.body
    assert [
        (row.kind, row.related, row.sent_at is not None, row.attempts)
        for row in OutgoingEmail.objects.order_by("pk")
    ] == [
        ("enrollment-confirmed", enrollment, True, 1),
        ("enrollment-facilitator-notice", enrollment, True, 1),
    ]


def test_full_workshop_offers_the_waitlist_and_puts_the_teacher_on_it(
    client, django_capture_on_commit_callbacks
):
    workshop = make_workshop(capacity=2)
    make_enrollment(workshop)
    make_enrollment(workshop)
    make_enrollment(workshop, status=Enrollment.Status.WAITLISTED)
    html = client.get(reverse("workshops:signup", args=[workshop.pk])).content.decode()
    assert "This workshop is full: sign up to join the waitlist" in html
    assert ">Join the waitlist</button>" in html
    assert "Full - join the waitlist" in html

    response = post_signup(client, workshop, django_capture_on_commit_callbacks)
    enrollment = Enrollment.objects.get(email="ada.byron@school.example.org")
    assert enrollment.status == Enrollment.Status.WAITLISTED
    assert workshop.enrollments.enrolled().count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "You&#x27;re on the waitlist, number 2." in page
    assert "Status: Waitlisted, number 2 on the waitlist" in page
    assert [(m.to, m.subject, len(m.attachments)) for m in mail.outbox] == [
        (
            ["ada.byron@school.example.org"],
            f"You're on the waitlist: Computer science fundamentals on {when(workshop)}",
            0,
        ),
        (
            ["maria.lopez@example.org"],
            f"Waitlist sign-up: Ada Byron for Computer science fundamentals on {when(workshop)}",
            0,
        ),
    ]
    assert "you're on its waitlist, number 2." in mail.outbox[0].body


def test_duplicate_email_in_another_case_is_refused_with_a_message(
    client, django_capture_on_commit_callbacks
):
    workshop = make_workshop()
    post_signup(client, workshop, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    response = post_signup(
        client,
        workshop,
        django_capture_on_commit_callbacks,
        email="ADA.BYRON@school.example.org",
        first_name="Ada again",
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": [
            "This email address is already signed up for this workshop. The confirmation email "
            "we sent has a link to see or cancel that sign-up."
        ]
    }
    html = response.content.decode()
    assert 'value="Ada again"' in html  # answers kept
    assert 'id="error-summary" role="alert" tabindex="-1"' in html
    assert 'href="#id_email">Email: This email address is already signed up' in html
    assert Enrollment.objects.count() == 1
    assert mail.outbox == []


def test_a_cancelled_sign_up_does_not_block_signing_up_again(
    client, django_capture_on_commit_callbacks
):
    workshop = make_workshop()
    make_enrollment(
        workshop,
        email="ada.byron@school.example.org",
        status=Enrollment.Status.CANCELLED,
        cancelled_at=timezone.now(),
    )
    response = post_signup(client, workshop, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert list(Enrollment.objects.order_by("pk").values_list("status", flat=True)) == [
        "cancelled",
        "enrolled",
    ]


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"first_name": "", "last_name": " ", "school_name": "", "role": "", "grades": []},
            {
                "first_name": ["Enter your first name."],
                "last_name": ["Enter your last name."],
                "school_name": ["Enter the name of your school."],
                "role": ["Choose your role."],
                "grades": ["Tick at least one grade you teach."],
            },
        ),
        ({"email": "ada@"}, {"email": ["Enter an email address like name@school.org."]}),
        ({"email": ""}, {"email": ["Enter your email address."]}),
        (
            {"school_zip": "00000"},
            {"school_zip": ["No US ZIP code 00000 - check the five digits."]},
        ),
        ({"school_zip": "8020"}, {"school_zip": ["Enter five digits, e.g. 80202."]}),
        ({"school_zip": "802021"}, {"school_zip": ["Enter five digits, e.g. 80202."]}),
        ({"school_zip": "abcde"}, {"school_zip": ["Enter five digits, e.g. 80202."]}),
        ({"school_zip": ""}, {"school_zip": ["Enter your school's five-digit ZIP code."]}),
        ({"role": "principal"}, {"role": ["Choose one of the roles in the list."]}),
        ({"grades": ["6"]}, {"grades": ["Choose grades from K to 5."]}),
    ],
)
def test_bad_answers_give_their_message_keep_the_others_and_save_nothing(
    client, django_capture_on_commit_callbacks, fields, errors
):
    workshop = make_workshop()
    response = post_signup(client, workshop, django_capture_on_commit_callbacks, **fields)
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    html = response.content.decode()
    assert 'id="error-summary" role="alert" tabindex="-1"' in html
    for field, messages in errors.items():
        assert f'id="error_1_id_{field}"' in html
        assert messages[0].replace("'", "&#x27;") in html
    if "school_name" not in errors:
        assert 'value="Garfield Elementary"' in html
    assert Enrollment.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_error_summary_links_point_at_existing_ids(client, django_capture_on_commit_callbacks):
    workshop = make_workshop()
    response = post_signup(
        client, workshop, django_capture_on_commit_callbacks, school_zip="00000", grades=[]
    )
    html = response.content.decode()
    assert 'href="#id_school_zip">School ZIP code: No US ZIP code 00000' in html
    assert 'href="#id_grades_0">Grades you teach: Tick at least one grade you teach.' in html
    assert 'id="id_school_zip"' in html
    assert 'id="id_grades_0"' in html
    assert 'aria-describedby="id_school_zip_helptext id_school_zip_error"' in html
    assert '<fieldset aria-describedby="id_grades_helptext id_grades_error">' in html


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (
            {"starts_at": timezone.now() - timedelta(days=3)},
            "This workshop has already taken place, so it no longer takes sign-ups.",
        ),
        (
            {"starts_at": timezone.now() - timedelta(hours=1)},
            "This workshop has already started, so it no longer takes sign-ups.",
        ),
        (
            {"status": Workshop.Status.CANCELLED},
            "This workshop has been cancelled, so it no longer takes sign-ups.",
        ),
    ],
)
def test_past_started_and_cancelled_workshops_refuse_sign_up_with_their_reason(
    client, django_capture_on_commit_callbacks, fields, reason
):
    workshop = make_workshop(**fields)
    url = reverse("workshops:signup", args=[workshop.pk])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert reason in html
    assert "<form" not in html.split("<main", 1)[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, signup_data())
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert Enrollment.objects.count() == 0
    assert mail.outbox == []


def test_draft_workshop_is_404(client):
    workshop = make_workshop(status=Workshop.Status.DRAFT)
    url = reverse("workshops:signup", args=[workshop.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, signup_data()).status_code == 404
    assert client.get("/professional-development-workshops/999999/signup").status_code == 404
    assert Enrollment.objects.count() == 0


def test_unknown_token_is_404(client):
    workshop = make_workshop()
    make_enrollment(workshop)
    for url in [
        "/professional-development-workshops/signup/nope",
        "/professional-development-workshops/signup/nope/cancel",
        "/professional-development-workshops/signup/" + "x" * 300,
    ]:
        assert client.get(url).status_code == 404
    assert client.post("/professional-development-workshops/signup/nope/cancel").status_code == 404


def test_enrollment_page_is_private_and_not_cached(client):
    enrollment = make_enrollment(make_workshop())
    response = client.get(enrollment.get_absolute_url())
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_get_on_the_cancel_link_changes_nothing(client, django_capture_on_commit_callbacks):
    workshop = make_workshop(capacity=1)
    enrollment = make_enrollment(workshop, email="first@school.example.org")
    waiting = make_enrollment(workshop, status=Enrollment.Status.WAITLISTED)
    url = reverse("workshops:cancel", args=[enrollment.token])
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            response = client.get(url)
            client.head(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cancel your sign-up?" in html
    assert f'<form method="post" action="{url}"' in html
    assert ">Yes, cancel my sign-up</button>" in html
    enrollment.refresh_from_db()
    waiting.refresh_from_db()
    assert (enrollment.status, enrollment.cancelled_at) == ("enrolled", None)
    assert waiting.status == "waitlisted"
    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_posting_the_cancel_form_cancels_and_promotes_the_first_waitlisted(
    client, django_capture_on_commit_callbacks
):
    workshop = make_workshop(capacity=1, title="CS Day")
    enrollment = make_enrollment(workshop, first_name="Grace", email="grace@school.example.org")
    first = make_enrollment(
        workshop, status="waitlisted", first_name="Alan", email="alan@school.example.org"
    )
    second = make_enrollment(workshop, status="waitlisted", email="third@school.example.org")
    url = reverse("workshops:cancel", args=[enrollment.token])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == url
    html = client.get(url).content.decode()
    assert "Your sign-up is cancelled" in html
    assert "We've emailed a confirmation to grace@school.example.org." in html
    enrollment.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert enrollment.status == "cancelled"
    assert enrollment.cancelled_at is not None
    assert (first.status, first.promoted_at is not None) == ("enrolled", True)
    assert (second.status, second.promoted_at) == ("waitlisted", None)
    day = when(workshop)
    assert [(m.to, m.reply_to, m.subject, len(m.attachments)) for m in mail.outbox] == [
        (
            ["grace@school.example.org"],
            ["maria.lopez@example.org"],
            f"Your sign-up is cancelled: CS Day on {day}",
            0,
        ),
        (
            ["maria.lopez@example.org"],
            ["grace@school.example.org"],
            f"Cancelled sign-up: Grace {enrollment.last_name} for CS Day on {day}",
            0,
        ),
        (
            ["alan@school.example.org"],
            ["maria.lopez@example.org"],
            f"A seat opened up: CS Day on {day}",
            1,
        ),
    ]
    assert "TZID=America/Denver" in mail.outbox[2].attachments[0][1]
    # A second POST (double click, back button) does nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert len(mail.outbox) == 3
    assert Enrollment.objects.enrolled().get() == first
    # The cancelled sign-up's own page says so and offers no cancel link.
    page = client.get(enrollment.get_absolute_url()).content.decode()
    assert "Status: Cancelled" in page
    assert "Cancel my sign-up" not in page


def test_cancel_page_of_a_past_workshop_offers_no_form(client):
    workshop = make_workshop(starts_at=timezone.now() - timedelta(days=2))
    enrollment = make_enrollment(workshop)
    url = reverse("workshops:cancel", args=[enrollment.token])
    html = client.get(url).content.decode()
    assert "This workshop has already started, so the sign-up can no longer be cancelled." in html
    assert "Yes, cancel my sign-up" not in html
    client.post(url)
    enrollment.refresh_from_db()
    assert enrollment.status == "enrolled"


def test_enrollment_page_of_a_cancelled_workshop_says_so(client):
    workshop = make_workshop(status=Workshop.Status.CANCELLED)
    enrollment = make_enrollment(workshop)
    html = client.get(enrollment.get_absolute_url()).content.decode()
    assert "This workshop has been cancelled and will not take place." in html
    assert "Cancel my sign-up" not in html
