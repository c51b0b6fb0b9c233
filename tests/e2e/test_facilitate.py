"""The facilitator's day on a 375 px phone: sign in, open today's workshop, mark three teachers
and a walk-in, close attendance; the admin then shows the exact counts. Once with the mouse
(taps), once with the keyboard alone."""

from django.conf import settings
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.attendance.conftest import (
    PASSWORD,
    make_enrollment,
    make_facilitator,
    make_today_workshop,
)
from tests.workshops.factories_admin import result_rows
from workshops.models import Enrollment

from .helpers import PHONE, activate, tab_to, type_into

ADMIN_PASSWORD = "staff-passphrase-for-tests"


def workshop_with_roster():
    jordan = make_facilitator(username="jordan", first_name="Jordan", last_name="Lee")
    workshop = make_today_workshop(jordan, title="Loops and events", capacity=4)
    for first, last in [
        ("Ada", "Byron"),
        ("Ben", "Carter"),
        ("Grace", "Hopper"),
        ("Katherine", "Johnson"),
    ]:
        make_enrollment(workshop, first_name=first, last_name=last)
    make_enrollment(
        workshop, first_name="Mary", last_name="Jackson", status=Enrollment.Status.WAITLISTED
    )
    return workshop


def admin_counts(page, site, workshop):
    User.objects.create_superuser("staff", "staff@example.org", ADMIN_PASSWORD)
    page.context.clear_cookies()
    page.goto(f"{site}/{settings.ADMIN_URL}login/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    page.goto(f"{site}/{settings.ADMIN_URL}workshops/workshop/")
    (row,) = result_rows(page.content())
    return (row["title"], row["attended"], row["no_shows"], row["walk_ins"], row["attendance_rate"])


def status_text(page):
    return page.locator("#attendance-status").text_content()


def test_the_facilitators_day_with_taps(site, watched_page):
    page = watched_page
    page.set_viewport_size(PHONE)
    workshop = workshop_with_roster()

    page.goto(site + "/facilitate/")
    assert page.url == site + "/facilitate/login?next=/facilitate/"
    page.get_by_label("Username").fill("jordan")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert page.url == site + "/facilitate/"
    expect(page.locator(".facilitate-card")).to_contain_text(
        "4 of 4 seats taken, 1 on the waitlist"
    )
    with page.expect_navigation():
        page.get_by_role("link", name="Take attendance").click()

    for name, count in [("Ada Byron", 1), ("Grace Hopper", 2), ("Mary Jackson", 3)]:
        button = page.get_by_role("button", name=name)
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 340  # one large tap target per teacher
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
        expect(page.locator("#attendance-status")).to_have_text(
            f"{name}: present. {count} {'person' if count == 1 else 'people'} present"
        )
    # A wrong tap, undone.
    page.get_by_role("button", name="Grace Hopper").click()
    expect(page.locator("#attendance-status")).to_have_text(
        "Grace Hopper: not present. 2 people present"
    )
    page.get_by_role("button", name="Katherine Johnson").click()
    expect(page.locator("#attendance-status")).to_have_text(
        "Katherine Johnson: present. 3 people present"
    )

    # The search box narrows a long roster as one types.
    page.get_by_label("Find a teacher (name or school)").fill("car")
    expect(page.locator(".attendance-list li:visible")).to_have_count(1)
    expect(page.locator(".attendance-list li:visible")).to_contain_text("Ben Carter")
    page.get_by_label("Find a teacher (name or school)").fill("")

    with page.expect_navigation():
        page.get_by_role("link", name="Add a walk-in").click()
    page.get_by_label("First name").fill("Wes")
    page.get_by_label("Last name").fill("Walker")
    page.get_by_label("Email").fill("wes@example.org")
    page.get_by_label("School name").fill("Hill School")
    page.get_by_label("School ZIP code").fill("60614")
    with page.expect_navigation():
        page.get_by_role("button", name="Add and mark present").click()
    expect(page.locator(".messages")).to_have_text("Wes Walker is added and marked present.")
    expect(page.locator("#present-count")).to_have_text("4 people present")

    with page.expect_navigation():
        page.get_by_role("link", name="Attendance is complete").click()
    expect(page.locator(".alert-warning")).to_have_text(
        "1 person on the roster is not marked; they count as not present."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, attendance is complete").click()
    expect(page.locator(".messages")).to_have_text("Attendance is complete. Thank you!")
    assert page.problems == []

    assert admin_counts(page, site, workshop) == ("Loops and events", "4", "2", "1", "67%")


def test_the_facilitators_day_with_the_keyboard_alone(site, watched_page):
    page = watched_page
    page.set_viewport_size(PHONE)
    workshop = workshop_with_roster()

    page.goto(site + f"/facilitate/workshops/{workshop.pk}/attendance")
    type_into(page, page.get_by_label("Username"), "jordan")
    type_into(page, page.get_by_label("Password"), PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site + f"/facilitate/workshops/{workshop.pk}/attendance"

    # Each teacher: Tab to their button, Space to mark. The status region says it was saved.
    for name, count in [("Ada Byron", 1), ("Grace Hopper", 2), ("Katherine Johnson", 3)]:
        button = page.get_by_role("button", name=name)
        tab_to(page, button)
        page.keyboard.press("Space")
        expect(button).to_have_attribute("aria-pressed", "true")
        expect(page.locator("#attendance-status")).to_have_text(
            f"{name}: present. {count} {'person' if count == 1 else 'people'} present"
        )
        expect(button).to_be_focused()  # focus stays where it was: the next Tab goes on

    with page.expect_navigation():
        activate(page, page.get_by_role("link", name="Add a walk-in"))
    type_into(page, page.get_by_label("First name"), "Wes")
    type_into(page, page.get_by_label("Last name"), "Walker")
    type_into(page, page.get_by_label("Email"), "wes@example.org")
    type_into(page, page.get_by_label("School name"), "Hill School")
    type_into(page, page.get_by_label("School ZIP code"), "60614")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_have_text("Wes Walker is added and marked present.")

    with page.expect_navigation():
        activate(page, page.get_by_role("link", name="Attendance is complete"))
    with page.expect_navigation():
        activate(page, page.get_by_role("button", name="Yes, attendance is complete"))
    expect(page.locator(".messages")).to_have_text("Attendance is complete. Thank you!")
    assert page.problems == []

    assert admin_counts(page, site, workshop) == ("Loops and events", "4", "1", "1", "80%")
