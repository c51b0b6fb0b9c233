"""The site's Redis cache fails soft (pdsite.redis_cache): while Redis cannot be reached, every
public page and form still works, only uncached; Redis is not tried again for a few seconds;
and once it is back, a process that dropped writes first deletes the site's keys, so no page
cached before the outage outlives a sign-up made during it."""

import os
import re
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from redis.exceptions import ConnectionError as RedisConnectionError

from inquiries import spam
from inquiries.models import Inquiry
from pdsite.redis_cache import FailSoftRedisCache, ReusingRedisCacheClient
from tests.inquiries.helpers import CONTACT, valid_inquiry_post
from tests.workshops.conftest import make_workshop
from tests.workshops.factories_signup import signup_data
from workshops.models import Enrollment

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def unreachable():
    return FailSoftRedisCache(NOWHERE, {"KEY_PREFIX": "t"})


def test_an_unreachable_redis_is_an_empty_cache_that_keeps_nothing(caplog):
    down = unreachable()
    assert down.get("k") is None
    assert down.get("k", "fallback") == "fallback"
    assert down.get_many(["a", "b"]) == {}
    assert down.has_key("k") is False
    assert down.add("k", 1) is False
    assert down.set("k", 1) is None
    assert down.set_many({"a": 1, "b": 2}) == ["a", "b"]  # the keys not set
    assert down.delete("k") is False
    assert down.touch("k") is False
    with pytest.raises(ValueError, match="Key 'k' not found"):  # as for an expired key
        down.incr("k")
    assert down.get_or_set("k", 5) == 5
    # One warning for the outage, not one per call.
    assert [(r.name, r.levelname) for r in caplog.records] == [("pdsite.redis_cache", "WARNING")]
    assert caplog.records[0].getMessage().startswith("cache: Redis unavailable (Error 111 ")


def test_after_an_error_redis_is_left_alone_for_a_few_seconds_then_tried_again():
    down = unreachable()
    clock = [1000.0]
    failing = mock.patch.object(
        ReusingRedisCacheClient, "get", side_effect=RedisConnectionError("refused")
    )
    with mock.patch("pdsite.redis_cache.time.monotonic", lambda: clock[0]), failing as get:
        assert down.get("k") is None
        assert down.get("k") is None
        clock[0] += FailSoftRedisCache.RETRY_AFTER - 0.1
        assert down.get("k") is None
        assert get.call_count == 1
        clock[0] += 0.2
        assert down.get("k") is None
        assert get.call_count == 2


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("needs a Redis server: REDIS_URL (CI sets it for the PostgreSQL run)")
    return url


def test_once_back_a_process_that_dropped_writes_deletes_the_sites_keys_first(redis_url):
    site = FailSoftRedisCache(redis_url, {"KEY_PREFIX": "failsoft-test"})
    other = FailSoftRedisCache(redis_url, {"KEY_PREFIX": "failsoft-other"})
    site.set("page", "built before the outage")
    site.set("seats", "token-1")
    other.set("kept", "another site's")
    clock = [1000.0]
    with mock.patch("pdsite.redis_cache.time.monotonic", lambda: clock[0]):
        with mock.patch.object(
            ReusingRedisCacheClient, "set", side_effect=RedisConnectionError("refused")
        ):
            site.set("seats", "token-2")  # a sign-up's bump, dropped
        assert site.get("page") is None  # not tried yet: Redis is left alone
        clock[0] += FailSoftRedisCache.RETRY_AFTER
        assert site.get("page") is None  # back: the site's keys were deleted first
        assert site.get("seats") is None
        site.set("seats", "token-3")
        assert site.get("seats") == "token-3"  # and only once
    assert other.get("kept") == "another site's"
    other.delete("kept")
    site.delete("seats")


def test_a_process_that_only_missed_reads_deletes_nothing_when_redis_is_back(redis_url):
    site = FailSoftRedisCache(redis_url, {"KEY_PREFIX": "failsoft-test"})
    site.set("page", "cached")
    clock = [1000.0]
    with mock.patch("pdsite.redis_cache.time.monotonic", lambda: clock[0]):
        with mock.patch.object(
            ReusingRedisCacheClient, "get", side_effect=RedisConnectionError("refused")
        ):
            assert site.get("page") is None
        clock[0] += FailSoftRedisCache.RETRY_AFTER
        assert site.get("page") == "cached"
    site.delete("page")


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "pdsite.redis_cache.FailSoftRedisCache", "LOCATION": NOWHERE},
    }


def title(response):
    return re.search(r"<title>(.*?) \| ", response.content.decode()).group(1)


@pytest.mark.django_db
def test_with_redis_down_every_public_page_answers(redis_down, pages):
    workshop = make_workshop("80202")
    page, start = workshop.get_absolute_url(), workshop.local_starts_at
    client = Client(raise_request_exception=False)
    titles = {
        "/": "Professional development for computer science teachers",
        "/k5": "Computer science for K-5: free one-day workshops",
        "/educate/districts": "District partnerships",
        "/professional-development-workshops": "Find a K-5 workshop near you",
        "/professional-development-workshops?q=80202&distance=50": (
            "K-5 workshops near 80202 (Denver, CO)"
        ),
        "/professional-development-workshops/state/CO": "K-5 workshops in Colorado",
        page: f"{workshop.title}, Denver, CO, {start:%b} {start.day}, {start:%Y}",
        f"{page}/signup": f"Sign up: {workshop.title}, Denver, CO",
    }
    for _ in range(2):  # the second time too (no cache answers it)
        for path, expected in titles.items():
            response = client.get(path)
            assert (path, response.status_code, title(response)) == (path, 200, expected)
    search = client.get("/professional-development-workshops?q=80202&distance=50")
    assert "1 workshop within 50 miles of 80202 (Denver, CO)" in " ".join(
        search.content.decode().split()
    )
    response = client.get("/healthz")
    assert (response.status_code, response.json()["cache"]) == (503, "error")


@pytest.mark.django_db
def test_with_redis_down_a_sign_up_and_an_inquiry_are_taken_and_mailed(
    redis_down, django_capture_on_commit_callbacks
):
    workshop = make_workshop("80202")
    client = Client(raise_request_exception=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{workshop.get_absolute_url()}/signup", signup_data())
    enrollment = Enrollment.objects.get()
    assert response.status_code == 302
    assert (enrollment.workshop, enrollment.email) == (workshop, "ada.byron@school.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/educate/districts", valid_inquiry_post(form_token=spam.make_token(now=0))
        )
    assert response.status_code == 302
    assert Inquiry.objects.get().email == CONTACT["email"]
    assert [m.to for m in mail.outbox] == [
        ["ada.byron@school.example.org"],
        [workshop.facilitator_email],
        [CONTACT["email"]],
        ["partnerships@example.org"],
    ]
