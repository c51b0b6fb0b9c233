"""The finder's search: place, distance, dates, results in distance order, pagination, errors."""

import datetime
import html
import re
import zoneinfo

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.workshops.conftest import make_enrollment, make_workshop
from workshops.models import Workshop

URL = "/professional-development-workshops"
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
RESULT = re.compile(
    r'<h3 class="result-title"><a href="/professional-development-workshops/(\d+)">([^<]*)</a>'
    r".*?"
    r'<span class="result-distance">([^<]*)</span>\s*<span class="seats [a-z-]+">([^<]*)</span>',
    re.S,
)


def results(response):
    """[(title, distance text, seats text)] in page order, read from the HTML."""
    assert response.status_code == 200
    return [
        (html.unescape(title), distance, seats)
        for _, title, distance, seats in RESULT.findall(response.content.decode())
    ]


def titles(response):
    return [title for title, _, _ in results(response)]


def local_day(days):
    return timezone.now().astimezone(CHICAGO).date() + datetime.timedelta(days=days)


def at_nine(day):
    return datetime.datetime.combine(day, datetime.time(9, 0))


@pytest.fixture
def chicago_area(db):
    """Workshops around Chicago and further away, plus some the finder must never show."""
    for zip_code, name in [
        ("60085", "Waukegan"),
        ("60614", "Lincoln Park"),
        ("60115", "DeKalb"),
        ("60201", "Evanston"),
        ("53202", "Milwaukee"),
        ("60601", "The Loop"),
        ("46312", "East Chicago"),
        ("60540", "Naperville"),
        ("80202", "Denver"),
    ]:
        make_workshop(zip_code, title=f"{name} workshop")
    make_workshop("60601", title="Draft workshop", status=Workshop.Status.DRAFT)
    make_workshop("60601", title="Cancelled workshop", status=Workshop.Status.CANCELLED)
    make_workshop("60601", title="Past workshop", local_start=at_nine(local_day(-3)))


CHICAGO_50 = [
    ("The Loop workshop", "3.3 miles", "20 seats left"),
    ("Lincoln Park workshop", "4.2 miles", "20 seats left"),
    ("Evanston workshop", "13.1 miles", "20 seats left"),
    ("East Chicago workshop", "19.4 miles", "20 seats left"),
    ("Naperville workshop", "24.9 miles", "20 seats left"),
    ("Waukegan workshop", "35.1 miles", "20 seats left"),
]


@pytest.mark.parametrize("q", ["Chicago, IL", "Chicago Illinois", "  chicago ,  il "])
def test_city_and_state_search_lists_nearest_first_with_distances(client, chicago_area, q):
    response = client.get(URL, {"q": q})
    assert results(response) == CHICAGO_50
    assert response.context["place"].label == "Chicago, IL"
    content = response.content.decode()
    assert (
        '<h2 id="results-heading" class="finder-summary" tabindex="-1" data-focus-on-load> '
        "6 workshops within 50 miles of Chicago, IL </h2>" in " ".join(content.split())
    )
    assert "<title>K-5 workshops near Chicago, IL | " in content


def test_wider_distance_adds_the_workshops_further_away(client, chicago_area):
    response = client.get(URL, {"q": "Chicago, IL", "distance": "100"})
    assert results(response) == [
        *CHICAGO_50,
        ("DeKalb workshop", "55.6 miles", "20 seats left"),
        ("Milwaukee workshop", "82.6 miles", "20 seats left"),
    ]


def test_zip_search_measures_from_the_zip_code(client, chicago_area):
    response = client.get(URL, {"q": "60614", "distance": "25"})
    assert results(response) == [
        ("Lincoln Park workshop", "0.0 miles", "20 seats left"),
        ("The Loop workshop", "3.0 miles", "20 seats left"),
        ("Evanston workshop", "9.4 miles", "20 seats left"),
        ("East Chicago workshop", "22.1 miles", "20 seats left"),
    ]
    assert response.context["place"].label == "60614 (Chicago, IL)"


def test_same_distance_is_ordered_by_date(client, db):
    later = make_workshop("60601", title="Later", local_start=at_nine(local_day(30)))
    sooner = make_workshop("60601", title="Sooner", local_start=at_nine(local_day(10)))
    response = client.get(URL, {"q": "60601"})
    assert titles(response) == ["Sooner", "Later"]
    assert [w.pk for w in response.context["page"].object_list] == [sooner.pk, later.pk]


def test_distance_cut_off(client, db):
    origin = make_workshop("60601", title="Downtown")
    north = origin.latitude + 49 / 3958.8 * 180 / 3.141592653589793
    make_workshop("60601", title="49 miles north", latitude=north)
    assert results(client.get(URL, {"q": "60601", "distance": "50"})) == [
        ("Downtown", "0.0 miles", "20 seats left"),
        ("49 miles north", "49.0 miles", "20 seats left"),
    ]
    assert titles(client.get(URL, {"q": "60601", "distance": "25"})) == ["Downtown"]


def test_seats_left_counts_only_enrolled_sign_ups(client, db):
    one_left = make_workshop("60601", title="One left", capacity=3)
    make_enrollment(one_left)
    make_enrollment(one_left)
    make_enrollment(one_left, status="cancelled")
    make_enrollment(one_left, status="waitlisted")
    full = make_workshop("60601", title="Full", capacity=1, local_start=at_nine(local_day(20)))
    make_enrollment(full)
    make_enrollment(full, status="waitlisted")
    assert results(client.get(URL, {"q": "60601"})) == [
        ("One left", "0.0 miles", "1 seat left"),
        ("Full", "0.0 miles", "Full - join the waitlist"),
    ]


def test_result_shows_local_date_time_zone_venue_and_city(client, db):
    workshop = make_workshop(
        "60601",
        title="Saturday session",
        venue_name="Harold Washington Library",
        local_start=at_nine(local_day(40)),
    )
    content = client.get(URL, {"q": "Chicago, IL"}).content.decode()
    start = workshop.local_starts_at
    expected_when = f"{start:%a, %b %-d, %Y}, 9:00 AM - 3:00 PM {start:%Z}"
    assert f'<p class="result-when">{expected_when}</p>' in content
    assert start.strftime("%Z") in {"CST", "CDT"}
    assert '<p class="result-where">Harold Washington Library, Chicago, IL</p>' in content
    assert f'href="/professional-development-workshops/{workshop.pk}"' in content


class TestDates:
    @pytest.fixture
    def three_dates(self, db):
        for days in (10, 20, 30):
            make_workshop("60601", title=f"Day {days}", local_start=at_nine(local_day(days)))

    @pytest.mark.parametrize(
        "dates, expected",
        [
            ({}, ["Day 10", "Day 20", "Day 30"]),
            ({"date_from": 20}, ["Day 20", "Day 30"]),
            ({"date_to": 20}, ["Day 10", "Day 20"]),
            ({"date_from": 20, "date_to": 20}, ["Day 20"]),
            ({"date_from": 11, "date_to": 19}, []),
            ({"date_from": -400}, ["Day 10", "Day 20", "Day 30"]),
        ],
    )
    def test_date_filters(self, client, three_dates, dates, expected):
        params = {"q": "60601", **{k: local_day(v).isoformat() for k, v in dates.items()}}
        assert titles(client.get(URL, params)) == expected

    def test_dates_are_the_venues_local_dates(self, client, db):
        # 10:30 PM in Los Angeles is already the next day in UTC and in New York.
        day = local_day(15)
        late = make_workshop(
            "90012",
            title="Evening",
            local_start=datetime.datetime.combine(day, datetime.time(22, 30)),
            hours=1,
        )
        assert late.starts_at.astimezone(datetime.UTC).date() == day + datetime.timedelta(days=1)
        search = {"q": "Los Angeles, CA"}
        assert titles(client.get(URL, {**search, "date_from": day, "date_to": day})) == ["Evening"]
        next_day = day + datetime.timedelta(days=1)
        assert titles(client.get(URL, {**search, "date_from": next_day})) == []
        assert (
            titles(client.get(URL, {**search, "date_to": day - datetime.timedelta(days=1)})) == []
        )

    def test_from_after_to_is_a_clear_error(self, client, three_dates):
        response = client.get(
            URL, {"q": "60601", "date_from": local_day(20), "date_to": local_day(10)}
        )
        assert response.context["form"].errors == {
            "date_to": ['The "to" date must be the same as or after the "from" date.']
        }
        assert "page" not in response.context
        content = response.content.decode()
        assert 'aria-describedby="id_date_to_error"' in content
        assert (
            '<a href="#id_date_to">To date: The &quot;to&quot; date must be the same as or after'
            in content
        )


def test_place_not_found(client, chicago_area):
    response = client.get(URL, {"q": "Atlantis, ZZ", "distance": "25"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "q": ['We couldn\'t find "Atlantis, ZZ" - try a ZIP code.']
    }
    content = response.content.decode()
    escaped = "We couldn&#x27;t find &quot;Atlantis, ZZ&quot; - try a ZIP code."
    # Once in the error summary (focused, linked to the field) and once next to the field.
    assert f'<li><a href="#id_q">ZIP code or city and state: {escaped}</a></li>' in content
    assert f'<p id="error_1_id_q"><strong>{escaped}</strong></p>' in content
    assert 'id="error-summary" role="alert" tabindex="-1"' in content
    assert 'aria-describedby="id_q_error"' in content
    assert 'value="Atlantis, ZZ"' in content  # the answer is kept
    assert results(response) == []


def test_no_results_offers_wider_distances(client, db):
    make_workshop("60540", title="Naperville")  # 28.2 miles from 60601
    response = client.get(URL, {"q": "60601", "distance": "10"})
    assert results(response) == []
    content = response.content.decode()
    assert "We found no upcoming workshops within 10 miles of 60601 (Chicago, IL)." in content
    links = re.findall(r'<a class="btn btn-outline-primary" href="([^"]*)">([^<]*)</a>', content)
    assert links == [
        ("?q=60601&amp;distance=25", "Search within 25 miles"),
        ("?q=60601&amp;distance=50", "Search within 50 miles"),
        ("?q=60601&amp;distance=100", "Search within 100 miles"),
        ("/professional-development-workshops", "Browse all workshops by state"),
    ]
    assert titles(client.get(URL, {"q": "60601", "distance": "50"})) == ["Naperville"]


def test_no_results_at_the_widest_distance_offers_all_dates_and_browsing(client, db):
    make_workshop("60601", title="Soon", local_start=at_nine(local_day(5)))
    day = local_day(60).isoformat()
    response = client.get(URL, {"q": "60601", "distance": "100", "date_from": day})
    content = response.content.decode()
    assert (
        "We found no upcoming workshops within 100 miles of 60601 (Chicago, IL) on those dates."
        in content
    )
    links = re.findall(r'<a class="btn btn-outline-primary" href="([^"]*)">([^<]*)</a>', content)
    assert links == [
        ("?q=60601&amp;distance=100", "Search all dates"),
        ("/professional-development-workshops", "Browse all workshops by state"),
    ]


class TestPagination:
    @pytest.fixture
    def many(self, db):
        for n in range(1, 26):
            make_workshop("60601", title=f"Workshop {n:02}", local_start=at_nine(local_day(n)))

    def test_page_two(self, client, many):
        response = client.get(URL, {"q": "60601", "distance": "25", "page": "2"})
        assert titles(response) == [f"Workshop {n:02}" for n in range(11, 21)]
        content = response.content.decode()
        assert '<ol class="result-list" start="11">' in content
        assert (
            '<a class="page-link" href="?q=60601&amp;distance=25&amp;page=3" rel="next">' in content
        )
        assert (
            '<a class="page-link" href="?q=60601&amp;distance=25&amp;page=1" rel="prev">' in content
        )
        assert '<span class="page-link" aria-current="page">2</span>' in content
        assert "Showing 11-20, nearest first." in content

    @pytest.mark.parametrize("page", ["3", "99", "999999999999999999999999", "-1"])
    def test_pages_past_the_end_show_the_last_page(self, client, many, page):
        response = client.get(URL, {"q": "60601", "page": page})
        assert titles(response) == [f"Workshop {n:02}" for n in range(21, 26)]

    @pytest.mark.parametrize("page", ["", "abc", "1.5", "\x00"])
    def test_bad_page_numbers_show_the_first_page(self, client, many, page):
        response = client.get(URL, {"q": "60601", "page": page})
        assert titles(response) == [f"Workshop {n:02}" for n in range(1, 11)]


@pytest.mark.parametrize(
    "params, field, message",
    [
        (
            {"q": "60601", "distance": "7"},
            "distance",
            "Choose a distance of 10, 25, 50 or 100 miles.",
        ),
        (
            {"q": "60601", "distance": "-50"},
            "distance",
            "Choose a distance of 10, 25, 50 or 100 miles.",
        ),
        (
            {"q": "60601", "distance": "1e309"},
            "distance",
            "Choose a distance of 10, 25, 50 or 100 miles.",
        ),
        (
            {"q": "60601", "date_from": "0000-00-00"},
            "date_from",
            "Enter a real date, like 2027-03-06.",
        ),
        ({"q": "60601", "date_to": "2027-02-30"}, "date_to", "Enter a real date, like 2027-03-06."),
        (
            {"q": "60601", "date_to": "99999-01-01"},
            "date_to",
            "Enter a real date, like 2027-03-06.",
        ),
        (
            {"distance": "25"},
            "q",
            "Enter a ZIP code or a city and state, like 60601 or Chicago, IL.",
        ),
        ({"q": "   "}, "q", "Enter a ZIP code or a city and state, like 60601 or Chicago, IL."),
        ({"q": "x" * 101}, "q", "Enter at most 100 characters: a ZIP code or a city and state."),
        ({"q": "606\x0001"}, "q", "Null characters are not allowed."),
        ({"q": "' OR 1=1 --"}, "q", "We couldn't find \"' OR 1=1 --\" - try a ZIP code."),
        (
            {"q": "<script>alert(1)</script>"},
            "q",
            'We couldn\'t find "<script>alert(1)</script>" - try a ZIP code.',
        ),
    ],
)
def test_bad_input_gives_a_clear_error_never_a_500(client, chicago_area, params, field, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert "<script>alert(1)</script>" not in response.content.decode()
    # Browsing stays available below the form.
    assert response.context["states"][0]["name"] == "Colorado"


def test_far_future_dates_are_no_limit_and_no_crash(client, chicago_area):
    response = client.get(URL, {"q": "60601", "date_from": "0001-01-01", "date_to": "9999-12-31"})
    assert titles(response)[:2] == ["The Loop workshop", "Lincoln Park workshop"]


@pytest.mark.parametrize(
    "date_from, date_to", [("9999-12-31", ""), ("9999-12-31", "9999-12-31"), ("", "0001-01-01")]
)
def test_dates_at_the_ends_of_the_calendar_find_nothing_and_never_crash(
    client, chicago_area, date_from, date_to
):
    response = client.get(URL, {"q": "60601", "date_from": date_from, "date_to": date_to})
    assert titles(response) == []
    assert (
        "We found no upcoming workshops within 50 miles of 60601 (Chicago, IL) on those dates."
        in (response.content.decode())
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "distance", "date_from", "date_to", "page", "other"]),
        st.one_of(
            st.text(max_size=120),
            st.sampled_from(["60601", "Chicago, IL", "-10", "1e999", "0000-00-00", "9999-12-31"]),
        ),
    )
)
def test_any_query_string_is_answered_without_an_error(client, chicago_area, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.is_bound == bool(params)
    if form.is_bound and form.is_valid():
        assert response.context["page"].number >= 1
    elif form.is_bound:
        assert 'id="error-summary"' in response.content.decode()


def test_search_page_has_the_map_data_and_a_local_tile_server(client, db):
    workshop = make_workshop("60601", title="Mapped")
    response = client.get(URL, {"q": "60601"})
    content = response.content.decode()
    assert 'data-tile-url="/static/img/blank-tile.png"' in content
    assert '<div class="finder-map-wrap" data-map hidden>' in content  # shown by JS only
    assert (
        '<script id="map-data" type="application/json">'
        '{"center": [41.8858, -87.6181], '
        '"radius_miles": 50, "place": "60601 (Chicago, IL)", "locations": [{"lat": 41.8858, '
        f'"lng": -87.6181, "workshops": [{{"number": 1, "title": "Mapped", "url": '
        f'"/professional-development-workshops/{workshop.pk}"'
    ) in content


@pytest.mark.parametrize("count", [3, 30])
def test_query_count_is_fixed_whatever_the_number_of_workshops(
    client, db, django_assert_max_num_queries, count
):
    for n in range(count):
        workshop = make_workshop("60601", title=f"W{n}", local_start=at_nine(local_day(n + 1)))
        make_enrollment(workshop)
    # The page's ids with the count of all matches, its workshops by id, their seats.
    with django_assert_max_num_queries(3):
        response = client.get(URL, {"q": "Chicago, IL", "page": "2" if count > 10 else "1"})
    assert len(results(response)) == min(count, 10)
