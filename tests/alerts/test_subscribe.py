import pytest
from django.core import mail
from django.db import IntegrityError

from alerts.models import Alert
from outbox.models import OutgoingEmail

from .factories import make_alert

URL = "/professional-development-workshops/alerts"

pytestmark = pytest.mark.django_db


def post(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, data)


def test_the_form_is_prefilled_from_the_finder_search(client):
    response = client.get(URL + "?q=Springfield,+IL&distance=25")
    form = response.context["form"]
    assert form["place"].value() == "Springfield, IL"
    assert form["distance"].value() == 25
    html = response.content.decode()
    assert '<option value="25" selected>25 miles</option>' in html
    assert "<h1>Get an email when a workshop comes near you</h1>" in html


def test_a_bad_distance_in_the_address_falls_back_to_50(client):
    response = client.get(URL + "?q=60601&distance=7")
    assert response.context["form"]["distance"].value() == 50


def test_subscribing_saves_a_pending_alert_and_sends_one_confirmation(
    client, django_capture_on_commit_callbacks
):
    response = post(
        client,
        django_capture_on_commit_callbacks,
        email="Ms.Rivera@School.org",
        place=" 60601 ",
        distance="25",
    )
    assert response.status_code == 302
    assert response["Location"] == URL + "/sent"
    alert = Alert.objects.get()
    assert (
        alert.email,
        alert.place_label,
        alert.zip_code,
        alert.city,
        alert.state,
        alert.distance_miles,
        alert.status,
        alert.confirmed_at,
    ) == (
        "Ms.Rivera@School.org",
        "60601 (Chicago, IL)",
        "60601",
        "Chicago",
        "IL",
        25,
        "pending",
        None,
    )
    assert (alert.latitude, alert.longitude) == (41.8858, -87.6181)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Ms.Rivera@School.org"]
    assert message.subject == "Confirm your workshop alert for 60601 (Chicago, IL)"
    confirm_url = f"http://127.0.0.1:8000{URL}/confirm/{alert.token}"
    assert confirm_url in message.body.splitlines()
    assert "within 25 miles of 60601 (Chicago, IL)" in " ".join(message.body.split())
    assert OutgoingEmail.objects.get().kind == "alert-confirmation"
    assert OutgoingEmail.objects.get().sent_at is not None


def test_a_city_and_state_is_accepted(client, django_capture_on_commit_callbacks):
    post(
        client,
        django_capture_on_commit_callbacks,
        email="a@example.org",
        place="springfield illinois",
        distance="50",
    )
    alert = Alert.objects.get()
    assert (alert.place_label, alert.zip_code, alert.city, alert.state) == (
        "Springfield, IL",
        "",
        "Springfield",
        "IL",
    )


def test_a_place_that_cannot_be_found_is_a_clear_error_and_keeps_the_answers(
    client, django_capture_on_commit_callbacks
):
    response = post(
        client,
        django_capture_on_commit_callbacks,
        email="a@example.org",
        place="Atlantis",
        distance="100",
    )
    assert response.status_code == 200
    message = (
        "We couldn&#x27;t find &quot;Atlantis&quot; - try a ZIP code, like 60601, "
        "or a city and state, like Chicago, IL."
    )
    html = response.content.decode()
    assert html.count(message) == 2  # in the summary and next to the field
    assert 'role="alert"' in html and 'tabindex="-1"' in html
    assert '<a href="#id_place">' in html
    assert 'aria-describedby="id_place_helptext id_place_error"' in html
    form = response.context["form"]
    assert (form["email"].value(), form["distance"].value()) == ("a@example.org", "100")
    assert form.errors == {
        "place": [
            'We couldn\'t find "Atlantis" - try a ZIP code, like 60601, '
            "or a city and state, like Chicago, IL."
        ]
    }
    assert Alert.objects.count() == 0
    assert mail.outbox == []


def test_missing_answers_are_each_named(client, django_capture_on_commit_callbacks):
    response = post(client, django_capture_on_commit_callbacks, email="", place="", distance="3")
    assert response.context["form"].errors == {
        "email": ["Enter your email address."],
        "place": ["Enter a ZIP code or a city and state."],
        "distance": ["Choose 10, 25, 50 or 100 miles."],
    }
    assert "Please fix these 3 answers and send the form again" in response.content.decode()
    assert Alert.objects.count() == 0


def test_subscribing_again_resends_the_confirmation_instead_of_a_second_alert(
    client, django_capture_on_commit_callbacks
):
    data = {"email": "a@example.org", "place": "60601", "distance": "50"}
    post(client, django_capture_on_commit_callbacks, **data)
    post(client, django_capture_on_commit_callbacks, **{**data, "email": "A@Example.org"})
    alert = Alert.objects.get()
    assert alert.email == "a@example.org"
    assert [m.to for m in mail.outbox] == [["a@example.org"], ["a@example.org"]]
    assert mail.outbox[0].body == mail.outbox[1].body
    # A third request within five minutes sends nothing more (no mail-bombing).
    post(client, django_capture_on_commit_callbacks, **data)
    assert len(mail.outbox) == 2
    assert Alert.objects.count() == 1


def test_asking_again_for_a_confirmed_alert_says_it_is_on(
    client, django_capture_on_commit_callbacks
):
    alert = make_alert(email="a@example.org", where="60601", distance=50)
    post(
        client,
        django_capture_on_commit_callbacks,
        email="a@example.org",
        place="60601",
        distance="10",
    )
    alert.refresh_from_db()
    assert (alert.status, alert.distance_miles) == ("confirmed", 50)
    assert Alert.objects.count() == 1
    assert [m.subject for m in mail.outbox] == [
        "Your workshop alert for 60601 (Chicago, IL) is already on"
    ]


def test_one_active_alert_per_email_and_place_in_the_database():
    make_alert(email="a@example.org", where="60601", status="pending")
    with pytest.raises(IntegrityError):
        make_alert(email="A@EXAMPLE.ORG", where="60601", status="confirmed")


def test_an_unsubscribed_alert_does_not_block_a_new_one():
    make_alert(email="a@example.org", where="60601", status="unsubscribed")
    make_alert(email="a@example.org", where="60601", status="pending")
    make_alert(email="a@example.org", where="60614", status="pending")
    assert Alert.objects.count() == 3


def test_the_sent_page(client):
    response = client.get(URL + "/sent")
    assert "<h1>Check your email</h1>" in response.content.decode()


def test_get_on_the_confirm_link_changes_nothing(client):
    alert = make_alert(status="pending", distance=25)
    response = client.get(f"{URL}/confirm/{alert.token}")
    html = response.content.decode()
    assert "<h1>Confirm your workshop alert</h1>" in html
    assert ">Confirm my alert</button>" in html
    assert f'action="{URL}/confirm/{alert.token}"' in html
    alert.refresh_from_db()
    assert (alert.status, alert.confirmed_at) == ("pending", None)


def test_post_on_the_confirm_link_confirms(client, django_capture_on_commit_callbacks):
    from .factories import make_workshop

    make_workshop(zip_code="60614")
    alert = make_alert(status="pending", distance=25)
    response = client.post(f"{URL}/confirm/{alert.token}")
    alert.refresh_from_db()
    assert alert.status == "confirmed"
    assert alert.confirmed_at is not None
    html = response.content.decode()
    assert "<h1>Your alert is confirmed</h1>" in html
    assert "There is already <a" in html
    assert ">1 upcoming workshop within 25 miles</a>" in html
    # Confirming twice keeps the first time.
    first = alert.confirmed_at
    response = client.post(f"{URL}/confirm/{alert.token}")
    alert.refresh_from_db()
    assert alert.confirmed_at == first
    assert "<h1>Your alert is already on</h1>" in response.content.decode()


def test_an_unknown_token_is_a_404_page(client):
    for address in [f"{URL}/confirm/nope", f"{URL}/unsubscribe/nope"]:
        response = client.get(address)
        assert response.status_code == 404
        assert "<h1>We don't recognise this link</h1>" in response.content.decode()
