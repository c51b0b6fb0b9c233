import datetime

import pytest
from django.conf import settings as django_settings
from django.core import mail, signing
from django.utils import timezone

from inquiries import spam
from inquiries.models import Inquiry, SpamCount

from .helpers import DISTRICTS_URL, THANKS_URL, shown_seconds_ago


def tampered(token):
    return token[:-1] + ("y" if token.endswith("x") else "x")


def spam_counts():
    return {row.reason: row.count for row in SpamCount.objects.all()}


def test_spam_defence_is_on_by_default():
    assert django_settings.INQUIRY_MIN_SECONDS == 3
    assert django_settings.INQUIRY_RATE_LIMIT == 5
    assert django_settings.INQUIRY_RATE_WINDOW == 3600


@pytest.mark.django_db
def test_form_carries_a_hidden_honeypot_and_a_signed_timer(client, districts_page):
    response = client.get(DISTRICTS_URL)
    html = response.content.decode()
    assert (
        '<div class="hp-field" aria-hidden="true">\n'
        '      <label for="id_leave_empty">Leave this field empty</label>\n'
        '      <input type="text" name="leave_empty" tabindex="-1" autocomplete="off" '
        'id="id_leave_empty">' in html
    )
    token = response.context["form"].initial["form_token"]
    assert f'<input type="hidden" name="form_token" value="{token}" id="id_form_token">' in html
    # Just shown: sending it right now would be too fast.
    assert spam.spam_reason("", token) == SpamCount.Reason.TOO_FAST


def test_timer_measures_the_seconds_since_the_form_was_shown():
    token = spam.make_token(now=1_000_000)
    assert spam.FormTimer().shown_at(token) == 1_000_000
    assert spam.spam_reason("", token, now=1_000_002.9) == SpamCount.Reason.TOO_FAST
    assert spam.spam_reason("", token, now=1_000_003) is None
    # A form left open overnight is still accepted.
    assert spam.spam_reason("", token, now=1_000_000 + 86_400 * 3) is None


@pytest.mark.parametrize(
    "token",
    [
        "",
        "garbage",
        signing.dumps("inquiry-form"),  # signed, but not by the form timer
        signing.TimestampSigner(salt=spam.SALT).sign("something-else"),
    ],
)
def test_missing_or_foreign_tokens_are_bad(token):
    assert spam.spam_reason("", token, now=2_000_000_000) == SpamCount.Reason.BAD_TOKEN


def test_a_tampered_timestamp_is_bad():
    value, shown_at, signature = spam.make_token(now=1_000_000).split(":")
    earlier = signing.b62_encode(1_000_000 - 3600)
    assert (
        spam.spam_reason("", f"{value}:{earlier}:{signature}", now=1_000_010)
        == SpamCount.Reason.BAD_TOKEN
    )


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        (lambda: {"leave_empty": "http://cheap-pills.example"}, "honeypot"),
        (lambda: {"form_token": ""}, "bad_token"),
        (lambda: {"form_token": tampered(shown_seconds_ago(10))}, "bad_token"),
    ],
    ids=["honeypot", "missing-token", "tampered-token"],
)
@pytest.mark.django_db
def test_spam_is_counted_not_stored_and_sees_the_normal_thank_you(
    client, form_data, changes, reason, django_capture_on_commit_callbacks
):
    form_data.update(changes())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DISTRICTS_URL, form_data, follow=True)
    assert response.redirect_chain == [(THANKS_URL, 302)]
    assert "Thank you: we have your inquiry" in response.content.decode()
    assert Inquiry.objects.count() == 0
    assert mail.outbox == []
    assert spam_counts() == {reason: 1}


@pytest.mark.django_db
def test_spam_counts_add_up_per_day_and_reason(client, form_data):
    for _ in range(2):
        client.post(DISTRICTS_URL, {**form_data, "leave_empty": "x"})
    client.post(DISTRICTS_URL, {**form_data, "form_token": shown_seconds_ago(0)})
    assert spam_counts() == {"honeypot": 2, "too_fast": 1}  # asked to confirm, never did
    assert {row.day for row in SpamCount.objects.all()} == {timezone.localdate()}


@pytest.mark.django_db
def test_sixth_inquiry_in_an_hour_from_one_address_gets_429_and_stores_nothing(client, form_data):
    for number in range(5):
        response = client.post(DISTRICTS_URL, {**form_data, "district": f"District {number}"})
        assert response.status_code == 302
    response = client.post(DISTRICTS_URL, {**form_data, "district": "District 6"})
    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert '<h2 class="fs-5 mt-0 pt-0 border-0">Too many inquiries from your network</h2>' in html
    assert "Please try again in an hour" in html
    assert 'role="alert" tabindex="-1" data-error-summary' in html
    # The answers are still in the form, so they can be sent later.
    assert 'value="District 6"' in html
    assert '<option value="IL" selected>Illinois</option>' in html
    assert Inquiry.objects.count() == 5
    assert not Inquiry.objects.filter(district="District 6").exists()
    assert spam_counts() == {"rate_limited": 1}
    # Even an invalid submission from that address is turned away while the limit lasts.
    assert client.post(DISTRICTS_URL, {}).status_code == 429
    # Another address is not affected.
    other = client.post(
        DISTRICTS_URL, {**form_data, "district": "District 7"}, REMOTE_ADDR="198.51.100.7"
    )
    assert other.status_code == 302
    assert Inquiry.objects.count() == 6


@pytest.mark.django_db
def test_spam_and_duplicates_count_against_the_rate_limit(client, form_data):
    for _ in range(3):
        client.post(DISTRICTS_URL, {**form_data, "leave_empty": "x"})
    for _ in range(2):
        client.post(DISTRICTS_URL, form_data)  # the second is a duplicate
    assert client.post(DISTRICTS_URL, {**form_data, "district": "Other"}).status_code == 429
    assert Inquiry.objects.count() == 1


@pytest.mark.django_db
def test_invalid_submissions_do_not_use_up_the_limit(client, form_data):
    for _ in range(6):
        assert client.post(DISTRICTS_URL, {**form_data, "email": "nope"}).status_code == 200
    assert client.post(DISTRICTS_URL, form_data).status_code == 302


@pytest.mark.django_db
def test_rate_limit_is_a_setting(client, form_data, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    assert client.post(DISTRICTS_URL, form_data).status_code == 302
    assert client.post(DISTRICTS_URL, {**form_data, "district": "B"}).status_code == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_forwarded_address_is_limited(client, form_data, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    first = client.post(DISTRICTS_URL, form_data, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert first.status_code == 302
    # A spoofed first entry does not help: the proxy's own entry (the last) is used.
    again = client.post(
        DISTRICTS_URL,
        {**form_data, "district": "B"},
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5",
        **proxy,
    )
    assert again.status_code == 429
    other = client.post(
        DISTRICTS_URL, {**form_data, "district": "C"}, HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy
    )
    assert other.status_code == 302


def confirm_token(response):
    return response.context["form"]["form_token"].value()


@pytest.mark.django_db
def test_a_too_fast_sender_is_asked_to_confirm_with_their_answers_kept(
    client, form_data, django_capture_on_commit_callbacks
):
    """Autofill or a fast typist: never a silent thank-you with nothing sent."""
    form_data["form_token"] = shown_seconds_ago(1)
    response = client.post(DISTRICTS_URL, form_data)

    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert "<title>Confirm: District partnerships | " in html
    assert (
        '<h2 id="confirm-title" class="fs-5 mt-0 pt-0 border-0">Please confirm your inquiry</h2>'
        in html
    )
    assert (
        '<button type="submit" form="inquiry" class="btn btn-primary">Yes, send my inquiry</button>'
        in html
    )
    assert 'value="Springfield Public Schools"' in html
    assert '<option value="IL" selected>Illinois</option>' in html
    assert "We would like to start with two middle schools.</textarea>" in html
    assert response.context["form"].errors == {}
    assert Inquiry.objects.count() == 0
    assert spam_counts() == {"too_fast": 1}

    # Confirmed at once (no wait needed): sent, and no longer counted as spam.
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(DISTRICTS_URL, {**form_data, "form_token": confirm_token(response)})
    assert sent.status_code == 302
    assert sent["Location"] == THANKS_URL
    assert list(Inquiry.objects.values_list("district", "email")) == [
        ("Springfield Public Schools", "jane.doe@springfield.k12.il.us")
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["jane.doe@springfield.k12.il.us", *django_settings.INQUIRY_NOTIFY_EMAILS]
    )
    assert spam_counts() == {"too_fast": 0}


@pytest.mark.django_db
def test_a_confirmation_still_meets_the_honeypot_and_expires(client, form_data, monkeypatch):
    asked = client.post(DISTRICTS_URL, {**form_data, "form_token": shown_seconds_ago(0)})
    token = confirm_token(asked)
    bot = client.post(DISTRICTS_URL, {**form_data, "form_token": token, "leave_empty": "x"})
    assert bot["Location"] == THANKS_URL
    assert Inquiry.objects.count() == 0
    assert spam_counts() == {"too_fast": 1, "honeypot": 1}
    week_ago = timezone.now() - spam.CONFIRM_MAX_AGE - datetime.timedelta(seconds=1)
    with monkeypatch.context() as clock:  # the page was shown over a week ago
        clock.setattr(signing.time, "time", week_ago.timestamp)
        old = spam.make_confirm_token(week_ago.date())
    assert spam.confirmed_day(old) is None
    assert spam.confirmed_day(token) == timezone.localdate()
