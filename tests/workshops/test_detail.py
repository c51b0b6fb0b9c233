"""A workshop's page and its .ics: facts, time zones, states (cancelled, past, draft)."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.workshops.conftest import make_course, make_enrollment, make_workshop
from workshops.models import Workshop

URL = "/professional-development-workshops"


def flat(response):
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def next_year(month, day):
    return datetime.datetime(timezone.now().year + 1, month, day, 9, 0)


@pytest.fixture
def workshop(db):
    course = make_course(
        "Course C (grades 2-3)", grades="2-3", description="Loops and **events** with Scrat."
    )
    return make_workshop(
        "60614",
        title="CS Fundamentals for grades 2-3",
        course=course,
        venue_name="Lincoln Park High School",
        street_address="2001 N Orchard St, Room 120",
        capacity=3,
        facilitator_names="Maria Gomez",
        facilitator_email="maria.gomez@example.org",
        notes="**Parking** in the east lot.\n\n<script>alert(1)</script>",
        local_start=next_year(1, 16),
    )


def test_page_has_everything_a_teacher_needs(client, workshop, django_assert_max_num_queries):
    make_enrollment(workshop)
    make_enrollment(workshop, status="cancelled")
    # The workshop with its course, then its seat counts; the next visitor gets the cached page.
    with django_assert_max_num_queries(2):
        response = client.get(f"{URL}/{workshop.pk}")
    with django_assert_max_num_queries(0):
        assert client.get(f"{URL}/{workshop.pk}").content == response.content
    content = flat(response)
    start = workshop.local_starts_at
    assert "<h1>CS Fundamentals for grades 2-3</h1>" in content
    assert "A free one-day computer science workshop for K-5 teachers: Course C (grades 2-3)." in (
        content
    )
    assert "<p>Loops and <strong>events</strong> with Scrat.</p>" in content
    assert f'<dd class="workshop-date">{start:%A, %B %-d, %Y}</dd>' in content
    assert '<dd class="workshop-time">9:00 AM - 3:00 PM CST' in content
    assert (
        '<address class="mb-1">Lincoln Park High School<br>2001 N Orchard St, Room 120<br>'
        "Chicago, IL 60614</address>"
    ) in content
    assert (
        'href="https://www.google.com/maps/dir/?api=1&amp;destination=Lincoln%20Park%20High%20School'
        "%2C%202001%20N%20Orchard%20St%2C%20Room%20120%2C%20Chicago%2C%20IL%2060614"
    ) in content
    assert '<span class="seats seats-open">2 seats left</span>' in content
    assert (
        'Maria Gomez<br><a href="mailto:maria.gomez@example.org">maria.gomez@example.org</a>'
    ) in content
    assert "<li>A printed curriculum guide for Course C (grades 2-3)</li>" in content
    assert "<li>Classroom supplies for the unplugged lessons</li>" in content
    assert "<li>A certificate of completion for your professional development hours</li>" in content
    assert "<p><strong>Parking</strong> in the east lot.</p>" in content
    assert "<script>alert(1)</script>" not in content
    assert (
        f'<a class="btn btn-primary btn-lg" href="{URL}/{workshop.pk}/signup">Sign up</a>'
        in content
    )
    assert (
        f'<a class="btn btn-outline-primary" href="{URL}/{workshop.pk}/calendar.ics" download>'
        in (content)
    )
    assert f"<title>CS Fundamentals for grades 2-3, Chicago, IL, {start:%b %-d, %Y} | " in content


def test_full_workshop_offers_the_waitlist(client, workshop):
    for _ in range(3):
        make_enrollment(workshop)
    content = flat(client.get(f"{URL}/{workshop.pk}"))
    assert '<span class="seats seats-full">Full - join the waitlist</span>' in content
    assert (
        f'<a class="btn btn-primary btn-lg" href="{URL}/{workshop.pk}/signup">Join the waitlist</a>'
    ) in content


def test_one_seat_left(client, workshop):
    make_enrollment(workshop)
    make_enrollment(workshop)
    assert '<span class="seats seats-open">1 seat left</span>' in flat(
        client.get(f"{URL}/{workshop.pk}")
    )


def closed_notice(content):
    """The text of the workshop page's notice that it takes no sign-ups."""
    return re.search(r'<p class="fw-bold mb-1">([^<]+)</p>', content).group(1)


def test_cancelled_workshop_says_so_and_takes_no_sign_ups(client, workshop):
    Workshop.objects.filter(pk=workshop.pk).update(status=Workshop.Status.CANCELLED)
    content = flat(client.get(f"{URL}/{workshop.pk}"))
    assert (
        closed_notice(content)
        == "This workshop has been cancelled, so it no longer takes sign-ups."
    )
    assert "/signup" not in content
    assert "seats left" not in content


def test_past_workshop_says_so_and_takes_no_sign_ups(client, db):
    past = make_workshop("60601", local_start=datetime.datetime(2025, 3, 1, 9, 0))
    content = flat(client.get(f"{URL}/{past.pk}"))
    assert (
        closed_notice(content)
        == "This workshop has already taken place, so it no longer takes sign-ups."
    )
    assert "/signup" not in content


def test_workshop_under_way_takes_no_sign_ups(client, db):
    now = timezone.now()
    running = make_workshop(
        "60601",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=2),
    )
    content = flat(client.get(f"{URL}/{running.pk}"))
    assert (
        closed_notice(content)
        == "This workshop has already started, so it no longer takes sign-ups."
    )
    assert "/signup" not in content


def test_draft_is_404_to_the_public(client, db):
    draft = make_workshop("60601", status=Workshop.Status.DRAFT)
    assert client.get(f"{URL}/{draft.pk}").status_code == 404
    assert client.get(f"{URL}/{draft.pk}/calendar.ics").status_code == 404
    assert client.get(f"{URL}/999999").status_code == 404


@pytest.mark.parametrize("pk", [str(2**63), "99999999999999999999999999"])
def test_an_id_too_large_for_the_database_is_404(client, db, pk):
    assert client.get(f"{URL}/{pk}").status_code == 404


@pytest.mark.parametrize("month, abbreviation, utc_hour", [(1, "MST", 16), (7, "MDT", 15)])
def test_denver_workshop_at_nine_is_nine_mountain_time_everywhere(
    client, db, month, abbreviation, utc_hour
):
    denver = make_workshop("80202", title="Denver day", local_start=next_year(month, 15))
    assert denver.time_zone == "America/Denver"
    denver.refresh_from_db()
    assert denver.starts_at == datetime.datetime(
        timezone.now().year + 1, month, 15, utc_hour, 0, tzinfo=datetime.UTC
    )
    start = denver.local_starts_at

    finder = flat(client.get(URL, {"q": "80202"}))
    assert (
        f'<p class="result-when">{start:%a, %b %-d, %Y}, 9:00 AM - 3:00 PM {abbreviation}</p>'
    ) in finder

    page = flat(client.get(f"{URL}/{denver.pk}"))
    assert f'<dd class="workshop-time">9:00 AM - 3:00 PM {abbreviation}' in page

    ics = client.get(f"{URL}/{denver.pk}/calendar.ics")
    assert ics.status_code == 200
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert ics["Content-Disposition"] == f'attachment; filename="workshop-{denver.pk}.ics"'
    body = ics.content.decode()
    assert f"DTSTART;TZID=America/Denver:{start:%Y%m%d}T090000\r\n" in body
    assert f"DTEND;TZID=America/Denver:{start:%Y%m%d}T150000\r\n" in body
    assert "BEGIN:VTIMEZONE\r\nTZID:America/Denver\r\n" in body
    assert "SUMMARY:Denver day\r\n" in body


def test_cancelled_workshop_ics_says_cancelled(client, workshop):
    Workshop.objects.filter(pk=workshop.pk).update(status=Workshop.Status.CANCELLED)
    body = client.get(f"{URL}/{workshop.pk}/calendar.ics").content.decode()
    assert "STATUS:CANCELLED\r\n" in body


def test_detail_map_shows_the_venue(client, workshop):
    response = client.get(f"{URL}/{workshop.pk}")
    assert response.context["map"] == {
        "zoom": 14,
        "locations": [
            {
                "lat": workshop.latitude,
                "lng": workshop.longitude,
                "label": "Lincoln Park High School, Chicago, IL",
                # The pin's name says what it is (it is an image, not a button).
                "name": "Workshop venue: Lincoln Park High School, Chicago, IL",
            }
        ],
        "cluster_name": "{count} workshops near here",
    }
