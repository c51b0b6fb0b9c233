from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from outbox.models import OutgoingEmail
from tests.factories import create_enrollment, create_workshop
from workshops.models import Course

pytestmark = pytest.mark.django_db


def workshop(days_from_now):
    return create_workshop(
        "60601",
        timezone.now() + timedelta(days=days_from_now),
        title="W",
        course=Course.objects.get_or_create(slug="a", defaults={"name": "A"})[0],
        venue_name="V",
        street_address="1 Main",
        capacity=10,
        facilitator_names="F",
        facilitator_email="f@example.com",
        status="published",
    )


def enroll(w, email):
    return create_enrollment(
        w,
        first_name="Ada",
        last_name="Lovelace",
        email=email,
        school_name="Lincoln Elementary",
        school_zip="60601",
        role="librarian",
        grades="K,1",
    )


def test_purge_anonymises_old_signups_only_and_dry_run_changes_nothing(capsys):
    old = enroll(workshop(-800), "old@example.com")
    recent = enroll(workshop(-10), "recent@example.com")
    old_token = old.token
    OutgoingEmail.objects.create(to=["old@example.com"], subject="s", body="b", kind="k")
    OutgoingEmail.objects.update(status="sent", sent_at=timezone.now() - timedelta(days=900))

    call_command("purge_personal_data", "--older-than", "365", "--dry-run")
    assert "Dry run, nothing changed. Would have: sign-ups anonymised: 1" in capsys.readouterr().out
    old.refresh_from_db()
    assert old.email == "old@example.com"
    assert OutgoingEmail.objects.count() == 1

    call_command("purge_personal_data", "--older-than", "365")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.first_name, old.last_name, old.email) == (
        "Removed",
        "",
        f"removed-{old.pk}@invalid",
    )
    assert (old.school_name, old.school_zip, old.role, old.grades) == (
        "Lincoln Elementary",
        "60601",
        "librarian",
        "K,1",
    )
    assert old.token != old_token
    assert (recent.first_name, recent.email) == ("Ada", "recent@example.com")
    assert OutgoingEmail.objects.count() == 0

    call_command("purge_personal_data", "--older-than", "365")
    assert "sign-ups anonymised: 0" in capsys.readouterr().out


def test_purge_fails_loudly_when_an_apps_purge_cannot_be_imported(capsys, monkeypatch):
    """Skipping it would keep that app's personal data while saying "Done"."""
    from django.core.management import CommandError

    from pdsite.management.commands import purge_personal_data

    old = enroll(workshop(-800), "old@example.com")
    monkeypatch.setattr(
        purge_personal_data,
        "PURGERS",
        [
            ("workshops", "workshops.purge.purge_enrollments", "personal"),
            ("alerts", "alerts.purge.missing", "personal"),
        ],
    )
    with pytest.raises(CommandError) as raised:
        call_command("purge_personal_data", "--older-than", "365")
    assert str(raised.value).startswith(
        "alerts's purge (alerts.purge.missing) cannot be imported: "
    )
    assert str(raised.value).endswith(" Nothing was purged.")
    assert "Done" not in capsys.readouterr().out
    old.refresh_from_db()
    assert old.email == "old@example.com"  # the whole purge is one transaction
