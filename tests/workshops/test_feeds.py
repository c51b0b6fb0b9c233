import datetime
import json

import pytest
from django.core.cache import cache

from tests.alerts.factories import make_workshop
from tests.factories import create_enrollment
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

JSON = "/professional-development-workshops.json"
GEOJSON = "/professional-development-workshops.geojson"
ICS = "/professional-development-workshops.ics"
SITE = "http://127.0.0.1:8000"


def enroll(workshop, n, status="enrolled"):
    create_enrollment(
        workshop,
        first_name="T",
        last_name=f"{status}{n}",
        email=f"{status}{n}@example.org",
        school_name="School",
        school_zip="80202",
        role="classroom_teacher",
        grades="K,1",
        status=status,
    )


@pytest.fixture
def known():
    denver = make_workshop(
        zip_code="80202",
        day=datetime.date(2027, 2, 10),
        title="Denver day",
        venue_name="Denver Public School",
        street_address="1860 Lincoln St",
    )
    for n in range(2):
        enroll(denver, n)
    enroll(denver, 0, "waitlisted")
    enroll(denver, 1, "cancelled")
    chicago = make_workshop(
        zip_code="60614",
        day=datetime.date(2027, 3, 20),
        start=datetime.time(8, 30),
        hours=7,
        title="Chicago day",
        venue_name="Lincoln ES",
        street_address="615 W Kemper Pl",
        capacity=2,
    )
    enroll(chicago, 0)
    enroll(chicago, 1)  # full (the database refuses more seats taken than the capacity)
    make_workshop(zip_code="60614", status=Workshop.Status.DRAFT)
    make_workshop(zip_code="60614", status=Workshop.Status.CANCELLED)
    make_workshop(zip_code="60614", day=datetime.date(2026, 1, 5))
    return denver, chicago


def denver_facts(denver):
    return {
        "id": denver.pk,
        "title": "Denver day",
        "course": "Course C (grades 2-3)",
        "venue": "Denver Public School",
        "address": "1860 Lincoln St",
        "city": "Denver",
        "state": "CO",
        "zip": "80202",
        "latitude": 39.7491,
        "longitude": -104.9946,
        "starts_at": "2027-02-10T09:00:00-07:00",
        "ends_at": "2027-02-10T15:00:00-07:00",
        "time_zone": "America/Denver",
        "seats_left": 18,
        "url": f"{SITE}/professional-development-workshops/{denver.pk}",
    }


def chicago_facts(chicago):
    return {
        "id": chicago.pk,
        "title": "Chicago day",
        "course": "Course C (grades 2-3)",
        "venue": "Lincoln ES",
        "address": "615 W Kemper Pl",
        "city": "Chicago",
        "state": "IL",
        "zip": "60614",
        "latitude": 41.9229,
        "longitude": -87.6483,
        "starts_at": "2027-03-20T08:30:00-05:00",
        "ends_at": "2027-03-20T15:30:00-05:00",
        "time_zone": "America/Chicago",
        "seats_left": 0,
        "url": f"{SITE}/professional-development-workshops/{chicago.pk}",
    }


def test_json_feed_exact_content(client, known):
    denver, chicago = known
    response = client.get(JSON)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=60"
    assert json.loads(response.content) == {
        "count": 2,
        "page": 1,
        "per_page": 50,
        "next": None,
        "previous": None,
        "workshops": [denver_facts(denver), chicago_facts(chicago)],
    }


def test_json_feed_by_state(client, known):
    denver, _ = known
    data = client.get(JSON + "?state=co").json()
    assert data["workshops"] == [denver_facts(denver)]
    assert client.get(JSON + "?state=NY").json()["workshops"] == []


def test_json_feed_by_distance_from_a_zip(client, known):
    _, chicago = known
    data = client.get(JSON + "?zip=60601&distance=10").json()
    assert data["count"] == 1
    assert data["workshops"] == [{**chicago_facts(chicago), "distance_miles": 3.0}]
    # Default distance is 50 miles; Denver is 1,000 miles from Chicago.
    assert [w["id"] for w in client.get(JSON + "?zip=80202").json()["workshops"]] == [known[0].pk]


def test_json_feed_pagination(client):
    workshops = [
        make_workshop(zip_code="60614", day=datetime.date(2027, 1, 4) + datetime.timedelta(days=n))
        for n in range(5)
    ]
    first = client.get(JSON + "?per_page=2&state=IL").json()
    assert (first["count"], first["page"], first["per_page"]) == (5, 1, 2)
    assert [w["id"] for w in first["workshops"]] == [w.pk for w in workshops[:2]]
    assert first["next"] == f"{SITE}{JSON}?page=2&per_page=2&state=IL"
    assert first["previous"] is None
    last = client.get(JSON + "?per_page=2&state=IL&page=3").json()
    assert [w["id"] for w in last["workshops"]] == [workshops[4].pk]
    assert last["next"] is None
    assert last["previous"] == f"{SITE}{JSON}?page=2&per_page=2&state=IL"


def test_a_page_past_the_end_is_a_404_with_a_message(client):
    for n in range(3):
        make_workshop(zip_code="60614", day=datetime.date(2027, 1, 4) + datetime.timedelta(days=n))
    response = client.get(JSON + "?per_page=2&page=3")
    assert response.status_code == 404
    assert response.json() == {"error": "There is no page 3: the last page is 2."}
    assert response["Access-Control-Allow-Origin"] == "*"
    huge = client.get(JSON + "?page=99999999999999999999999")
    assert huge.status_code == 404
    assert huge.json() == {"error": f"There is no page {10**18}: the last page is 1."}
    # No workshops at all: page 1 is an empty page, page 2 is past the end.
    empty = client.get(JSON + "?state=NY")
    assert (empty.status_code, empty.json()["workshops"], empty.json()["next"]) == (200, [], None)
    assert client.get(JSON + "?state=NY&page=2").json() == {
        "error": "There is no page 2: the last page is 1."
    }


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("state=XX", "'state' must be a two-letter US state code like IL, not 'XX'."),
        ("zip=00000", "'zip' must be a five-digit US ZIP code, and '00000' is not one."),
        ("zip=abc", "'zip' must be a five-digit US ZIP code, and 'abc' is not one."),
        ("zip=60601&distance=7", "'distance' must be one of 10, 25, 50 or 100 (miles)."),
        ("zip=60601&distance=-5", "'distance' must be one of 10, 25, 50 or 100 (miles)."),
        ("distance=50", "'distance' needs a 'zip' to measure from, e.g. zip=60601&distance=50."),
        ("page=0", "'page' must be a whole number of 1 or more, not '0'."),
        ("page=two", "'page' must be a whole number of 1 or more, not 'two'."),
        ("per_page=101", "'per_page' can be at most 100."),
    ],
)
def test_bad_parameters_are_a_400_with_a_clear_message(client, query, message):
    # The GeoJSON feed is not paged: it ignores page and per_page.
    urls = (JSON,) if "page" in query else (JSON, GEOJSON)
    for url in urls:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400
        assert response.json() == {"error": message}
        assert response["Access-Control-Allow-Origin"] == "*"


def test_geojson_feed_exact_content(client, known):
    denver, _ = known
    response = client.get(GEOJSON + "?state=CO")
    assert response["Content-Type"] == "application/geo+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    properties = denver_facts(denver)
    del properties["latitude"], properties["longitude"]
    assert json.loads(response.content) == {
        "type": "FeatureCollection",
        "count": 1,
        "features": [
            {
                "type": "Feature",
                "id": denver.pk,
                "geometry": {"type": "Point", "coordinates": [-104.9946, 39.7491]},
                "properties": properties,
            }
        ],
    }


def test_a_feed_is_kept_while_the_workshops_are_unchanged_and_no_longer(
    client, known, django_assert_num_queries
):
    """The pages' rule: kept under the workshops' version, seats included."""
    denver, _ = known
    for url in (JSON, GEOJSON, ICS):
        first = client.get(url).content
        with django_assert_num_queries(0):
            assert client.get(url).content == first
    make_workshop(zip_code="60614")
    assert client.get(JSON).json()["count"] == 3
    enroll(denver, 9)
    seats = {w["id"]: w["seats_left"] for w in client.get(JSON).json()["workshops"]}
    assert seats[denver.pk] == 17


def test_icalendar_feed(client, known):
    denver, chicago = known
    response = client.get(ICS)
    assert response["Content-Type"] == "text/calendar"
    assert response["Access-Control-Allow-Origin"] == "*"
    text = response.content.decode().replace("\r\n ", "")
    lines = text.split("\r\n")
    assert "X-WR-CALNAME:K-5 computer science workshops" in lines
    assert "DTSTART;TZID=America/Denver:20270210T090000" in lines
    assert "DTEND;TZID=America/Denver:20270210T150000" in lines
    assert "DTSTART;TZID=America/Chicago:20270320T083000" in lines
    assert [line for line in lines if line.startswith("SUMMARY:")] == [
        "SUMMARY:Denver day",
        "SUMMARY:Chicago day",
    ]
    assert sorted(line for line in lines if line.startswith("TZID:")) == [
        "TZID:America/Chicago",
        "TZID:America/Denver",
    ]
    assert f"URL:{SITE}/professional-development-workshops/{denver.pk}" in lines


def test_icalendar_feed_for_one_state(client, known):
    lines = client.get(ICS + "?state=IL").content.decode().replace("\r\n ", "").split("\r\n")
    assert "X-WR-CALNAME:K-5 computer science workshops in Illinois" in lines
    assert [line for line in lines if line.startswith("SUMMARY:")] == ["SUMMARY:Chicago day"]
    response = client.get(ICS + "?state=ZZ")
    assert response.status_code == 400
    assert response.content == b"'state' must be a two-letter US state code like IL, not 'ZZ'.\n"


def test_feed_query_counts_do_not_grow_with_workshops(client, django_assert_max_num_queries):
    for n in range(40):
        workshop = make_workshop(
            zip_code="60614", day=datetime.date(2027, 1, 4) + datetime.timedelta(days=n)
        )
        enroll(workshop, n)
    for url in (JSON, GEOJSON, JSON + "?zip=60601&distance=25&per_page=100", ICS):
        cache.clear()
        with django_assert_max_num_queries(2):
            response = client.get(url)
        assert response.status_code == 200
    assert len(client.get(JSON + "?per_page=100").json()["workshops"]) == 40


def test_partners_page_documents_the_feeds(client):
    response = client.get("/professional-development-workshops/partners")
    html = response.content.decode()
    assert "<h1>Workshop feeds for partners</h1>" in html
    assert f"<code>curl '{SITE}{JSON}'</code>" in html  # no workshop: the empty answer
    assert f'<a href="{ICS}?state=IL"><code>{SITE}{ICS}?state=IL</code></a>' in html
    assert f'<a href="{GEOJSON}"><code>{SITE}{GEOJSON}</code></a>' in html


def test_the_geojson_feed_gives_every_upcoming_workshop_in_one_response(
    client, django_assert_max_num_queries
):
    workshops = [
        make_workshop(zip_code="60614", day=datetime.date(2027, 1, 4) + datetime.timedelta(days=n))
        for n in range(120)  # more than the JSON feed's largest page
    ]
    make_workshop(zip_code="60614", status=Workshop.Status.DRAFT)
    with django_assert_max_num_queries(1):
        data = client.get(GEOJSON + "?page=2&per_page=10").json()
    assert data["count"] == 120
    assert [feature["id"] for feature in data["features"]] == [w.pk for w in workshops]
    assert "next" not in data
    # Cached: the second answer reads no row.
    with django_assert_max_num_queries(0):
        assert client.get(GEOJSON + "?page=2&per_page=10").json() == data


def test_the_partners_example_is_the_feeds_real_answer(client, known):
    denver, chicago = known
    html = client.get("/professional-development-workshops/partners").content.decode()
    query = "zip=80202&amp;distance=10&amp;per_page=1"
    assert f"<code>curl '{SITE}{JSON}?{query}'</code>" in html
    shown = html.split(f"{query}'</code></pre>")[1].split("<code>", 1)[1].split("</code>")[0]
    example = json.loads(shown.replace("&quot;", '"').replace("&#x27;", "'"))
    assert example == client.get(JSON, {"zip": "80202", "distance": 10, "per_page": 1}).json()
    assert example["workshops"] == [{**denver_facts(denver), "distance_miles": 0.0}]
