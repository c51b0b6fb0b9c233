"""A teacher with no workshop nearby asks for an alert, confirms it, and hears about the next
workshop published near them."""

import re

from django.core import mail

from tests.alerts.factories import make_workshop
from workshops.services import publish


def link(body, kind):
    return re.search(rf"(http\S+/alerts/{kind}/\S+)", body).group(1)


def test_alert_from_a_search_with_no_workshop_to_the_alert_email(site, watched_page, settings):
    settings.SITE_URL = site  # the emailed links point at the live server
    make_workshop(zip_code="60614")  # Chicago: far from Montana
    page = watched_page
    page.goto(site + "/professional-development-workshops")
    page.get_by_label("ZIP code or city and state").fill("59001")
    page.get_by_role("button", name="Search").click()
    assert "We found no upcoming workshops within 50 miles" in page.locator("main").inner_text()
    page.get_by_role("link", name="Tell me about new workshops near 59001 (Absarokee, MT)").click()
    assert page.locator("h1").inner_text() == "Get an email when a workshop comes near you"
    assert page.get_by_label("ZIP code or city and state").input_value() == "59001"

    # A typo first: the error summary takes the focus, the answers stay.
    page.get_by_label("Your email address").fill("ms.rivera@example.org")
    page.get_by_label("ZIP code or city and state").fill("Absaroke, XY")
    page.get_by_role("button", name="Email me about new workshops").click()
    summary = page.get_by_role("alert")
    assert summary.inner_text().startswith("Please fix this answer and send the form again")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.get_by_label("Your email address").input_value() == "ms.rivera@example.org"

    page.get_by_label("ZIP code or city and state").fill("59001")
    assert page.get_by_label("Tell me about workshops within").input_value() == "50"
    page.get_by_label("Tell me about workshops within").select_option("25")
    page.get_by_role("button", name="Email me about new workshops").click()
    assert page.locator("h1").inner_text() == "Check your email"

    assert [m.to for m in mail.outbox] == [["ms.rivera@example.org"]]
    assert mail.outbox[0].subject == "Confirm your workshop alert for 59001 (Absarokee, MT)"
    page.goto(link(mail.outbox[0].body, "confirm"))
    assert page.locator("h1").inner_text() == "Confirm your workshop alert"
    page.get_by_role("button", name="Confirm my alert").click()
    assert page.locator("h1").inner_text() == "Your alert is confirmed"
    assert "within 25 miles of 59001 (Absarokee, MT)" in page.locator("main").inner_text()

    # Staff publish a workshop nearby (what the admin's Publish action and the import call).
    workshop = make_workshop(zip_code="59001", title="Big Sky CS Fundamentals")
    assert publish(workshops=[workshop]) == 1
    assert len(mail.outbox) == 2
    email = mail.outbox[1]
    assert email.to == ["ms.rivera@example.org"]
    assert email.subject == "New K-5 workshop near 59001 (Absarokee, MT): Absarokee, MT, Feb 10"
    assert "* Big Sky CS Fundamentals (Course C (grades 2-3))" in email.body.splitlines()

    # And one click stops it.
    page.goto(link(email.body, "unsubscribe"))
    page.get_by_role("button", name="Unsubscribe").click()
    assert page.locator("h1").inner_text() == "You are unsubscribed"
    assert page.problems == []
