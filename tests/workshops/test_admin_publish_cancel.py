"""Workshop admin actions with side effects: publish (alerts get one digest) and cancel
(everyone signed up or waitlisted is emailed)."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from outbox.models import OutgoingEmail
from tests.alerts.factories import make_alert
from tests.workshops.factories_admin import make_enrollment, make_workshop
from workshops.models import Enrollment, Workshop

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:workshops_workshop_changelist")


def test_publishing_drafts_emails_each_matching_alert_one_digest(admin_client):
    make_alert(email="near@example.org", where="80202", distance=25)
    make_alert(email="far@example.org", where="96822", distance=25)
    make_alert(email="pending@example.org", where="80202", distance=25, status="pending")
    drafts = [
        make_workshop(
            f"Denver day {n}", start=datetime.datetime(2035, 1, 16 + n, 9), status="draft"
        )
        for n in range(3)
    ]
    response = admin_client.post(
        CHANGELIST, {"action": "publish", ACTION_CHECKBOX_NAME: [w.pk for w in drafts]}
    )
    assert response.status_code == 302
    assert set(Workshop.objects.values_list("status", flat=True)) == {"published"}
    assert all(w.published_at for w in Workshop.objects.all())
    alerts = OutgoingEmail.objects.filter(kind="workshop-alert")
    assert [email.to for email in alerts] == [["near@example.org"]]
    assert "3 new free K-5 computer science workshops are open" in alerts[0].body

    # Publishing again (nothing is a draft any more) emails nobody twice.
    admin_client.post(CHANGELIST, {"action": "publish", ACTION_CHECKBOX_NAME: [drafts[0].pk]})
    assert OutgoingEmail.objects.filter(kind="workshop-alert").count() == 1


def test_cancel_action_cancels_and_emails_everyone_signed_up_or_waitlisted(admin_client):
    workshop = make_workshop("Denver day", start=datetime.datetime(2035, 1, 16, 9), capacity=1)
    make_enrollment(workshop, email="seat@example.com")
    make_enrollment(workshop, email="wait@example.com", status=Enrollment.Status.WAITLISTED)
    make_enrollment(workshop, email="gone@example.com", status=Enrollment.Status.CANCELLED)

    response = admin_client.post(
        CHANGELIST, {"action": "cancel_workshops", ACTION_CHECKBOX_NAME: [workshop.pk]}
    )

    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.status == "cancelled"
    assert workshop.cancelled_at is not None
    told = OutgoingEmail.objects.filter(kind="workshop-cancelled").order_by("pk")
    assert [email.to for email in told] == [["seat@example.com"], ["wait@example.com"]]
    assert OutgoingEmail.objects.filter(kind="workshop-cancelled-facilitator").count() == 1


def test_month_filter_lists_the_workshops_starting_that_month(admin_client):
    from django.utils import timezone

    today = timezone.localdate()
    this_month = datetime.datetime(today.year, today.month, 1, 9) + datetime.timedelta(days=40)
    inside = make_workshop("Inside", zip_code="60601", start=this_month)
    make_workshop("Outside", zip_code="60601", start=this_month + datetime.timedelta(days=40))
    month = inside.local_starts_at.strftime("%Y-%m")

    page = admin_client.get(CHANGELIST, {"month": month}).content.decode()
    assert inside.local_starts_at.strftime("%B %Y") in page  # offered as a choice
    assert ">Inside<" in page and ">Outside<" not in page
    # A month that is not a month changes nothing (and is no error).
    everything = admin_client.get(CHANGELIST, {"month": "2027-13"}).content.decode()
    assert ">Inside<" in everything and ">Outside<" in everything
