"""The "Outgoing emails" admin list (issue 14 bug 13, issue 15): staff with the permission see
each email as sent, filter by kind and status, search by recipient, and send failed ones again."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.urls import reverse

from outbox.models import OutgoingEmail

pytestmark = pytest.mark.django_db

LIST = reverse("admin:outbox_outgoingemail_changelist")


def email(**fields):
    values = {
        "to": ["ada@example.org"],
        "subject": "You're signed up",
        "body": "See you there.",
        "kind": "enrollment-confirmed",
        **fields,
    }
    return OutgoingEmail.objects.create(**values)


def staff(*permissions):
    user = User.objects.create_user("staff", "staff@example.org", "pw", is_staff=True)
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def subjects(response):
    return [row.subject for row in response.context["cl"].result_list]


def test_staff_without_the_permission_cannot_see_the_list(client):
    client.force_login(staff())
    assert client.get(LIST).status_code == 403


def test_the_list_filters_by_kind_and_status_and_searches_by_recipient(client):
    email(subject="A", status=OutgoingEmail.Status.SENT)
    email(subject="B", to=["grace@example.org"], status=OutgoingEmail.Status.FAILED)
    email(subject="C", kind="inquiry-received")
    client.force_login(staff("view_outgoingemail"))
    assert subjects(client.get(LIST)) == ["C", "B", "A"]
    assert subjects(client.get(LIST, {"status__exact": "failed"})) == ["B"]
    assert subjects(client.get(LIST, {"kind": "inquiry-received"})) == ["C"]
    assert subjects(client.get(LIST, {"q": "grace@"})) == ["B"]


def test_an_email_reads_as_sent_and_cannot_be_changed(client):
    sent = email(
        reply_to=["facilitator@example.org"],
        attachments=[{"filename": "workshop-1.ics", "content": "x", "mimetype": "text/calendar"}],
        status=OutgoingEmail.Status.SENT,
    )
    client.force_login(staff("view_outgoingemail"))
    url = reverse("admin:outbox_outgoingemail_change", args=[sent.pk])
    html = client.get(url).content.decode()
    for text in ["ada@example.org", "facilitator@example.org", "See you there.", "workshop-1.ics"]:
        assert text in html
    assert 'name="_save"' not in html
    client.post(url, {"subject": "changed"})
    sent.refresh_from_db()
    assert sent.subject == "You're signed up"


def test_send_again_needs_its_own_permission_and_sends_failed_ones_only(client):
    failed = email(subject="Failed", status=OutgoingEmail.Status.FAILED, attempts=10, gave_up=True)
    email(subject="Sent", status=OutgoingEmail.Status.SENT)
    data = {"action": "send_again", "_selected_action": [e.pk for e in OutgoingEmail.objects.all()]}

    viewer = staff("view_outgoingemail")
    client.force_login(viewer)
    assert "send_again" not in client.get(LIST).content.decode()
    client.post(LIST, data)
    assert mail.outbox == []

    viewer.user_permissions.add(Permission.objects.get(codename="resend_outgoingemail"))
    response = client.post(LIST, data, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Sent 1 email again.",
        "1 selected email had not failed, so it was left alone.",
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [(["ada@example.org"], "Failed")]
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.gave_up) == ("sent", 1, False)
