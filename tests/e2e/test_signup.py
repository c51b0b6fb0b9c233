"""A teacher signs up for a workshop in the browser, then cancels.

This journey opens the sign-up page directly and reads the seats left there; the whole journey
from a search to the workshop page's seat count is in test_journeys.py."""

import os
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.workshops.factories_signup import make_enrollment, make_workshop
from workshops.models import Enrollment


def fill_form(page, zip_code="80203"):
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Byron")
    page.get_by_label("Email").fill("ada.byron@school.example.org")
    page.get_by_label("School name").fill("Garfield Elementary")
    page.get_by_label("School ZIP code").fill(zip_code)
    page.get_by_label("Your role").select_option("Classroom teacher")
    page.get_by_label("K", exact=True).check()
    page.get_by_label("1", exact=True).check()


def test_teacher_signs_up_fixes_a_mistake_sees_the_confirmation_and_cancels(site, watched_page):
    page = watched_page
    workshop = make_workshop(capacity=3, title="CS Fundamentals Denver")
    make_enrollment(workshop)
    signup_url = f"{site}/professional-development-workshops/{workshop.pk}/signup"
    page.goto(signup_url)
    expect(page.locator(".seats-left")).to_have_text("2 of 3 seats left")

    fill_form(page, zip_code="00000")
    page.get_by_role("button", name="Sign up").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(
        "School ZIP code: No US ZIP code 00000 - check the five digits."
    )
    expect(summary).to_be_focused()
    expect(page.get_by_label("First name")).to_have_value("Ada")  # answers kept
    assert Enrollment.objects.filter(email="ada.byron@school.example.org").count() == 0

    page.get_by_label("School ZIP code").fill("80203")
    page.get_by_role("button", name="Sign up").click()
    expect(page.locator(".messages")).to_contain_text(
        "You're signed up. We've emailed a confirmation to ada.byron@school.example.org."
    )
    expect(page.get_by_role("heading", level=2, name="Status: Enrolled")).to_be_visible()
    enrollment = Enrollment.objects.get(email="ada.byron@school.example.org")
    assert page.url == f"{site}/professional-development-workshops/signup/{enrollment.token}"
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["You're signed up", "New sign-up"]

    page.goto(signup_url)
    expect(page.locator(".seats-left")).to_have_text("1 of 3 seats left")

    page.goto(site + enrollment.get_absolute_url())
    page.get_by_role("link", name="Cancel my sign-up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel your sign-up?")
    enrollment.refresh_from_db()
    assert enrollment.status == "enrolled"  # opening the page changed nothing
    page.get_by_role("button", name="Yes, cancel my sign-up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your sign-up is cancelled")
    enrollment.refresh_from_db()
    assert enrollment.status == "cancelled"

    page.goto(signup_url)
    expect(page.locator(".seats-left")).to_have_text("2 of 3 seats left")
    assert page.problems == []


SCREENSHOTS = os.environ.get("SIGNUP_SCREENSHOTS")


@pytest.mark.skipif(not SCREENSHOTS, reason="set SIGNUP_SCREENSHOTS=<folder> to take screenshots")
@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_the_sign_up_pages(site, watched_page, width):
    page = watched_page
    folder = Path(SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})

    def shot(name):
        page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)

    workshop = make_workshop(capacity=2, title="CS Fundamentals Denver")
    make_enrollment(workshop)
    url = f"{site}/professional-development-workshops/{workshop.pk}/signup"
    page.goto(url)
    shot("signup-empty")
    page.get_by_label("School ZIP code").fill("00000")
    page.get_by_role("button", name="Sign up").click()
    shot("signup-errors")
    fill_form(page)
    page.get_by_role("button", name="Sign up").click()
    shot("signup-confirmation")
    enrollment_url = page.url
    page.goto(url)
    shot("signup-full-waitlist")
    page.goto(enrollment_url)
    shot("enrollment")
    page.get_by_role("link", name="Cancel my sign-up").click()
    shot("cancel-confirm")
    page.get_by_role("button", name="Yes, cancel my sign-up").click()
    shot("cancel-done")
    assert page.problems == []
