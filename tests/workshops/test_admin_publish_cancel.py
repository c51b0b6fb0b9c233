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
    chosen = {"action": "publish", ACTION_CHECKBOX_NAME: [w.pk for w in drafts]}
    # First the confirmation: the drafts and how many teachers will be emailed.
    asked = admin_client.post(CHANGELIST, chosen)
    assert asked.status_code == 200
    assert [str(w) for w in asked.context["drafts"]] == [str(w) for w in drafts]
    html = " ".join(asked.content.decode().split())
    assert "<strong>1 teacher with a matching workshop alert will be emailed.</strong>" in html
    assert 'value="Publish 3 workshops"' in html
    assert set(Workshop.objects.values_list("status", flat=True)) == {"draft"}
    assert OutgoingEmail.objects.count() == 0

    response = admin_client.post(CHANGELIST, {**chosen, "apply": "1"})
    assert response.status_code == 302
    assert set(Workshop.objects.values_list("status", flat=True)) == {"published"}
    assert all(w.published_at for w in Workshop.objects.all())
    alerts = OutgoingEmail.objects.filter(kind="workshop-alert")
    assert [email.to for email in alerts] == [["near@example.org"]]
    assert "3 new free K-5 computer science workshops are open" in alerts[0].body

    # Publishing again (nothing is a draft any more) emails nobody twice.
    again = {"action": "publish", ACTION_CHECKBOX_NAME: [drafts[0].pk], "apply": "1"}
    admin_client.post(CHANGELIST, again)
    assert OutgoingEmail.objects.filter(kind="workshop-alert").count() == 1


def test_cancel_action_asks_first_then_cancels_and_emails_the_reason(admin_client):
    workshop = make_workshop("Denver day", start=datetime.datetime(2035, 1, 16, 9), capacity=1)
    make_enrollment(workshop, email="seat@example.com")
    make_enrollment(workshop, email="wait@example.com", status=Enrollment.Status.WAITLISTED)
    make_enrollment(workshop, email="gone@example.com", status=Enrollment.Status.CANCELLED)
    other = make_workshop("Boulder day", zip_code="80302", start=datetime.datetime(2035, 1, 9, 9))
    make_enrollment(other, email="boulder@example.com")
    done = make_workshop("Old news", start=datetime.datetime(2035, 2, 1, 9), status="cancelled")
    chosen = {"action": "cancel_workshops", ACTION_CHECKBOX_NAME: [workshop.pk, other.pk, done.pk]}

    # The action only asks: the workshops, how many people will be emailed, and why.
    page = admin_client.post(CHANGELIST, chosen)
    assert page.status_code == 200
    assert [str(w) for w in page.context["to_cancel"]] == [str(other), str(workshop)]
    assert [str(w) for w in page.context["already_cancelled"]] == [str(done)]
    html = " ".join(page.content.decode().split())
    assert "<strong>3 teachers will be emailed</strong>, and each workshop's facilitator." in html
    assert f"<td>{workshop}</td>" not in html  # each workshop is a link to its page
    assert 'value="Cancel 2 workshops and send the emails"' in html
    assert set(Workshop.objects.values_list("status", flat=True)) == {"published", "cancelled"}
    assert Workshop.objects.get(pk=workshop.pk).status == "published"
    assert OutgoingEmail.objects.count() == 0

    # No reason: asked again, nothing cancelled.
    again = admin_client.post(CHANGELIST, {**chosen, "apply": "1", "reason": "  "})
    assert again.status_code == 200
    assert again.context["form"].errors == {
        "reason": ["Say why the workshop is cancelled: the teachers' email includes it."]
    }
    assert OutgoingEmail.objects.count() == 0

    reason = "The library is closed for repairs; we are looking for a new date."
    response = admin_client.post(CHANGELIST, {**chosen, "apply": "1", "reason": reason})

    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.status == "cancelled"
    assert workshop.cancelled_at is not None
    told = OutgoingEmail.objects.filter(kind="workshop-cancelled").order_by("pk")
    assert [email.to for email in told] == [
        ["boulder@example.com"],
        ["seat@example.com"],
        ["wait@example.com"],
    ]
    assert all(f"Why it was cancelled:\n{reason}\n" in email.body for email in told)
    facilitator = OutgoingEmail.objects.filter(kind="workshop-cancelled-facilitator")
    assert facilitator.count() == 2
    assert all(f"The reason given to them:\n{reason}\n" in e.body for e in facilitator)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Cancelled 2 workshops; 3 teachers emailed."]


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
