"""The maps in a browser: drawn from data shipped with the site when the tile server cannot be
reached, close pins clustered, each pin named; the keyboard passes the map in one tab stop."""

import re

import pytest
from playwright.sync_api import expect

from tests.workshops.conftest import make_workshop

from .helpers import DESKTOP, focused, tab_to, type_into

FINDER = "/professional-development-workshops"
TILES = "https://tile.openstreetmap.org"

pytestmark = pytest.mark.e2e


@pytest.fixture
def spread(site, settings):
    settings.MAP_TILE_URL = TILES + "/{z}/{x}/{y}.png"  # the real one, made unreachable below
    for zip_code in ["07102", "07102", "07030", "10001", "60601", "99501", "96813", "00901"]:
        make_workshop(zip_code, title=f"Workshop at {zip_code}")


def unreachable_tiles(page):
    """Every tile request fails, as offline or behind a school's filter; returns the console
    errors that are about something else."""
    page.route(TILES + "/**", lambda route: route.abort())
    errors = []

    def record(message):
        if message.type == "error" and not message.location.get("url", "").startswith(TILES):
            errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", record)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def on_map(page, name):
    """Whether the pin named ``name`` is drawn inside the map's frame."""
    # A pin is a point (its label is drawn around it), so its box has no size.
    return page.get_by_role("img", name=name).evaluate(
        """pin => {
            const p = pin.getBoundingClientRect();
            const f = document.getElementById("finder-map").getBoundingClientRect();
            return f.left <= p.left && p.left <= f.right && f.top <= p.top && p.top <= f.bottom;
        }"""
    )


def test_the_map_shows_outlines_and_pins_without_the_tile_server(site, spread, page):
    errors = unreachable_tiles(page)
    page.set_viewport_size(DESKTOP)
    page.goto(site + FINDER)
    page.locator("#finder-map").scroll_into_view_if_needed()
    # The states' outlines (us-atlas, served by the site): one path per state and territory.
    outlines = page.locator(".leaflet-outlines-pane path")
    expect(outlines.first).to_be_attached()
    assert outlines.count() >= 50
    # The lower 48 at first: the Newark pins are one cluster of 4 workshops (2 + 1 + 1 in New
    # York), named for what it is; Alaska, Hawaii and Puerto Rico are off the map.
    expect(page.get_by_role("img", name="4 workshops near here")).to_be_attached()
    assert on_map(page, "4 workshops near here")
    assert on_map(page, "1 workshop in Chicago, IL")
    for region, name in [
        ("Alaska", "1 workshop in Anchorage, AK"),
        ("Hawaii", "1 workshop in Honolulu, HI"),
        ("Puerto Rico", "1 workshop in San Juan, PR"),
    ]:
        assert not on_map(page, name)
        page.get_by_role("button", name=region).click()
        page.wait_for_timeout(400)  # the map's move
        assert on_map(page, name), region
        page.get_by_role("button", name="Lower 48").click()
    # No pin is a button, and none is a tab stop.
    pins = page.locator("#finder-map .leaflet-marker-icon")
    assert pins.count() >= 5
    assert (
        page.locator("#finder-map .leaflet-marker-icon:is([role=button], [tabindex])").count() == 0
    )
    # Tiles on top when they load: their pane is above the outlines'.
    z = page.evaluate(
        "[...['outlines', 'tile'].map(n => +getComputedStyle("
        "document.querySelector('.leaflet-' + n + '-pane')).zIndex)]"
    )
    assert z[0] < z[1]
    assert errors == []


def test_from_search_to_the_first_result_in_at_most_five_tabs(site, spread, page):
    errors = unreachable_tiles(page)
    page.set_viewport_size(DESKTOP)
    page.goto(site + FINDER)
    # The browse map is one tab stop, after its skip link.
    skip = page.get_by_role("link", name="Skip the map")
    tab_to(page, skip)
    page.keyboard.press("Tab")
    assert focused(page).startswith("<div#finder-map>")
    page.keyboard.press("Tab")
    assert "Lower 48" in focused(page)
    # Search: focus lands on the results' heading, the first result is one Tab away.
    type_into(page, page.get_by_label("ZIP code or city and state"), "07102")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    heading = page.get_by_role("heading", name=re.compile("workshops within 50 miles of 07102"))
    expect(heading).to_be_focused()
    first = page.locator(".result-title a").first
    path = tab_to(page, first, max_tabs=5)
    assert len(path) <= 5
    # The map's pins are not tab stops: Tab after the list reaches the map once, then leaves.
    page.locator("#finder-map .map-marker").first.wait_for(state="attached")
    stops = tab_to(page, page.locator("#finder-map"), max_tabs=30)
    page.keyboard.press("Tab")
    assert not page.evaluate(
        "document.getElementById('finder-map').contains(document.activeElement)"
    ), stops
    assert errors == []


def test_the_skip_link_passes_the_map(site, spread, page):
    unreachable_tiles(page)
    page.set_viewport_size(DESKTOP)
    page.goto(site + FINDER)
    tab_to(page, page.get_by_role("link", name="Skip the map"))
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page).startswith("<a> Alabama") or "state/" in page.evaluate(
        "document.activeElement.getAttribute('href') || ''"
    )
