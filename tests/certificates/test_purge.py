import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from attendance import services as attendance
from certificates.models import Certificate
from feedback.models import Response

from .conftest import ZOE, make_attended_workshop

pytestmark = pytest.mark.django_db


def closed_years_ago(years, name):
    start = timezone.now() - datetime.timedelta(days=365 * years)
    workshop, facilitator, (enrollment,) = make_attended_workshop(
        [name], starts_at=start, ends_at=start + datetime.timedelta(hours=6)
    )
    attendance.close_attendance(workshop=workshop, by=facilitator)
    Response.objects.filter(enrollment=enrollment).update(
        overall=5, worked="Ask for Zoë", answered_at=start
    )
    return enrollment


def test_certificates_outlive_the_sign_up_for_their_own_retention(client, capsys):
    three = closed_years_ago(3, ZOE)
    eight = closed_years_ago(8, ("Old", "Timer"))
    old_number = eight.certificate.number

    call_command("purge_personal_data")

    assert capsys.readouterr().out == (
        "Done: sign-ups anonymised: 4; closed inquiries anonymised: 0; alerts deleted: 0; "
        "reminder records deleted: 0; survey answers cleared: 2; certificates deleted: 1; "
        "sent emails deleted: 0 "
        "(older than 730 days; certificates older than 2557 days).\n"
    )
    three.refresh_from_db()
    assert (three.first_name, three.email) == ("Removed", f"removed-{three.pk}@invalid")
    kept = Certificate.objects.get()
    assert (kept.enrollment_id, kept.name) == (three.pk, "Zoë Núñez-O'Brien")
    assert client.get(kept.get_absolute_url()).status_code == 200
    assert client.get(f"/certificates/{old_number}").status_code == 404
    assert list(Response.objects.values_list("overall", "worked").order_by("pk")) == [
        (5, ""),
        (5, ""),
    ]
    assert all(t.startswith("purged-") for t in Response.objects.values_list("token", flat=True))


def test_the_certificate_retention_has_its_own_option(capsys):
    closed_years_ago(3, ZOE)
    call_command("purge_personal_data", "--certificates-older-than", "365", "--dry-run")
    assert "certificates deleted: 1;" in capsys.readouterr().out
    assert Certificate.objects.count() == 1
