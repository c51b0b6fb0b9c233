"""Hostile input: every public form and the finder's query string, driven by hypothesis with
arbitrary text (Unicode, control characters and NUL, very long values, SQL and HTML fragments,
huge and negative numbers, impossible dates).

For every example: never a 500 (the test client re-raises any exception a view lets out), never
a half-saved row (the row counts of every app model are unchanged, or exactly the expected rows
were added and the answer is the exact redirect), and always a clear message (a 200 with the
form's error summary, or a 4xx with a message).

Each example runs inside a savepoint that is rolled back, so examples do not see each other's
rows, and the cache (rate limits, cached feeds) is cleared before each one.

`make test` runs the profile "default" (25 examples per test, see tests/conftest.py);
`make fuzz` runs the same tests with HYPOTHESIS_PROFILE=fuzz (2,000 examples per test).
"""

import json
import re
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from alerts.models import Alert
from inquiries import spam
from inquiries.models import Inquiry, SpamCount
from tests.alerts.factories import make_alert
from tests.inquiries.helpers import next_school_year, valid_inquiry_post
from tests.workshops.conftest import make_enrollment, make_workshop
from workshops.models import Enrollment

pytestmark = [pytest.mark.django_db]

FINDER = "/professional-development-workshops"

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "-100",
    "-50",
    "²",
    "٣",
    "99999999999999999999999999",
    str(2**63),
    "1e309",
    "NaN",
    "inf",
    "0000-00-00",
    "2027-02-30",
    "9999-99-99",
    "9999-12-31",
    "0001-01-01",
    "' OR 1=1 --",
    "'; DROP TABLE workshops_workshop; --",
    "%",
    "_",
    "\\",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><script>alert(1)</script>",
    "\x00",
    "Ada\x00Byron",
    "\r\nBcc: victim@example.com",
    "x" * 10_000,
    "9" * 5_000,
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ☃ \u202e",
    "\ufeff\u200b",
    '=HYPERLINK("http://evil")',
    "60601",
    "80203",
    "Chicago, IL",
    "a@b.co",
    "ada@example.org\r\nBcc: x@example.org",
    "@",
    "IL",
    "il",
    "10",
    "25",
    "50",
    "100",
]
VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.text(st.characters(codec="ascii"), max_size=40),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(min_size=1, max_size=5).map(lambda s: s * 3000),
)
OMIT = object()


def field(valid):
    """A valid value (often), a hostile one, or the field left out."""
    return st.one_of(st.just(valid), VALUES, st.just(OMIT))


def many(valid):
    """A multiple-choice field: the valid list, a list of hostile values, or left out."""
    return st.one_of(st.just(valid), st.lists(VALUES, max_size=8), st.just(OMIT))


def post_data(fields):
    return st.fixed_dictionaries(fields).map(
        lambda data: {key: value for key, value in data.items() if value is not OMIT}
    )


def query(names):
    """A query string: some of ``names`` (and an unknown one) with hostile values."""
    return st.dictionaries(st.sampled_from([*names, "other"]), VALUES, max_size=len(names) + 1)


def _counted_models():
    labels = {"workshops", "inquiries", "alerts", "pages", "outbox"}
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in labels and not model._meta.proxy
    ]


def row_counts():
    """Rows of every model of the site's apps, and the outgoing emails (one query)."""
    models = _counted_models()
    quote_name = connection.ops.quote_name
    # The table names are the models' own, quoted: no outside text in this SQL.
    tables = [quote_name(model._meta.db_table) for model in models]
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {t})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = cursor.fetchone()
    return {model._meta.label: count for model, count in zip(models, counts, strict=True)}


def added(before, after):
    """{model label: rows added} for the models whose count changed."""
    return {label: after[label] - before[label] for label in after if after[label] != before[label]}


@contextmanager
def example():
    """One example: an empty cache, and every row it writes rolled back afterwards."""
    cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def assert_error_summary(response):
    """A 200 that shows the form again with its error summary and at least one message."""
    assert response.status_code == 200
    html = response.content.decode()
    summary = re.search(r'<div class="alert alert-danger error-summary"[^>]*role="alert"', html)
    assert summary, "no error summary"
    block = html[summary.start() :]
    assert re.search(r"<li>(?:<a [^>]*>)?\s*\S", block), "an empty error summary"


def assert_message_page(response, status, heading):
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in response.content.decode()


@pytest.fixture
def client():
    return Client()


# Sign-up ----------------------------------------------------------------------------------------
SIGNUP = {
    "first_name": "Ada",
    "last_name": "Byron",
    "email": "ada.byron@school.example.org",
    "school_name": "Garfield Elementary",
    "school_zip": "80203",
    "role": "classroom_teacher",
}


@pytest.fixture
def open_workshop(db):
    return make_workshop("80202", capacity=1)


@given(data=post_data({**{k: field(v) for k, v in SIGNUP.items()}, "grades": many(["K", "1"])}))
def test_signup_form(client, open_workshop, data):
    url = f"{FINDER}/{open_workshop.pk}/signup"
    with example():
        before = row_counts()
        response = client.post(url, data)
        new = added(before, row_counts())
        if response.status_code == 302:
            enrollment = Enrollment.objects.get(workshop=open_workshop)
            assert new == {"workshops.Enrollment": 1, "outbox.OutgoingEmail": 2}
            assert response["Location"] == f"{FINDER}/signup/{enrollment.token}"
            assert client.get(response["Location"]).status_code == 200
        else:
            assert new == {}
            assert_error_summary(response)


# Inquiry ----------------------------------------------------------------------------------------
def inquiry_fields():
    return {
        "district": field("Springfield Public Schools"),
        "state": field("IL"),
        "city": field("Springfield"),
        "first_name": field("Jane"),
        "last_name": field("Doe"),
        "role": field("Director of Curriculum"),
        "email": field("jane.doe@springfield.k12.il.us"),
        "phone": field("312.555.0100"),
        "schools_elementary": field("12"),
        "schools_middle": field("4"),
        "schools_high": field("2"),
        "programmes": many(["middle_school", "high_school"]),
        "start_year": field(next_school_year()),
        "heard_about": field("conference"),
        "message": field("We would like to start with two middle schools."),
        "leave_empty": st.one_of(st.just(""), st.just(""), VALUES),
        "form_token": st.one_of(st.just("VALID"), st.just("VALID"), VALUES),
    }


@pytest.fixture
def inquiry_settings(settings):
    settings.INQUIRY_MIN_SECONDS = 0
    settings.INQUIRY_RATE_LIMIT = 5


@given(data=post_data(inquiry_fields()))
def test_inquiry_form(client, inquiry_settings, data):
    if data.get("form_token") == "VALID":
        data["form_token"] = spam.make_token()
    with example():
        before = row_counts()
        response = client.post("/educate/districts", data)
        new = added(before, row_counts())
        if response.status_code == 302:
            assert response["Location"] == "/educate/districts/thank-you"
            if Inquiry.objects.exists():
                assert new == {"inquiries.Inquiry": 1, "outbox.OutgoingEmail": 2}
            else:  # the honeypot or a bad form token: only counted as spam
                assert new == {"inquiries.SpamCount": 1}
                [count] = SpamCount.objects.all()
                assert count.reason in {"honeypot", "bad_token"}
        else:
            assert new == {}
            assert_error_summary(response)


# Workshop alert ---------------------------------------------------------------------------------
@given(
    data=post_data(
        {"email": field("ada@school.example.org"), "place": field("60601"), "distance": field("25")}
    )
)
def test_alert_subscribe_form(client, db, data):
    with example():
        before = row_counts()
        response = client.post("/professional-development-workshops/alerts", data)
        new = added(before, row_counts())
        if response.status_code == 302:
            assert response["Location"] == "/professional-development-workshops/alerts/sent"
            assert new == {"alerts.Alert": 1, "outbox.OutgoingEmail": 1}
        else:
            assert new == {}
            assert_error_summary(response)


# Links with a token: cancel a sign-up, confirm or stop an alert ---------------------------------
TOKENS = st.one_of(
    st.text(min_size=1, max_size=300),
    st.sampled_from([t for t in NASTY if t and "/" not in t]),
    st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
        min_size=1,
        max_size=100,
    ),
)


def token_path(prefix, token, suffix=""):
    return f"{prefix}/{quote(token, safe='')}{suffix}"


@pytest.fixture
def enrollment(db):
    return make_enrollment(make_workshop("60601"))


@given(token=TOKENS, data=query(["csrfmiddlewaretoken", "confirm"]))
def test_signup_links_with_any_token(client, enrollment, token, data):
    if token == enrollment.token:
        return
    with example():
        before = row_counts()
        for method in (client.get, client.post):
            for suffix in ("", "/cancel"):
                response = method(token_path(f"{FINDER}/signup", token, suffix), data)
                assert_message_page(response, 404, "We can't find that page")
        assert added(before, row_counts()) == {}
        enrollment.refresh_from_db()
        assert enrollment.status == Enrollment.Status.ENROLLED


@given(data=query(["csrfmiddlewaretoken", "confirm", "List-Unsubscribe"]))
def test_cancel_with_the_real_token_and_any_form_data(client, enrollment, data):
    url = f"{FINDER}/signup/{enrollment.token}/cancel"
    with example():
        before = row_counts()
        response = client.post(url, data)
        assert response.status_code == 302
        assert response["Location"] == url
        assert added(before, row_counts()) == {"outbox.OutgoingEmail": 2}
        enrollment.refresh_from_db()
        assert enrollment.status == Enrollment.Status.CANCELLED


@pytest.fixture
def alert(db):
    return make_alert()


@given(token=TOKENS, data=query(["csrfmiddlewaretoken", "List-Unsubscribe"]))
def test_alert_links_with_any_token(client, alert, token, data):
    if token == alert.token:
        return
    with example():
        before = row_counts()
        for method in (client.get, client.post):
            for kind in ("confirm", "unsubscribe"):
                response = method(token_path(f"{FINDER}/alerts/{kind}", token), data)
                # A token with "/" is no address of the site: the usual 404.
                heading = (
                    "We can't find that page" if "/" in token else "We don't recognise this link"
                )
                assert_message_page(response, 404, heading)
        assert added(before, row_counts()) == {}
        alert.refresh_from_db()
        assert alert.status == Alert.Status.CONFIRMED


# The finder and its feeds -----------------------------------------------------------------------
@pytest.fixture
def listed(db):
    """Two upcoming workshops, so that a search can find something."""
    return [make_workshop("60601"), make_workshop("80202")]


@given(params=query(["q", "distance", "date_from", "date_to", "page"]))
def test_finder_query_string(client, listed, params):
    with example():
        response = client.get(FINDER, params)
        assert response.status_code == 200
        form = response.context["form"]
        if form.is_bound and not form.is_valid():
            assert_error_summary(response)
        elif form.is_bound:
            assert "page" in response.context


@given(state=TOKENS, params=query(["page"]))
def test_state_page(client, listed, state, params):
    with example():
        response = client.get(token_path(f"{FINDER}/state", state), params)
        if response.status_code == 200:
            assert response.context["state_code"] == state
        elif response.status_code == 301:
            assert response["Location"] == f"{FINDER}/state/{state.upper()}"
        else:
            assert_message_page(response, 404, "We can't find that page")


FEED_PARAMS = ["state", "zip", "distance", "page", "per_page"]


@pytest.mark.parametrize("suffix", [".json", ".geojson"])
@given(params=query(FEED_PARAMS))
def test_json_feeds(client, listed, suffix, params):
    with example():
        response = client.get(FINDER + suffix, params)
        body = json.loads(response.content)
        if response.status_code == 200:
            assert body["count"] >= 0
        else:
            assert response.status_code == 400
            assert set(body) == {"error"}
            assert len(body["error"]) > 20


@given(params=query(FEED_PARAMS))
def test_ics_feed(client, listed, params):
    with example():
        response = client.get(FINDER + ".ics", params)
        if response.status_code == 200:
            assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
        else:
            assert response.status_code == 400
            assert response.content.decode().startswith("'state' must be a two-letter")


@given(params=query(["q", "distance"]))
def test_alert_page_query_string(client, db, params):
    with example():
        response = client.get(f"{FINDER}/alerts", params)
        assert response.status_code == 200
        assert not response.context["form"].is_bound


# A NUL in any field: PostgreSQL refuses it in text, so every form must stop it first ----------
NUL_FORMS = {
    "signup": (
        lambda: f"{FINDER}/{make_workshop('80202').pk}/signup",
        {**SIGNUP, "grades": ["K"]},
    ),
    "inquiry": (
        lambda: "/educate/districts",
        {
            key: value
            for key, value in valid_inquiry_post(
                programmes=["middle_school"], start_year="Not sure yet", message="Hello"
            ).items()
            if key not in ("leave_empty", "form_token")
        },
    ),
    "alert": (
        lambda: f"{FINDER}/alerts",
        {"email": "ada@school.example.org", "place": "60601", "distance": "25"},
    ),
}
NUL_CASES = [(form, name) for form, (_, data) in NUL_FORMS.items() for name in data] + [
    ("inquiry", "leave_empty"),
    ("inquiry", "form_token"),
]


@pytest.mark.parametrize("form, name", NUL_CASES)
def test_a_nul_in_any_field_is_a_clear_form_error(client, inquiry_settings, form, name):
    url, data = NUL_FORMS[form]
    url, data = url(), dict(data)
    if form == "inquiry":
        data["form_token"] = spam.make_token()
    value = data.get(name, "")
    data[name] = [f"{value[0]}\x00"] if isinstance(value, list) else f"{value}\x00"
    before = row_counts()
    response = client.post(url, data)
    assert added(before, row_counts()) == {}
    assert_error_summary(response)
    errors = response.context["form"].errors
    assert list(errors) == [name], errors
    assert errors[name][0] in {
        "Null characters are not allowed.",
        "Enter an email address like name@school.org.",
        "Enter a complete email address, like name@yourdistrict.org.",
        "Enter five digits, e.g. 80202.",  # the ZIP code
        "Choose one of the roles in the list.",
        "Choose grades from K to 5.",
        "Choose a state or territory from the list.",
        "Choose programmes from the list.",
        "Choose a school year from the list.",
        "Choose an answer from the list, or leave it empty.",
        "Enter a whole number, like 4 (or leave it empty for none).",
        "Choose 10, 25, 50 or 100 miles.",
        "Enter a US phone number with its area code, for example (312) 555-0100, or leave it "
        "empty.",
    }, errors[name]


@pytest.mark.parametrize("name", ["q", "distance", "date_from", "date_to"])
def test_a_nul_in_the_finder_query_is_a_clear_form_error(client, listed, name):
    params = {"q": "60601", "distance": "25", "date_from": "", "date_to": "", name: "6\x00"}
    response = client.get(FINDER, params)
    assert_error_summary(response)
    assert list(response.context["form"].errors) == [name]


# Found by the fuzz tests: digits that str.isdigit() accepts and int() refuses ("²"), and numbers
# longer than int() converts (4,300 digits), were a 500 in the feeds and the alert page.
@pytest.mark.parametrize(
    "query, message",
    [
        ("page=²", "'page' must be a whole number of 1 or more, not '²'."),
        ("per_page=²", "'per_page' must be a whole number of 1 or more, not '²'."),
        ("per_page=" + "9" * 5000, "'per_page' can be at most 100."),
        ("zip=60601&distance=²", "'distance' must be one of 10, 25, 50 or 100 (miles)."),
        (
            "zip=60601&distance=" + "9" * 5000,
            "'distance' must be one of 10, 25, 50 or 100 (miles).",
        ),
    ],
)
def test_odd_numbers_in_the_feeds_are_a_400(client, listed, query, message):
    # The GeoJSON feed has no pages: it ignores page and per_page.
    for suffix in (".json",) if "page" in query else (".json", ".geojson"):
        response = client.get(f"{FINDER}{suffix}?{query}")
        assert response.status_code == 400
        assert response.json() == {"error": message}


def test_a_page_number_too_long_for_int_is_past_the_end(client, listed):
    response = client.get(f"{FINDER}.json?page={'9' * 5000}")
    assert response.status_code == 404
    assert response.json() == {"error": f"There is no page {10**18}: the last page is 1."}


@pytest.mark.parametrize("distance", ["²", "9" * 5000, "-25", "25.0"])
def test_odd_distances_on_the_alert_page_are_ignored(client, db, distance):
    response = client.get(f"{FINDER}/alerts", {"q": "60601", "distance": distance})
    assert response.status_code == 200
    assert response.context["form"].initial == {"place": "60601"}
