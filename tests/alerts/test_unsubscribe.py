import pytest
from django.core import mail
from django.test import Client

from alerts.models import Alert
from alerts.services import notify_new_workshops

from .factories import make_alert, make_workshop

pytestmark = pytest.mark.django_db

URL = "/professional-development-workshops/alerts/unsubscribe/"


def test_get_shows_a_one_click_button_and_changes_nothing(client):
    alert = make_alert(email="t@example.org", where="60601", distance=25)
    response = client.get(URL + alert.token)
    html = response.content.decode()
    assert "<h1>Unsubscribe from workshop alerts</h1>" in html
    assert f'<form method="post" action="{URL}{alert.token}">' in html
    assert '<button type="submit" class="btn btn-primary btn-lg">Unsubscribe</button>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["Cache-Control"].startswith("max-age=0")
    alert.refresh_from_db()
    assert alert.status == "confirmed"


def test_the_pages_button_unsubscribes_and_nothing_more_is_sent(run_on_commit):
    alert = make_alert(email="t@example.org", where="60601", distance=25)
    client = Client(enforce_csrf_checks=True)
    client.get(URL + alert.token)
    response = client.post(
        URL + alert.token, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    )
    assert "<h1>You are unsubscribed</h1>" in response.content.decode()
    alert.refresh_from_db()
    assert alert.status == "unsubscribed"
    assert alert.unsubscribed_at is not None
    assert run_on_commit(notify_new_workshops, [make_workshop(zip_code="60614")]) == 0
    assert mail.outbox == []


def test_the_pages_form_needs_its_csrf_token():
    alert = make_alert(where="60601")
    response = Client(enforce_csrf_checks=True).post(URL + alert.token, {})
    assert response.status_code == 403
    alert.refresh_from_db()
    assert alert.status == "confirmed"


def test_rfc_8058_one_click_post_unsubscribes_without_csrf():
    alert = make_alert(where="60601")
    response = Client(enforce_csrf_checks=True).post(
        URL + alert.token, {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert response.content == b"Unsubscribed.\n"
    alert.refresh_from_db()
    assert alert.status == "unsubscribed"
    # Mail apps may repeat it: still fine.
    response = Client(enforce_csrf_checks=True).post(
        URL + alert.token, {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200


def test_one_click_with_a_wrong_token_does_nothing():
    alert = make_alert(where="60601")
    # One character changed (never to the one it already is: tokens are random).
    wrong = ("x" if alert.token[0] != "x" else "y") + alert.token[1:]
    response = Client(enforce_csrf_checks=True).post(URL + wrong, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 404
    assert Alert.objects.get().status == "confirmed"


def test_a_pending_alert_can_be_stopped_too(client):
    alert = make_alert(where="60601", status="pending")
    client.post(URL + alert.token)
    alert.refresh_from_db()
    assert alert.status == "unsubscribed"
    response = client.get(f"/professional-development-workshops/alerts/confirm/{alert.token}")
    assert "<h1>This alert was stopped</h1>" in response.content.decode()
    client.post(f"/professional-development-workshops/alerts/confirm/{alert.token}")
    alert.refresh_from_db()
    assert alert.status == "unsubscribed"
