"""purge_personal_data for inquiries (closed ones are anonymised) and workshop alerts
(unsubscribed and never-confirmed ones are deleted)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from alerts.models import Alert, AlertNotice
from inquiries.models import Inquiry, StatusChange
from tests.alerts.factories import make_alert, make_workshop

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def make_inquiry(district, status="new", closed_days_ago=None, updated_days_ago=None):
    inquiry = Inquiry.objects.create(
        district=district,
        state="IL",
        city="Springfield",
        first_name="Jane",
        last_name="Doe",
        role="Director of Curriculum",
        email=f"jane@{district.lower().replace(' ', '')}.example.org",
        phone="(312) 555-0100",
        schools_elementary=12,
        schools_middle=4,
        wants_middle_school=True,
        start_year="2027-28",
        message="Call me on my mobile.",
        status=status,
        received_at=days_ago(900),
    )
    if closed_days_ago is not None:
        StatusChange.objects.create(
            inquiry=inquiry,
            from_status="new",
            to_status=status,
            changed_at=days_ago(closed_days_ago),
        )
    Inquiry.objects.filter(pk=inquiry.pk).update(
        updated_at=days_ago(updated_days_ago if updated_days_ago is not None else 1)
    )
    return inquiry


def snapshot(model):
    return list(model.objects.order_by("pk").values())


@pytest.fixture
def inquiries():
    return {
        "agreed long ago": make_inquiry("Agreed District", "agreed", closed_days_ago=800),
        # Closed with no recorded change (e.g. an old import): its last update counts.
        "declined long ago": make_inquiry("Declined District", "declined", updated_days_ago=800),
        "closed recently": make_inquiry("Recent District", "declined", closed_days_ago=10),
        "open and old": make_inquiry("Open District", "in_discussion", updated_days_ago=800),
    }


@pytest.fixture
def alerts():
    found = {
        "pending old": make_alert(email="pending.old@example.org", status="pending"),
        "pending new": make_alert(email="pending.new@example.org", status="pending"),
        "unsubscribed old": make_alert(email="unsub.old@example.org", status="unsubscribed"),
        "unsubscribed new": make_alert(email="unsub.new@example.org", status="unsubscribed"),
        "confirmed old": make_alert(email="confirmed.old@example.org"),
    }
    Alert.objects.update(created_at=days_ago(900))
    Alert.objects.filter(pk=found["pending new"].pk).update(created_at=days_ago(10))
    Alert.objects.filter(pk=found["unsubscribed old"].pk).update(unsubscribed_at=days_ago(800))
    Alert.objects.filter(pk=found["unsubscribed new"].pk).update(unsubscribed_at=days_ago(10))
    AlertNotice.objects.create(alert=found["unsubscribed old"], workshop=make_workshop())
    return found


def test_dry_run_changes_nothing(inquiries, alerts, capsys):
    before = (snapshot(Inquiry), snapshot(Alert), snapshot(AlertNotice))
    call_command("purge_personal_data", "--older-than", "365", "--dry-run")
    assert capsys.readouterr().out == (
        "Dry run, nothing changed. Would have: sign-ups anonymised: 0; closed inquiries "
        "anonymised: 2; alerts deleted: 2; reminder records deleted: 0; survey answers cleared: "
        "0; certificates deleted: 0; sent emails deleted: 0 (older than 365 days; certificates "
        "older than 2557 days).\n"
    )
    assert (snapshot(Inquiry), snapshot(Alert), snapshot(AlertNotice)) == before


def test_closed_inquiries_are_anonymised_and_keep_their_counts(inquiries, capsys):
    untouched = {
        name: Inquiry.objects.values().get(pk=inquiry.pk)
        for name, inquiry in inquiries.items()
        if name in {"closed recently", "open and old"}
    }
    call_command("purge_personal_data", "--older-than", "365")
    assert "closed inquiries anonymised: 2;" in capsys.readouterr().out
    for name in ("agreed long ago", "declined long ago"):
        inquiry = Inquiry.objects.get(pk=inquiries[name].pk)
        assert (
            inquiry.first_name,
            inquiry.last_name,
            inquiry.email,
            inquiry.phone,
            inquiry.message,
        ) == ("Removed", "", f"removed-{inquiry.pk}@invalid", "", "")
        assert (
            inquiry.district,
            inquiry.state,
            inquiry.city,
            inquiry.schools_elementary,
            inquiry.schools_middle,
            inquiry.schools_high,
            inquiry.wants_middle_school,
            inquiry.status,
        ) == (inquiries[name].district, "IL", "Springfield", 12, 4, 0, True, inquiries[name].status)
    for name, values in untouched.items():
        assert Inquiry.objects.values().get(pk=inquiries[name].pk) == values
    call_command("purge_personal_data", "--older-than", "365")
    assert "closed inquiries anonymised: 0;" in capsys.readouterr().out


def test_unsubscribed_and_never_confirmed_alerts_are_deleted(alerts, capsys):
    call_command("purge_personal_data", "--older-than", "365")
    assert "alerts deleted: 2;" in capsys.readouterr().out
    assert sorted(Alert.objects.values_list("email", flat=True)) == [
        "confirmed.old@example.org",
        "pending.new@example.org",
        "unsub.new@example.org",
    ]
    assert AlertNotice.objects.count() == 0
