"""Secret links: a sign-up token opens that one sign-up, an alert token that one alert; anything
else is a 404. Tokens are long and random; no public page shows anyone's sign-up."""

import re
from urllib.parse import quote

import pytest

from alerts.models import Alert
from pdsite.tokens import looks_like_token
from tests.alerts.factories import make_alert
from tests.workshops.conftest import make_enrollment, make_workshop
from workshops.models import Enrollment

pytestmark = pytest.mark.django_db

SIGNUP = "/professional-development-workshops/signup/"
ALERTS = "/professional-development-workshops/alerts/"
URL_SAFE_43 = re.compile(r"[A-Za-z0-9_-]{43}")


@pytest.fixture
def two_signups(db):
    workshop = make_workshop("60601")
    ada = make_enrollment(
        workshop, first_name="Ada", last_name="Quillfeather", email="ada.q@school.example.org"
    )
    bob = make_enrollment(
        workshop, first_name="Bob", last_name="Marchbanks", email="bob.m@school.example.org"
    )
    return ada, bob


def wrong_tokens(token):
    return [
        token[:-1],  # short
        token[:20],
        token + "A",  # long
        token + "A" * 30,
        ("B" if token[0] != "B" else "C") + token[1:],  # one character changed
        token.lower() if token != token.lower() else token.upper(),
        token[:-1] + "\x00",  # NUL: PostgreSQL refuses it in a query
        token[:-1] + "é",
        "A" * 43,
        " " + token,
        "' OR '1'='1",
    ]


def test_tokens_are_43_url_safe_random_characters_in_a_unique_indexed_column(db):
    workshop = make_workshop("60601", capacity=50)
    enrollment_tokens = {make_enrollment(workshop).token for _ in range(50)}
    alert_tokens = {make_alert(email=f"t{n}@example.org").token for n in range(50)}
    for tokens in (enrollment_tokens, alert_tokens):
        assert len(tokens) == 50
        assert all(URL_SAFE_43.fullmatch(token) for token in tokens)
    for model in (Enrollment, Alert):
        field = model._meta.get_field("token")
        assert field.unique  # a unique index: the database finds the row, no Python comparison
        assert not field.editable


def test_looks_like_token():
    assert looks_like_token("a" * 43)
    assert looks_like_token("Zz0_-" * 8 + "abc")
    for text in ["", "a" * 42, "a" * 65, "a" * 42 + "=", "a" * 42 + "\x00", "a" * 42 + "/"]:
        assert not looks_like_token(text), text


def test_each_sign_up_token_shows_that_sign_up_only(client, two_signups):
    ada, bob = two_signups
    for own, other in ((ada, bob), (bob, ada)):
        for path in (SIGNUP + own.token, SIGNUP + own.token + "/cancel"):
            html = client.get(path).content.decode()
            assert own.email in html
            assert own.last_name in html
            assert other.email not in html
            assert other.last_name not in html


@pytest.mark.parametrize("suffix", ["", "/cancel"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_wrong_sign_up_token_is_a_404(client, two_signups, method, suffix):
    ada, _ = two_signups
    for token in wrong_tokens(ada.token):
        response = getattr(client, method)(SIGNUP + quote(token, safe="") + suffix)
        assert response.status_code == 404, repr(token)
        assert "<h1>We can't find that page</h1>" in response.content.decode()
    ada.refresh_from_db()
    assert ada.status == Enrollment.Status.ENROLLED


@pytest.mark.parametrize("kind", ["confirm", "unsubscribe"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_wrong_alert_token_is_a_404(client, db, method, kind):
    alert = make_alert(status="pending")
    for token in wrong_tokens(alert.token):
        response = getattr(client, method)(f"{ALERTS}{kind}/{quote(token, safe='')}")
        assert response.status_code == 404, repr(token)
        assert "<h1>We don't recognise this link</h1>" in response.content.decode()
    alert.refresh_from_db()
    assert alert.status == Alert.Status.PENDING


def test_each_alert_token_opens_that_alert_only(client, db):
    first = make_alert(email="first.teacher@example.org", where="60601", status="pending")
    second = make_alert(email="second.teacher@example.org", where="80202", status="pending")
    client.post(f"{ALERTS}confirm/{first.token}")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("confirmed", "pending")
    client.post(f"{ALERTS}unsubscribe/{second.token}")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("confirmed", "unsubscribed")
    html = client.get(f"{ALERTS}unsubscribe/{first.token}").content.decode()
    assert "second.teacher@example.org" not in html


def test_no_public_page_shows_who_signed_up(client, pages, two_signups):
    ada, bob = two_signups
    workshop = ada.workshop
    paths = [
        "/professional-development-workshops?q=60601",
        "/professional-development-workshops",
        f"/professional-development-workshops/state/{workshop.state}",
        workshop.get_absolute_url(),
        f"{workshop.get_absolute_url()}/calendar.ics",
        f"{workshop.get_absolute_url()}/signup",
        "/professional-development-workshops.json",
        "/professional-development-workshops.json?zip=60601",
        "/professional-development-workshops.geojson",
        "/professional-development-workshops.ics",
        "/professional-development-workshops/partners",
        "/sitemap.xml",
        "/",
    ]
    secrets = [
        ada.email,
        bob.email,
        "Quillfeather",
        "Marchbanks",
        ada.token,
        bob.token,
        ada.school_name,
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        if path not in {"/", "/sitemap.xml", "/professional-development-workshops/partners"}:
            assert workshop.title in body or workshop.city in body, path  # the workshop is there
        for secret in secrets:
            assert secret not in body, (path, secret)
