"""Whole visits, from a search to a seat: each page of the way is checked for what the teacher
reads, and for no console error and no failed request."""

import re

from playwright.sync_api import expect

from tests.workshops.conftest import make_enrollment, make_workshop
from workshops.models import Enrollment

FINDER = "/professional-development-workshops"


def fill_signup_form(page, email="ada.byron@school.example.org"):
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Byron")
    page.get_by_label("Email").fill(email)
    page.get_by_label("School name").fill("Garfield Elementary")
    page.get_by_label("School ZIP code").fill("60614")
    page.get_by_label("Your role").select_option("Classroom teacher")
    page.get_by_label("2", exact=True).check()


def test_teacher_finds_the_nearest_workshop_signs_up_and_sees_a_seat_fewer(site, watched_page):
    page = watched_page
    evanston = make_workshop("60201", title="Evanston workshop", capacity=8)
    loop = make_workshop("60601", title="The Loop workshop", capacity=12)
    for _ in range(3):
        make_enrollment(loop)
    make_workshop("53202", title="Milwaukee workshop")  # 82.6 miles away: not listed

    page.goto(site + "/k5")
    page.get_by_role("link", name="Find a workshop (for K-5 teachers)").first.click()
    page.wait_for_url(site + FINDER)
    page.get_by_label("ZIP code or city and state").fill("Chicago, IL")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"q=Chicago%2C\+IL"))

    # Nearest first, each with its distance and seats.
    expect(page.locator("#results-heading")).to_have_text(
        "2 workshops within 50 miles of Chicago, IL"
    )
    results = page.locator(".result")
    expect(results.locator(".result-title")).to_have_text(
        ["The Loop workshop", "Evanston workshop"]
    )
    expect(results.locator(".result-distance")).to_have_text(["3.3 miles", "13.1 miles"])
    expect(results.locator(".seats")).to_have_text(["9 seats left", "8 seats left"])

    results.first.get_by_role("link", name="The Loop workshop").click()
    page.wait_for_url(site + loop.get_absolute_url())
    seats = page.locator(".workshop-facts .seats")
    expect(seats).to_have_text("9 seats left")

    page.get_by_role("link", name="Sign up", exact=True).click()
    page.wait_for_url(site + loop.get_absolute_url() + "/signup")
    fill_signup_form(page)
    page.get_by_role("button", name="Sign up").click()

    page.wait_for_url(re.compile(r"/signup/[\w-]+$"))
    expect(page.locator(".messages")).to_contain_text(
        "You're signed up. We've emailed a confirmation to ada.byron@school.example.org."
    )
    expect(page.get_by_role("heading", level=2, name="Status: Enrolled")).to_be_visible()
    enrollment = Enrollment.objects.get(email="ada.byron@school.example.org")
    assert enrollment.workshop == loop
    assert page.url == site + enrollment.get_absolute_url()

    page.get_by_role("link", name="Workshop details").click()
    page.wait_for_url(site + loop.get_absolute_url())
    expect(seats).to_have_text("8 seats left")  # one fewer than before the sign-up
    assert Enrollment.objects.filter(workshop=evanston).count() == 0
    assert page.problems == []


def test_teacher_browses_by_state_and_joins_a_full_workshops_waitlist(site, watched_page):
    page = watched_page
    full = make_workshop("62701", title="Springfield workshop", capacity=1)
    make_enrollment(full)
    make_workshop("60601", title="The Loop workshop")

    page.goto(site + FINDER)
    page.get_by_role("link", name="Illinois").click()
    page.wait_for_url(site + FINDER + "/state/IL")
    expect(page.locator("h1")).to_have_text("K-5 workshops in Illinois")
    page.get_by_role("navigation", name="Cities").get_by_role("link", name="Springfield").click()
    page.wait_for_url(re.compile(r"#city-springfield$"))
    springfield = page.locator("section.state-city", has=page.locator("#city-springfield"))
    expect(springfield.locator(".seats")).to_have_text(["Full - join the waitlist"])

    springfield.get_by_role("link", name="Springfield workshop").click()
    page.wait_for_url(site + full.get_absolute_url())
    page.get_by_role("link", name="Join the waitlist").click()
    expect(page.locator("h1")).to_contain_text("Join the waitlist")
    fill_signup_form(page, email="grace@school.example.org")
    page.get_by_role("button", name="Join the waitlist").click()
    page.wait_for_url(re.compile(r"/signup/[\w-]+$"))
    expect(page.get_by_role("heading", level=2)).to_contain_text(
        ["Status: Waitlisted, number 1 on the waitlist"]
    )
    assert Enrollment.objects.get(email="grace@school.example.org").status == "waitlisted"
    assert page.problems == []
