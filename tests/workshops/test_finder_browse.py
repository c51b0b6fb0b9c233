"""Browsing without a search (counts by state and city) and a state's listing."""

import datetime
import re

import pytest
import us
from django.utils import timezone

from tests.workshops.conftest import make_enrollment, make_workshop
from workshops.models import Workshop

URL = "/professional-development-workshops"


def day(n):
    return datetime.datetime.combine(
        timezone.now().date() + datetime.timedelta(days=n), datetime.time(9, 0)
    )


@pytest.fixture
def spread(db):
    make_workshop("60601", title="Loop 1")
    make_workshop("60601", title="Loop 2", local_start=day(20))
    make_workshop("60614", title="Lincoln Park", local_start=day(5))
    make_workshop("60201", title="Evanston")
    make_workshop("80202", title="Denver", local_start=day(9))
    make_workshop("80202", title="Denver again", local_start=day(3))
    make_workshop("94103", title="San Francisco")
    # Never counted: a draft, a cancelled one and a past one.
    make_workshop("60601", title="Draft", status=Workshop.Status.DRAFT)
    make_workshop("60601", title="Cancelled", status=Workshop.Status.CANCELLED)
    make_workshop("60601", title="Past", local_start=day(-2))


def test_browse_counts_by_state_then_city(client, spread, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get(URL)
    assert response.status_code == 200
    summary = [
        (s["name"], s["count"], [(c["name"], c["count"], c["url"]) for c in s["cities"]])
        for s in response.context["states"]
    ]
    state_url = "/professional-development-workshops/state/"
    assert summary == [
        ("California", 1, [("San Francisco", 1, f"{state_url}CA#city-san-francisco")]),
        ("Colorado", 2, [("Denver", 2, f"{state_url}CO#city-denver")]),
        (
            "Illinois",
            4,
            [
                ("Chicago", 3, f"{state_url}IL#city-chicago"),
                ("Evanston", 1, f"{state_url}IL#city-evanston"),
            ],
        ),
    ]
    content = " ".join(response.content.decode().split())
    assert "7 upcoming workshops in 4 cities across 3 states." in content
    assert (
        '<h3 id="state-IL"><a href="/professional-development-workshops/state/IL">Illinois</a> '
        '<span class="count">4 workshops</span></h3>'
    ) in content
    assert (
        '<li><a href="/professional-development-workshops/state/IL#city-chicago">Chicago</a> '
        '<span class="count">3<span class="visually-hidden"> workshops</span></span></li>'
    ) in content
    # The search form is there, empty, with no errors.
    assert response.context["form"].is_bound is False
    assert "data-error-summary" not in content


def test_browse_map_has_one_marker_per_city_counting_its_workshops(client, spread):
    data = client.get(URL).context["map"]
    assert [(loc["label"], loc["count"]) for loc in data["locations"]] == [
        ("San Francisco, CA", 1),
        ("Denver, CO", 2),
        ("Chicago, IL", 3),  # two workshops at 60601 and one at 60614
        ("Evanston, IL", 1),
    ]
    chicago = data["locations"][2]
    # At the mean of the venues, weighted by workshops: (2 x 60601 + 1 x 60614) / 3.
    assert (chicago["lat"], chicago["lng"]) == (
        round((2 * 41.8858 + 41.9229) / 3, 5),
        round((2 * -87.6181 + -87.6483) / 3, 5),
    )
    assert chicago["url"] == "/professional-development-workshops/state/IL#city-chicago"


def test_browse_query_count_does_not_grow(client, db, django_assert_max_num_queries):
    for n in range(40):
        make_workshop(["60601", "80202", "94103", "10001"][n % 4], local_start=day(n + 1))
    with django_assert_max_num_queries(1):
        response = client.get(URL)
    assert [s["count"] for s in response.context["states"]] == [10, 10, 10, 10]


def test_browse_with_no_workshops_says_so(client, db):
    content = client.get(URL).content.decode()
    assert "There are no upcoming workshops right now." in content


def test_state_page_lists_cities_then_dates(client, spread, django_assert_max_num_queries):
    make_enrollment(Workshop.objects.get(title="Evanston"))
    # The count, the page's rows, their seats, the cities.
    with django_assert_max_num_queries(4):
        response = client.get(f"{URL}/state/IL")
    assert response.status_code == 200
    content = " ".join(response.content.decode().split())
    assert "<h1>K-5 workshops in Illinois</h1>" in content
    assert "4 upcoming workshops in 2 cities." in content
    headings = re.findall(r'<h2 id="city-[a-z-]+">([^<]*)</h2>', content)
    assert headings == ["Chicago", "Evanston"]
    listed = re.findall(r'<h3 class="result-title"><a href="[^"]*">([^<]*)</a>', content)
    assert listed == ["Lincoln Park", "Loop 1", "Loop 2", "Evanston"]
    assert '<span class="seats seats-open">19 seats left</span>' in content
    assert (
        '<li><a href="#city-evanston">Evanston</a> <span class="count">1'
        '<span class="visually-hidden"> workshop</span></span></li>'
    ) in content
    assert '<ol class="result-list" start="4">' in content  # Evanston is the 4th


def test_state_page_query_count_does_not_grow(client, db, django_assert_max_num_queries):
    for n in range(30):
        workshop = make_workshop(["60601", "60201", "61801"][n % 3], local_start=day(n + 1))
        make_enrollment(workshop)
    with django_assert_max_num_queries(4):
        response = client.get(f"{URL}/state/IL")
    assert len(response.context["page"].object_list) == 30
    with django_assert_max_num_queries(0):  # the next visitor's copy comes from the cache
        assert client.get(f"{URL}/state/IL").content == response.content


def test_state_page_paginates_and_links_cities_to_their_page(client, db):
    for n in range(55):
        make_workshop("60601", title=f"Chicago {n:02}", local_start=day(n + 1))
    make_workshop("61801", title="Urbana")
    response = client.get(f"{URL}/state/IL", {"page": "2"})
    listed = re.findall(
        r'<h3 class="result-title"><a href="[^"]*">([^<]*)</a>', response.content.decode()
    )
    assert listed == [f"Chicago {n:02}" for n in range(50, 55)] + ["Urbana"]
    cities = [(c["city"], c["count"], c["page"]) for c in response.context["cities"]]
    assert cities == [("Chicago", 55, 1), ("Urbana", 1, 2)]
    assert '<a href="?page=1#city-chicago">Chicago</a>' in response.content.decode()
    browse = client.get(URL).context["states"][0]["cities"]
    assert [c["url"] for c in browse] == [
        "/professional-development-workshops/state/IL#city-chicago",
        "/professional-development-workshops/state/IL?page=2#city-urbana",
    ]


def test_state_without_workshops(client, db):
    response = client.get(f"{URL}/state/WY")
    assert response.status_code == 200
    assert "There are no upcoming workshops in Wyoming right now." in response.content.decode()


def test_lower_case_state_redirects(client, db):
    response = client.get(f"{URL}/state/il")
    assert response.status_code == 301
    assert response["Location"] == f"{URL}/state/IL"


@pytest.mark.parametrize("code", ["ZZ", "Illinois", "I", "<b>"])
def test_unknown_state_is_404(client, db, code):
    assert client.get(f"{URL}/state/{code}").status_code == 404


@pytest.mark.parametrize(
    ("codes", "phrase"),
    [
        (["IL"], "1 state"),
        (["IL", "CO", "CA"], "3 states"),
        (["DC"], "DC"),
        (["PR", "IL"], "1 state and Puerto Rico"),
        (["IL", "DC", "GU", "PR"], "1 state, DC, Guam and Puerto Rico"),
    ],
)
def test_dc_and_territories_are_named_not_counted_as_states(codes, phrase):
    from workshops.geo import places_phrase

    assert places_phrase(codes) == phrase


def test_browse_across_every_state_dc_and_puerto_rico_says_so(client, db):
    from workshops import geo

    one_zip = {}
    for place in geo._tables()[0].values():
        if place.time_zone and place.state not in one_zip:
            one_zip[place.state] = place.zip_code
    wanted = [state.abbr for state in us.states.STATES] + ["DC", "PR"]
    for code in wanted:
        make_workshop(one_zip[code])

    content = " ".join(client.get(URL).content.decode().split())
    assert "52 upcoming workshops in 52 cities across 50 states, DC and Puerto Rico." in content
