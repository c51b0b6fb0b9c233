"""Racing for the last seats never over-fills a workshop (real concurrent
transactions, through ``enroll()`` and through real HTTP requests), and leaves the seat columns
equal to the sign-ups (``check_seat_counts`` after each race)."""

import http.cookiejar
import re
import threading
import urllib.parse
import urllib.request

import pytest
from django.core.management import call_command
from django.db import connections

from workshops import services
from workshops.models import Enrollment, Workshop

from .factories_signup import make_enrollment, make_workshop, signup_data

RACERS = 8


@pytest.fixture(autouse=True)
def _no_seat_drift_after_the_race(transactional_db):
    yield
    call_command("check_seat_counts")  # raises CommandError on any drift


def race(target, count=RACERS):
    """Run ``target(n)`` in ``count`` threads released at the same moment; return the results."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(n):
        try:
            barrier.wait(timeout=30)
            results[n] = target(n)
        except Exception as exc:  # recorded and asserted on by the test
            results[n] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_racing_enrolls_for_the_last_two_seats_fill_exactly_two(transactional_db):
    workshop = make_workshop(capacity=5)
    for _ in range(3):
        make_enrollment(workshop)

    def sign_up(n):
        return services.enroll(
            workshop=workshop, data=signup_data(email=f"racer{n}@school.example.org")
        ).status

    results = race(sign_up)
    assert sorted(results) == ["enrolled"] * 2 + ["waitlisted"] * 6
    assert workshop.enrollments.enrolled().count() == 5
    assert workshop.enrollments.waitlisted().count() == 6
    assert Workshop.objects.values_list("seats_taken", "waitlist_size").get(pk=workshop.pk) == (
        5,
        6,
    )


def test_racing_double_submits_of_one_email_store_one_row(transactional_db):
    workshop = make_workshop(capacity=5)

    def sign_up(n):
        return services.enroll(
            workshop=workshop, data=signup_data(email="SAME@school.example.org")
        ).status

    results = race(sign_up)
    assert results.count("enrolled") == 1
    assert [type(r) for r in results if r != "enrolled"] == [services.AlreadySignedUp] * 7
    assert Enrollment.objects.count() == 1


def test_concurrent_http_sign_ups_never_exceed_capacity(live_server, transactional_db):
    workshop = make_workshop(capacity=5)
    for _ in range(3):
        make_enrollment(workshop)
    url = f"{live_server.url}/professional-development-workshops/{workshop.pk}/signup"
    browsers = []
    for _ in range(RACERS):  # each teacher loads the form first, with its own CSRF cookie
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        html = opener.open(url, timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        browsers.append((opener, token))

    def submit(n):
        opener, token = browsers[n]
        data = {**signup_data(email=f"racer{n}@school.example.org"), "csrfmiddlewaretoken": token}
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        with opener.open(request, timeout=60) as response:  # follows the redirect
            return response.status, response.url

    results = race(submit)
    assert [status for status, _ in results] == [200] * RACERS
    assert all("/professional-development-workshops/signup/" in final for _, final in results)
    assert workshop.enrollments.enrolled().count() == 5
    assert workshop.enrollments.waitlisted().count() == 6
    assert (
        sorted(
            workshop.enrollments.filter(email__startswith="racer").values_list("status", flat=True)
        )
        == ["enrolled"] * 2 + ["waitlisted"] * 6
    )
