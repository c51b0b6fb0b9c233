"""What the maps are given: each pin named for what it stands for (never just "1,2"), the
browse map opening on the lower 48, clusters named by their count of workshops."""

import datetime

import pytest

from tests.workshops.conftest import make_workshop

pytestmark = pytest.mark.django_db

URL = "/professional-development-workshops"


def at(day, hour=9):
    return datetime.datetime(2027, 3, day, hour, 0)


def test_search_pins_say_how_many_workshops_where_and_their_numbers(client):
    make_workshop("07102", title="Newark one", local_start=at(1))
    make_workshop("07102", title="Newark two", local_start=at(2))
    make_workshop("07030", title="Hoboken", local_start=at(3))
    data = client.get(URL, {"q": "07102", "distance": "10"}).context["map"]
    assert [location["name"] for location in data["locations"]] == [
        "2 workshops in Newark, NJ: numbers 1, 2 in the list",
        "1 workshop in Hoboken, NJ: number 3 in the list",
    ]
    assert data["cluster_name"] == "{count} workshops near here"


def test_browse_pins_are_named_and_the_map_opens_on_the_lower_48(client):
    make_workshop("07102", local_start=at(1))
    make_workshop("07102", local_start=at(2))
    make_workshop("99501", local_start=at(3))
    data = client.get(URL).context["map"]
    assert data["view"] == "us"
    assert [(location["name"], location["url"]) for location in data["locations"]] == [
        ("1 workshop in Anchorage, AK", f"{URL}/state/AK#city-anchorage"),
        ("2 workshops in Newark, NJ", f"{URL}/state/NJ#city-newark"),
    ]


def test_the_map_has_a_skip_link_and_region_buttons(client):
    make_workshop("07102")
    content = client.get(URL).content.decode()
    assert (
        '<a class="visually-hidden-focusable map-skip" href="#finder-map-end">Skip the map</a>'
        in content
    )
    assert '<span id="finder-map-end" tabindex="-1"></span>' in content
    for region, name in [("lower48", "Lower 48"), ("AK", "Alaska"), ("HI", "Hawaii")]:
        assert (
            f'<button type="button" class="btn btn-outline-secondary" data-region="{region}">'
            f"{name}</button>"
        ) in content
