"""The finder's search (workshops.search): a page of the nearest workshops, their count and
soonest start from one query, the distance computed in SQL as in Python."""

import datetime
import re
from unittest import mock

import pytest
from django.db import connection

from tests.workshops.conftest import make_workshop
from tests.workshops.test_finder import URL, at_nine, local_day, titles
from workshops import geo, search
from workshops.models import Workshop


@pytest.mark.parametrize(
    "zip_code",
    ["60601", "53202", "46312", "60115", "80202", "99501", "96813", "04101"],
)
def test_the_database_measures_distances_as_python_does(db, zip_code):
    workshop = make_workshop(zip_code)
    chicago = geo.find_place("Chicago, IL")
    found = Workshop.objects.near(chicago.latitude, chicago.longitude, 5000).get()
    expected = geo.distance_miles(
        chicago.latitude, chicago.longitude, workshop.latitude, workshop.longitude
    )
    assert found.distance == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(
    "asked, number",
    [("2", 2), ("15", 15), (None, 1), ("", 1), ("0", 1), ("-1", 1), ("abc", 1), ("1.5", 1)]
    + [("9" * 7, 1), ("\x00", 1)],
)
def test_the_page_asked_for_is_read_first_when_it_is_a_page_number(asked, number):
    assert search.asked_page(asked) == number


@pytest.fixture
def twenty_five(db):
    return [
        make_workshop("60601", title=f"Workshop {n:02}", local_start=at_nine(local_day(n)))
        for n in range(1, 26)
    ]


def test_a_page_its_count_and_the_soonest_start_of_all_matches(twenty_five):
    chicago = geo.find_place("60601")
    matches = search.Matches(search.nearest(chicago, 25), "2")
    assert matches.count() == 25
    assert [w.title for w in matches[10:20]] == [f"Workshop {n:02}" for n in range(11, 21)]
    assert matches.soonest == twenty_five[0].starts_at  # on page 1, not on this page


def test_a_page_past_the_end_counts_all_matches_then_reads_the_last_page(
    client, twenty_five, django_assert_max_num_queries
):
    # Page 9's ids (none), the count, the last page's ids, its workshops, their seats.
    with django_assert_max_num_queries(5):
        response = client.get(URL, {"q": "60601", "distance": "25", "page": "9"})
    assert titles(response) == [f"Workshop {n:02}" for n in range(21, 26)]
    heading = '<h2 id="results-heading" class="finder-summary" tabindex="-1" data-focus-on-load>'
    assert f"{heading} 25 workshops within 25 miles of" in (
        " ".join(response.content.decode().split())
    )


def test_no_match_is_counted_without_a_second_query(client, db, django_assert_num_queries):
    # The search's page (no row: no count query), then the nearest workshops anywhere, in ever
    # wider circles (search.WIDER_MILES), none found here.
    with django_assert_num_queries(1 + 3):
        response = client.get(URL, {"q": "99501", "distance": "10"})
    text = " ".join(response.content.decode().split())
    assert "> No workshops within 10 miles of 99501 (Anchorage, AK) </h2>" in text


def test_a_cached_second_page_expires_when_a_workshop_on_the_first_page_starts(client, twenty_five):
    query = {"q": "60601", "distance": "25", "page": "2"}
    assert titles(client.get(URL, query)) == [f"Workshop {n:02}" for n in range(11, 21)]
    later = twenty_five[0].starts_at + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert titles(client.get(URL, query)) == [f"Workshop {n:02}" for n in range(12, 22)]


def test_a_workshop_cancelled_or_deleted_between_the_two_queries_is_left_out(twenty_five):
    chicago = geo.find_place("60601")
    matches = search.Matches(search.nearest(chicago, 25), "1")
    found = matches.ids(0, 10)
    Workshop.objects.filter(pk=twenty_five[0].pk).update(status=Workshop.Status.CANCELLED)
    Workshop.objects.filter(pk=twenty_five[1].pk).delete()
    with mock.patch.object(matches, "ids", return_value=found):
        assert [w.title for w in matches[0:10]] == [f"Workshop {n:02}" for n in range(3, 11)]


def test_the_search_reads_the_search_index(across_the_country):
    query = search.page_ids(search.nearest(geo.find_place("Chicago, IL"), 50))[0:10]
    plan = query.explain()
    # One index descent per half-degree latitude band of the box, then the longitude range: the
    # index is not read across the country's width.
    if connection.vendor == "postgresql":
        # "Index Only Scan" once VACUUM has marked the pages all-visible (the bench shows it).
        assert re.search(r"Index (Only )?Scan using workshop_search_idx", plan), plan
        assert "(lat_band = ANY ('{82,83,84,85}'::integer[]))" in plan, plan
    else:
        # SQLite reads the table rows too: it never treats an index as covering on a table
        # with a generated column (3.40).
        assert (
            "SEARCH workshops_workshop USING INDEX workshop_search_idx "
            "(status=? AND lat_band=? AND longitude>? AND longitude<?)"
        ) in plan, plan


@pytest.mark.parametrize(
    "where, miles",
    [("Chicago, IL", 50), ("30301", 100), ("02108", 25), ("Miami, FL", 10), ("10001", 50)],
)
def test_the_bands_find_exactly_the_workshops_within_the_distance(across_the_country, where, miles):
    place = geo.find_place(where)
    expected = sorted(
        (
            round(geo.distance_miles(place.latitude, place.longitude, w.latitude, w.longitude), 6),
            w.pk,
        )
        for w in Workshop.objects.all()
        if geo.distance_miles(place.latitude, place.longitude, w.latitude, w.longitude) <= miles
    )
    found = sorted((round(w.distance, 6), w.pk) for w in search.nearest(place, miles))
    assert found == expected
    assert len(found) > 1


def test_a_workshop_on_a_band_edge_is_found_from_either_side(db):
    on_edge = make_workshop("60601")
    Workshop.objects.filter(pk=on_edge.pk).update(latitude=42.0, longitude=-87.6)
    on_edge.refresh_from_db()
    assert on_edge.lat_band == 84
    for latitude in (41.99, 42.0, 42.01, 41.5, 42.49):
        place = geo.Place("x", latitude, -87.6, "America/Chicago", "Chicago", "IL")
        assert [w.pk for w in search.nearest(place, 40)] == [on_edge.pk], latitude
