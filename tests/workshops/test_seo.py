"""Search-engine data of the workshops: schema.org Event JSON-LD on each workshop page, and the
upcoming workshops in sitemap.xml."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from tests.workshops.conftest import make_enrollment, make_workshop
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

JULY = datetime.datetime(2031, 7, 12, 9, 0)  # daylight saving time: Chicago is UTC-5


def json_ld(response):
    """The page's JSON-LD blocks, parsed. (A data block is never run, so it needs no CSP nonce,
    and without one the page can be cached for every visitor.)"""
    html = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(text) for text in blocks]


def test_workshop_page_describes_the_event(client, settings):
    settings.SITE_URL = "https://pd.example.org"
    workshop = make_workshop(
        "60601",
        local_start=JULY,
        title="CS fundamentals",
        venue_name="Harold Washington Library",
        facilitator_names="Maria Gomez and Sam Lee",
    )
    Workshop.objects.filter(pk=workshop.pk).update(
        published_at=datetime.datetime(2031, 5, 1, 14, 30, tzinfo=datetime.UTC)
    )
    response = client.get(workshop.get_absolute_url())
    [event] = json_ld(response)
    url = f"https://pd.example.org/professional-development-workshops/{workshop.pk}"
    assert event == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "CS fundamentals",
        "description": "A free one-day computer science workshop for K-5 teachers: "
        "Course A (grades K-1).",
        "startDate": "2031-07-12T09:00:00-05:00",
        "endDate": "2031-07-12T15:00:00-05:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": "Harold Washington Library",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "100 Main Street",
                "addressLocality": "Chicago",
                "addressRegion": "IL",
                "postalCode": "60601",
                "addressCountry": "US",
            },
            "geo": {"@type": "GeoCoordinates", "latitude": 41.8858, "longitude": -87.6181},
        },
        "image": ["https://pd.example.org/static/img/workshop.png"],
        "performer": [
            {"@type": "Person", "name": "Maria Gomez"},
            {"@type": "Person", "name": "Sam Lee"},
        ],
        "isAccessibleForFree": True,
        "offers": {
            "@type": "Offer",
            "price": 0,
            "priceCurrency": "USD",
            "availability": "https://schema.org/InStock",
            "description": "Free: sign up on the workshop's page.",
            "url": url,
            "validFrom": "2031-05-01T09:30:00-05:00",
        },
        "organizer": {
            "@type": "Organization",
            "name": "CS Educators Alliance",
            "url": "https://pd.example.org/",
        },
        "url": url,
    }


def test_event_times_carry_the_venues_own_offset(client):
    workshop = make_workshop("80202", local_start=datetime.datetime(2031, 1, 18, 8, 30), hours=7)
    [event] = json_ld(client.get(workshop.get_absolute_url()))
    assert (event["startDate"], event["endDate"]) == (
        "2031-01-18T08:30:00-07:00",
        "2031-01-18T15:30:00-07:00",
    )


def test_full_workshop_is_sold_out_with_a_waitlist_note(client):
    workshop = make_workshop(local_start=JULY, capacity=1)
    make_enrollment(workshop)
    [event] = json_ld(client.get(workshop.get_absolute_url()))
    assert event["offers"]["availability"] == "https://schema.org/SoldOut"
    assert event["offers"]["description"] == "Full: sign up to join the waitlist."
    assert event["eventStatus"] == "https://schema.org/EventScheduled"


def test_cancelled_workshop_is_a_cancelled_event(client):
    workshop = make_workshop(local_start=JULY, status=Workshop.Status.CANCELLED)
    [event] = json_ld(client.get(workshop.get_absolute_url()))
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert event["offers"]["availability"] == "https://schema.org/Discontinued"
    assert event["offers"]["description"] == "This workshop takes no more sign-ups."


def test_a_venue_name_cannot_break_out_of_the_script_block(client):
    venue = "</script><script>alert(1)</script>"
    workshop = make_workshop(local_start=JULY, venue_name=venue, title="A & B <fun>")
    response = client.get(workshop.get_absolute_url())
    html = response.content.decode()
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert "<" not in block.group(1) and ">" not in block.group(1) and "&" not in block.group(1)
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in block.group(1)
    [event] = json_ld(response)
    assert event["location"]["name"] == venue
    assert event["name"] == "A & B <fun>"
    assert "<script>alert(1)" not in html


def test_sitemap_lists_the_finder_and_upcoming_published_workshops(client, settings):
    settings.SITE_URL = "https://pd.example.org"
    later = make_workshop("60614", local_start=JULY + datetime.timedelta(days=7))
    sooner = make_workshop("60601", local_start=JULY)
    make_workshop(local_start=JULY, status=Workshop.Status.DRAFT)
    make_workshop(local_start=JULY, status=Workshop.Status.CANCELLED)
    make_workshop(local_start=datetime.datetime(2020, 3, 6, 9, 0))  # past
    Workshop.objects.filter(pk=sooner.pk).update(
        updated_at=datetime.datetime(2031, 5, 1, 12, 0, tzinfo=datetime.UTC)
    )
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    entries = re.findall(r"<url><loc>([^<]*)</loc>(?:<lastmod>([^<]*)</lastmod>)?", xml)
    base = "https://pd.example.org/professional-development-workshops"
    workshops = [(loc, lastmod) for loc, lastmod in entries if re.fullmatch(rf"{base}/\d+", loc)]
    later.refresh_from_db()
    assert workshops == [
        (f"{base}/{sooner.pk}", "2031-05-01"),
        (f"{base}/{later.pk}", timezone.localdate(later.updated_at).isoformat()),
    ]
    assert (base, "") in entries


def test_sitemap_lists_the_state_pages_with_upcoming_workshops(client, settings):
    settings.SITE_URL = "https://pd.example.org"
    make_workshop("60614", local_start=JULY)
    make_workshop("80202", local_start=JULY)
    make_workshop("10001", local_start=JULY, status=Workshop.Status.DRAFT)
    make_workshop("99501", local_start=datetime.datetime(2020, 3, 6, 9, 0))  # past
    xml = client.get("/sitemap.xml").content.decode()
    base = "https://pd.example.org/professional-development-workshops/state/"
    assert re.findall(rf"<loc>({re.escape(base)}[A-Z]+)</loc>", xml) == [base + "CO", base + "IL"]


def test_facilitators_are_read_one_by_one():
    assert Workshop(facilitator_names="Ada Lopez, Sam Kim and Jo Park").facilitator_name_list == [
        "Ada Lopez",
        "Sam Kim",
        "Jo Park",
    ]
    assert Workshop(facilitator_names="Alexandra Smith").facilitator_name_list == [
        "Alexandra Smith"
    ]
    assert Workshop(facilitator_names="Maria & Ben Oyelaran").facilitator_name_list == [
        "Maria",
        "Ben Oyelaran",
    ]
