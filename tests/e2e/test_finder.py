"""A teacher finds the nearest workshop: search, results with distances, map, workshop page."""

import re

import pytest
from playwright.sync_api import expect

from tests.workshops.conftest import make_enrollment, make_workshop

FINDER = "/professional-development-workshops"


@pytest.fixture
def chicago(site, settings):
    settings.MAP_TILE_URL = "/static/img/blank-tile.png"  # no request leaves the machine
    loop = make_workshop("60601", title="The Loop workshop", venue_name="Harold Washington Library")
    make_workshop("60614", title="Lincoln Park workshop")
    make_workshop("60201", title="Evanston workshop", capacity=1)
    make_enrollment(make_workshop("60540", title="Naperville workshop", capacity=1))
    make_workshop("53202", title="Milwaukee workshop")  # 82.6 miles: not within 50
    return loop


def test_teacher_searches_chicago_and_opens_the_nearest_workshop(site, chicago, watched_page):
    page = watched_page
    page.goto(site + FINDER)
    page.get_by_label("ZIP code or city and state").fill("Chicago, IL")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"q=Chicago%2C\+IL"))

    expect(page.get_by_role("heading", level=2, name=re.compile("workshops within"))).to_have_text(
        "4 workshops within 50 miles of Chicago, IL"
    )
    results = page.locator(".result")
    expect(results.locator(".result-title")).to_have_text(
        [
            "The Loop workshop",
            "Lincoln Park workshop",
            "Evanston workshop",
            "Naperville workshop",
        ]
    )
    expect(results.locator(".result-distance")).to_have_text(
        ["3.3 miles", "4.2 miles", "13.1 miles", "24.9 miles"]
    )
    expect(results.locator(".seats")).to_have_text(
        ["20 seats left", "20 seats left", "1 seat left", "Full - join the waitlist"]
    )

    # The map is drawn (JavaScript on) with a marker per workshop location, numbered like the list.
    expect(page.locator(".finder-map-wrap")).to_be_visible()
    expect(page.locator(".map-marker-label")).to_have_count(4)
    assert sorted(page.locator(".map-marker-label").all_inner_texts()) == ["1", "2", "3", "4"]

    results.first.get_by_role("link", name="The Loop workshop").click()
    page.wait_for_url(site + chicago.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("The Loop workshop")
    expect(page.locator(".workshop-address address")).to_contain_text("Harold Washington Library")
    expect(page.get_by_role("link", name="Sign up")).to_be_visible()
    expect(page.locator(".map-marker-dot")).to_have_count(1)
    assert page.problems == []


def test_finder_is_complete_without_javascript(site, chicago, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + FINDER)
    expect(page.locator("#state-IL")).to_have_text("Illinois 4 workshops")
    page.get_by_label("ZIP code or city and state").fill("60601")
    page.get_by_label("Distance").select_option("10")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".result-title")).to_have_text(
        ["The Loop workshop", "Lincoln Park workshop"]
    )
    expect(page.locator(".finder-map-wrap")).to_be_hidden()
    context.close()


def test_place_not_found_moves_focus_to_the_error(site, chicago, watched_page):
    page = watched_page
    page.goto(site + FINDER)
    page.get_by_label("ZIP code or city and state").fill("Springfield")
    page.get_by_role("button", name="Search").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        "ZIP code or city and state: There is a Springfield in 23 states: choose one below, or "
        "add the state, like Springfield, AR."
    )
    expect(page.get_by_label("ZIP code or city and state")).to_have_value("Springfield")
    # The places offered search at once.
    page.get_by_role("link", name="Springfield, IL").click()
    expect(page.get_by_role("heading", level=2, name=re.compile("within 50 miles"))).to_have_text(
        "No workshops within 50 miles of Springfield, IL"
    )
    assert page.problems == []
