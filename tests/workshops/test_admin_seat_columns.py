"""Admin edits keep the seat columns equal to the sign-ups: a sign-up's seat changes only
through the services, and a workshop's save never writes back a stale count."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from tests.workshops.factories_admin import fill, make_enrollment, make_workshop
from workshops import services
from workshops.admin import EnrollmentAdmin, WorkshopAdmin
from workshops.models import Enrollment, Workshop

pytestmark = pytest.mark.django_db

SIGN_UPS = reverse("admin:workshops_enrollment_changelist")


def columns_and_recount(workshop):
    row = Workshop.objects.with_counted_seats().get(pk=workshop.pk)
    return (row.seats_taken, row.waitlist_size), (row.counted_taken, row.counted_waitlist)


def test_a_sign_up_cannot_be_deleted_in_the_admin(admin_client):
    workshop = make_workshop(capacity=1)
    seat = make_enrollment(workshop)
    make_enrollment(workshop, status=Enrollment.Status.WAITLISTED)

    page = admin_client.get(reverse("admin:workshops_enrollment_delete", args=[seat.pk]))
    posted = admin_client.post(
        reverse("admin:workshops_enrollment_delete", args=[seat.pk]), {"post": "yes"}
    )
    listed = admin_client.post(
        SIGN_UPS, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [seat.pk], "post": "yes"}
    )

    assert (page.status_code, posted.status_code) == (403, 403)
    change = admin_client.get(reverse("admin:workshops_enrollment_change", args=[seat.pk]))
    assert "Delete</a>" not in change.content.decode()
    assert (
        "Enrolled<br><small>To cancel it (the teacher is emailed, a freed seat goes to the "
        "waitlist), tick it in the sign-up list and choose &quot;Cancel selected sign-ups&quot;."
        "</small>"
    ) in change.content.decode()
    assert list(admin_client.get(SIGN_UPS).context["action_form"].fields["action"].choices) == [
        ("", "---------"),
        ("cancel_sign_ups", "Cancel selected sign-ups (emails each teacher)"),
    ]
    assert listed.status_code == 302
    assert Enrollment.objects.filter(pk=seat.pk).exists()
    assert columns_and_recount(workshop) == ((1, 1), (1, 1))


def test_the_cancel_action_goes_through_the_service(
    admin_client, django_capture_on_commit_callbacks
):
    workshop = make_workshop(capacity=2, start=datetime.datetime(2035, 3, 1, 9, 0))
    first = make_enrollment(workshop, first_name="Ana", last_name="Ruiz", email="ana@example.com")
    second = make_enrollment(workshop)
    waiting = make_enrollment(
        workshop, status=Enrollment.Status.WAITLISTED, email="wait@example.com"
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            SIGN_UPS, {"action": "cancel_sign_ups", ACTION_CHECKBOX_NAME: [first.pk]}, follow=True
        )

    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Cancelled 1 sign-up."]
    assert sorted(Enrollment.objects.values_list("pk", "status")) == [
        (first.pk, "cancelled"),
        (second.pk, "enrolled"),
        (waiting.pk, "enrolled"),
    ]
    assert sorted(message.to[0] for message in mail.outbox if message.to) == [
        "ana.ruiz@example.org",
        "ana@example.com",
        "wait@example.com",
    ]
    assert columns_and_recount(workshop) == ((2, 0), (2, 0))


def test_the_cancel_action_says_which_sign_ups_it_could_not_cancel(admin_client):
    started = make_workshop(start=datetime.datetime(2020, 3, 1, 9, 0))
    teacher = make_enrollment(started, first_name="Ana", last_name="Ruiz")

    response = admin_client.post(
        SIGN_UPS, {"action": "cancel_sign_ups", ACTION_CHECKBOX_NAME: [teacher.pk]}, follow=True
    )

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Cancelled 0 sign-ups.",
        "Ana Ruiz: This workshop has already started, so the sign-up can no longer be cancelled.",
    ]
    assert Enrollment.objects.get(pk=teacher.pk).status == "enrolled"
    assert columns_and_recount(started) == ((1, 0), (1, 0))


def test_correcting_a_name_keeps_a_cancel_made_meanwhile(admin_client, monkeypatch):
    """The teacher cancels after the admin read the sign-up and before it saves: the save
    writes the name only, not the status it read."""
    workshop = make_workshop(capacity=5, start=datetime.datetime(2035, 3, 1, 9, 0))
    teacher = make_enrollment(workshop, first_name="Ana", last_name="Ruiz")
    read = EnrollmentAdmin.get_object

    def read_then_the_teacher_cancels(self, request, object_id, from_field=None):
        enrollment = read(self, request, object_id, from_field)
        services.cancel_enrollment(Enrollment.objects.get(pk=enrollment.pk))
        return enrollment

    monkeypatch.setattr(EnrollmentAdmin, "get_object", read_then_the_teacher_cancels)
    response = admin_client.post(
        reverse("admin:workshops_enrollment_change", args=[teacher.pk]),
        {
            "first_name": "Ana María",
            "last_name": "Ruiz",
            "email": teacher.email,
            "school_name": teacher.school_name,
            "school_zip": teacher.school_zip,
            "role": teacher.role,
            "grades": teacher.grades,
        },
    )

    assert response.status_code == 302
    teacher.refresh_from_db()
    assert (teacher.first_name, teacher.status) == ("Ana María", "cancelled")
    assert columns_and_recount(workshop) == ((0, 0), (0, 0))


def workshop_form(workshop, **changes):
    local = workshop.local_starts_at
    return {
        "title": workshop.title,
        "course": workshop.course_id,
        "status": workshop.status,
        "venue_name": workshop.venue_name,
        "street_address": workshop.street_address,
        "city": workshop.city,
        "state": workshop.state,
        "zip_code": workshop.zip_code,
        "starts_at": f"{local:%Y-%m-%dT%H:%M}",
        "ends_at": f"{workshop.local_ends_at:%Y-%m-%dT%H:%M}",
        "capacity": str(workshop.capacity),
        "facilitator_names": workshop.facilitator_names,
        "facilitator_email": workshop.facilitator_email,
        "notes": workshop.notes,
        "enrollments-TOTAL_FORMS": "0",
        "enrollments-INITIAL_FORMS": "0",
        "enrollments-MIN_NUM_FORMS": "0",
        "enrollments-MAX_NUM_FORMS": "0",
        **changes,
    }


def test_a_workshop_save_does_not_write_back_the_seats_it_read(admin_client, monkeypatch):
    """A sign-up lands after the admin read the workshop: the save keeps it counted."""
    workshop = make_workshop(capacity=20)
    fill(workshop, enrolled=3)
    read = WorkshopAdmin.get_object

    def read_then_someone_signs_up(self, request, object_id, from_field=None):
        found = read(self, request, object_id, from_field)
        make_enrollment(Workshop.objects.get(pk=found.pk))
        return found

    monkeypatch.setattr(WorkshopAdmin, "get_object", read_then_someone_signs_up)
    response = admin_client.post(
        reverse("admin:workshops_workshop_change", args=[workshop.pk]),
        workshop_form(workshop, title="CS Fundamentals, Denver"),
    )

    assert response.status_code == 302
    assert Workshop.objects.get(pk=workshop.pk).title == "CS Fundamentals, Denver"
    assert columns_and_recount(workshop) == ((4, 0), (4, 0))


def test_a_capacity_the_database_refuses_is_a_form_error(admin_client, monkeypatch):
    """The form's check passed (3 seats taken, capacity 3), then a sign-up was counted before
    the save: the database's CHECK refuses it, and staff see the form again, not a 500."""
    workshop = make_workshop(capacity=20)
    fill(workshop, enrolled=3)
    save_form = WorkshopAdmin.save_form
    raced = []

    def checked_then_a_seat_is_taken(self, request, form, change):
        if not raced:
            raced.append(True)
            Workshop.objects.filter(pk=workshop.pk).update(seats_taken=4)
        return save_form(self, request, form, change)

    monkeypatch.setattr(WorkshopAdmin, "save_form", checked_then_a_seat_is_taken)
    response = admin_client.post(
        reverse("admin:workshops_workshop_change", args=[workshop.pk]),
        workshop_form(workshop, capacity="3"),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "capacity": [
            "Teachers signed up while this was being saved, and the seats taken are now more "
            "than 3. Nothing was saved: check the seats and save again."
        ]
    }
    assert response.context["adminform"].form["capacity"].value() == "3"
    # The refused save was rolled back whole.
    assert Workshop.objects.values_list("capacity", "seats_taken").get(pk=workshop.pk) == (20, 3)
