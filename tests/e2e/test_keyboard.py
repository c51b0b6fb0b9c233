"""Everything works with the keyboard alone: Tab and Shift+Tab to move, typing, Space to tick a
box, arrow keys and type-ahead in a list, Enter to follow a link or send a form. No clicks.

The pages are opened by address (as a bookmark or a link from an email would) and then driven by
keyboard only; focus is checked at each step that matters to a keyboard or screen-reader user."""

import re

from playwright.sync_api import expect

from inquiries.forms import start_year_choices
from inquiries.models import Inquiry
from tests.workshops.conftest import make_enrollment, make_workshop
from workshops.models import Enrollment

from .helpers import DESKTOP, activate, focused, tab_to, type_into

FINDER = "/professional-development-workshops"


def press(page, key, times=1):
    for _ in range(times):
        page.keyboard.press(key)


def test_teacher_searches_and_signs_up_with_the_keyboard_only(site, watched_page):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    loop = make_workshop("60601", title="The Loop workshop", capacity=12)
    make_enrollment(loop)
    make_workshop("60614", title="Lincoln Park workshop")
    page.goto(site + FINDER)

    # The search: type the place, Enter on the Search button.
    type_into(page, page.get_by_label("ZIP code or city and state"), "Chicago, IL")
    with page.expect_navigation():
        activate(page, page.get_by_role("button", name="Search"))
    assert re.search(r"q=Chicago%2C\+IL", page.url)
    expect(page.locator(".result-title")).to_have_text(
        ["The Loop workshop", "Lincoln Park workshop"]
    )

    # The nearest workshop's link, then its Sign up button.
    with page.expect_navigation():
        activate(page, page.get_by_role("link", name="The Loop workshop"))
    assert page.url == site + loop.get_absolute_url()
    expect(page.locator(".workshop-facts .seats")).to_have_text("11 seats left")
    with page.expect_navigation():
        activate(page, page.get_by_role("link", name="Sign up", exact=True))
    assert page.url == site + loop.get_absolute_url() + "/signup"

    # The form, with a mistake in the ZIP code.
    type_into(page, page.get_by_label("First name"), "Ada")
    press(page, "Tab")
    page.keyboard.type("Byron")
    assert focused(page) == "<input#id_last_name> Byron"
    type_into(page, page.get_by_label("Email"), "ada.byron@school.example.org")
    type_into(page, page.get_by_label("School name"), "Garfield Elementary")
    type_into(page, page.get_by_label("School ZIP code"), "0000")
    tab_to(page, page.get_by_label("Your role"))
    page.keyboard.type("Classroom")  # the list's type-ahead picks "Classroom teacher"
    expect(page.get_by_label("Your role")).to_have_value("classroom_teacher")
    tab_to(page, page.get_by_label("K", exact=True))
    press(page, "Space")
    press(page, "Tab")
    press(page, "Space")
    expect(page.get_by_label("1", exact=True)).to_be_checked()
    with page.expect_navigation():
        activate(page, page.get_by_role("button", name="Sign up"))

    # The error summary has focus and is announced; its link takes focus to the field, which
    # names its error through aria-describedby.
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("School ZIP code: Enter five digits, e.g. 80202.")
    press(page, "Tab")
    assert focused(page).startswith("<a> School ZIP code: ")
    press(page, "Enter")
    zip_field = page.get_by_label("School ZIP code")
    expect(zip_field).to_be_focused()
    described_by = zip_field.get_attribute("aria-describedby").split()
    error_text = " ".join(page.locator(f"#{id_}").inner_text() for id_ in described_by)
    assert error_text == "Five digits, e.g. 80202. Enter five digits, e.g. 80202."
    expect(page.get_by_label("First name")).to_have_value("Ada")  # the answers are kept

    press(page, "Control+a")
    page.keyboard.type("60614")
    # Back up with Shift+Tab to check that the earlier answers are still in place.
    tab_to(page, page.get_by_label("School name"), backwards=True)
    expect(page.get_by_label("School name")).to_have_value("Garfield Elementary")
    with page.expect_navigation():
        activate(page, page.get_by_role("button", name="Sign up"))

    expect(page.locator(".messages")).to_contain_text(
        "You're signed up. We've emailed a confirmation to ada.byron@school.example.org."
    )
    enrollment = Enrollment.objects.get(email="ada.byron@school.example.org")
    assert (enrollment.status, enrollment.school_zip, enrollment.grades) == (
        "enrolled",
        "60614",
        "K,1",
    )
    assert page.url == site + enrollment.get_absolute_url()

    # Back to the workshop page by its link: one seat fewer.
    with page.expect_navigation():
        activate(page, page.get_by_role("link", name="Workshop details"))
    expect(page.locator(".workshop-facts .seats")).to_have_text("10 seats left")
    assert page.problems == []


def test_district_leader_sends_an_inquiry_with_the_keyboard_only(site, watched_page, settings):
    settings.INQUIRY_MIN_SECONDS = 0  # the keyboard is faster than the spam timer's person
    page = watched_page
    page.set_viewport_size(DESKTOP)
    page.goto(site + "/")
    # From the overview, by the main navigation.
    with page.expect_navigation():
        activate(
            page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Districts")
        )
    assert page.url == site + "/educate/districts"

    type_into(page, page.get_by_label("School district name"), "Springfield Public Schools")
    type_into(page, page.get_by_label("City"), "Springfield")
    tab_to(page, page.get_by_label("State or territory"))
    page.keyboard.type("Illinois")
    expect(page.get_by_label("State or territory")).to_have_value("IL")
    type_into(page, page.get_by_label("First name"), "Jane")
    type_into(page, page.get_by_label("Last name"), "Doe")
    type_into(page, page.get_by_label("Job title or role"), "Director of Curriculum")
    type_into(page, page.get_by_label("Work email"), "jane.doe@springfield")  # a mistake
    type_into(page, page.get_by_label("High schools"), "2")
    tab_to(page, page.get_by_label("High school computer science"))
    press(page, "Space")
    tab_to(page, page.get_by_label("When would you like to start?"))
    press(page, "ArrowDown")
    expect(page.get_by_label("When would you like to start?")).to_have_value(
        start_year_choices()[1][0]
    )
    with page.expect_navigation():
        activate(page, page.get_by_role("button", name="Send inquiry"))

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    error = "Enter a complete email address, like name@yourdistrict.org."
    press(page, "Tab")
    assert focused(page) == f"<a> Work email: {error}"[:64]  # 60 characters of text
    press(page, "Enter")
    email = page.get_by_label("Work email")
    expect(email).to_be_focused()
    assert "id_email_error" in email.get_attribute("aria-describedby").split()
    expect(page.locator("#id_email_error")).to_have_text(error)
    press(page, "End")
    page.keyboard.type(".k12.il.us")
    with page.expect_navigation():
        activate(page, page.get_by_role("button", name="Send inquiry"))

    assert page.url == site + "/educate/districts/thank-you"
    expect(page.locator("h1")).to_have_text("Thank you: we have your inquiry")
    inquiry = Inquiry.objects.get()
    assert (inquiry.district, inquiry.state, inquiry.email, inquiry.schools_high) == (
        "Springfield Public Schools",
        "IL",
        "jane.doe@springfield.k12.il.us",
        2,
    )
    assert inquiry.wants_high_school is True
    assert page.problems == []
