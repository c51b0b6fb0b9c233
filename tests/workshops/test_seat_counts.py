"""Seats taken and the waitlist are columns of the workshop, kept by the sign-up services; the
database refuses more seats taken than the capacity; ``check_seat_counts`` finds and mends
drift."""

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from workshops import services
from workshops.models import Enrollment, Workshop

from .factories_signup import make_enrollment, make_workshop, signup_data


def columns(workshop):
    return Workshop.objects.values_list("seats_taken", "waitlist_size").get(pk=workshop.pk)


def test_the_services_keep_the_columns(db):
    workshop = make_workshop(capacity=2)
    first = services.enroll(workshop=workshop, data=signup_data(email="a@school.example.org"))
    services.enroll(workshop=workshop, data=signup_data(email="b@school.example.org"))
    third = services.enroll(workshop=workshop, data=signup_data(email="c@school.example.org"))
    assert columns(workshop) == (2, 1)
    assert third.status == Enrollment.Status.WAITLISTED

    promoted = services.cancel_enrollment(first)
    assert promoted.pk == third.pk
    assert columns(workshop) == (2, 0)
    services.cancel_enrollment(Enrollment.objects.get(pk=third.pk))
    assert columns(workshop) == (1, 0)
    services.cancel_enrollment(Enrollment.objects.get(pk=third.pk))  # twice: nothing more
    assert columns(workshop) == (1, 0)
    assert not Workshop.objects.seat_drift().exists()


def test_cancelling_a_waitlisted_sign_up_shortens_the_waitlist_only(db):
    workshop = make_workshop(capacity=1)
    services.enroll(workshop=workshop, data=signup_data(email="a@school.example.org"))
    waiting = services.enroll(workshop=workshop, data=signup_data(email="b@school.example.org"))
    assert columns(workshop) == (1, 1)
    assert services.cancel_enrollment(waiting) is None
    assert columns(workshop) == (1, 0)


def test_a_raw_sql_update_past_capacity_is_refused_by_the_database(db):
    workshop = make_workshop(capacity=3)
    table = connection.ops.quote_name(Workshop._meta.db_table)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET seats_taken = capacity + 1 WHERE id = %s",  # noqa: S608
            [workshop.pk],
        )
    assert columns(workshop) == (0, 0)


def test_check_seat_counts_reports_drift_and_fix_mends_it(db, capsys):
    workshop = make_workshop(capacity=5)
    make_enrollment(workshop)
    make_enrollment(workshop, status=Enrollment.Status.WAITLISTED)
    call_command("check_seat_counts")
    assert capsys.readouterr().out == "Seat counts match the sign-ups.\n"

    # A write round the services (a shell, a script) leaves the columns behind.
    Enrollment.objects.filter(workshop=workshop, status="waitlisted").update(status="enrolled")
    with pytest.raises(CommandError, match=r"^1 workshop\(s\) had seat counts that drifted\.$"):
        call_command("check_seat_counts")
    assert capsys.readouterr().out == (
        f"workshop {workshop.pk}: seats taken 1, sign-ups say 2; waitlist 1, sign-ups say 0\n"
    )
    assert columns(workshop) == (1, 1)

    with pytest.raises(CommandError):
        call_command("check_seat_counts", "--fix")
    assert capsys.readouterr().out.endswith("Fixed 1 workshop(s).\n")
    assert columns(workshop) == (2, 0)
    call_command("check_seat_counts")
    assert capsys.readouterr().out == "Seat counts match the sign-ups.\n"


def test_a_workshop_page_reads_its_seats_with_the_row(client, db, django_assert_num_queries):
    workshop = make_workshop(capacity=4)
    make_enrollment(workshop)
    with django_assert_num_queries(1):
        html = client.get(workshop.get_absolute_url()).content.decode()
    assert '<span class="seats seats-open">3 seats left</span>' in html
