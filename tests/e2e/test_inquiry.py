"""A district leader sends an inquiry, with one mistake on the way; staff see it in the admin."""

from django.contrib.auth.models import User
from django.core import mail
from playwright.sync_api import expect

from inquiries.forms import start_year_choices
from inquiries.models import Inquiry
from pages.models import Page


def fill_contact(page, email):
    """The district and who asks: the form's first two sections."""
    page.get_by_label("School district name").fill("Springfield Public Schools")
    page.get_by_label("City").fill("Springfield")
    page.get_by_label("State or territory").select_option("IL")
    page.get_by_label("First name").fill("Jane")
    page.get_by_label("Last name").fill("Doe")
    page.get_by_label("Job title or role").fill("Director of Curriculum")
    page.get_by_label("Work email").fill(email)


def test_district_leader_corrects_a_mistake_and_staff_see_the_inquiry(site, watched_page, settings):
    # The browser fills the form in well under the spam timer's minimum; a person would not.
    settings.INQUIRY_MIN_SECONDS = 0
    Page.objects.update_or_create(
        url="/educate/districts",
        defaults={
            "title": "District partnerships",
            "description": "Partner with us.",
            "body": "## What a partnership gives your district\n\nPD for teachers.",
        },
    )
    start_year = start_year_choices()[2][0]
    page = watched_page
    page.goto(site + "/educate/districts")

    # The mistake: the browser accepts this address, the server does not.
    fill_contact(page, email="jane.doe@springfield")
    page.get_by_label("Phone (optional)").fill("312 555 0100")
    page.get_by_label("Middle schools").fill("4")
    page.get_by_label("High schools").fill("2")
    page.get_by_label("High school computer science").check()
    page.get_by_label("When would you like to start?").select_option(start_year)
    page.get_by_label("Message (optional)").fill("Two high schools want to start.")
    page.get_by_role("button", name="Send inquiry").click()

    # The error is next to the field, the summary has focus, the answers are kept.
    error = "Enter a complete email address, like name@yourdistrict.org."
    expect(page.locator("#id_email_error")).to_have_text(error)
    summary = page.get_by_role("alert").filter(
        has_text="Please fix this answer and send the form again"
    )
    expect(summary).to_be_focused()
    expect(page.get_by_label("School district name")).to_have_value("Springfield Public Schools")
    expect(page.get_by_label("High school computer science")).to_be_checked()
    assert Inquiry.objects.count() == 0

    summary.get_by_role("link", name=error).click()
    expect(page.get_by_label("Work email")).to_be_focused()
    page.get_by_label("Work email").fill("jane.doe@springfield.k12.il.us")
    page.get_by_role("button", name="Send inquiry").click()

    page.wait_for_url(site + "/educate/districts/thank-you")
    expect(page.locator("h1")).to_have_text("Thank you: we have your inquiry")
    expect(page.get_by_text("Within two business days:")).to_be_visible()

    inquiry = Inquiry.objects.get()
    assert (inquiry.district, inquiry.email, inquiry.phone, inquiry.total_schools) == (
        "Springfield Public Schools",
        "jane.doe@springfield.k12.il.us",
        "(312) 555-0100",
        6,
    )
    assert (inquiry.wants_middle_school, inquiry.wants_high_school) == (False, True)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "jane.doe@springfield.k12.il.us",
        "partnerships@example.org",
    ]
    assert page.problems == []

    # Staff find it in the admin.
    User.objects.create_superuser("boss", "boss@example.org", "a-long-password-1")
    page.goto(site + "/admin/inquiries/inquiry/")
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill("a-long-password-1")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + "/admin/inquiries/inquiry/")
    row = page.locator("#result_list tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator(".field-district")).to_have_text("Springfield Public Schools")
    expect(row.locator(".field-status")).to_have_text("New")


def test_a_fast_sender_confirms_and_the_inquiry_is_sent(site, watched_page, settings):
    """Autofill sends the form within a second: the sender is asked, not silently dropped."""
    from axe_playwright_python.sync_playwright import Axe

    from inquiries.models import SpamCount

    settings.INQUIRY_MIN_SECONDS = 60  # however fast a person is, the browser is faster here
    page = watched_page
    page.goto(site + "/educate/districts")
    fill_contact(page, email="jane.doe@springfield.k12.il.us")
    page.get_by_label("Elementary schools").fill("12")
    page.get_by_label("Middle school math and science").check()
    page.get_by_label("When would you like to start?").select_option(start_year_choices()[2][0])
    page.get_by_role("button", name="Send inquiry").click()

    question = page.get_by_role("alert").filter(has_text="Please confirm your inquiry")
    expect(question).to_be_focused()
    expect(page.get_by_label("School district name")).to_have_value("Springfield Public Schools")
    expect(page.get_by_label("Middle school math and science")).to_be_checked()
    assert Axe().run(page).response["violations"] == []
    assert Inquiry.objects.count() == 0

    question.get_by_role("button", name="Yes, send my inquiry").click()
    page.wait_for_url(site + "/educate/districts/thank-you")
    assert list(Inquiry.objects.values_list("district", flat=True)) == [
        "Springfield Public Schools"
    ]
    assert {c.reason: c.count for c in SpamCount.objects.all()} == {"too_fast": 0}
    assert watched_page.problems == []
