"""After the workshop, in the browser: the facilitator closes attendance, the teacher opens the
emailed link, corrects their name, downloads the certificate and answers the survey, and a
district verifies the number."""

import re

from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from certificates.models import Certificate
from feedback.models import Response
from tests.attendance.conftest import PASSWORD
from tests.certificates.conftest import make_attended_workshop


def test_from_closing_attendance_to_a_district_verifying(site, watched_page, settings):
    settings.SITE_URL = site
    page = watched_page
    workshop, facilitator, (teacher,) = make_attended_workshop(
        [("Zoe", "Nunez-OBrien")], title="Computer science fundamentals, K-5"
    )

    # The facilitator signs in and completes the attendance.
    page.goto(site + "/facilitate/login")
    page.get_by_label("Username").fill(facilitator.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(site + f"/facilitate/workshops/{workshop.pk}/complete")
    page.get_by_role("button", name="Yes, attendance is complete").click()
    expect(page.get_by_text("Attendance is complete. Thank you!")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    # The teacher's email: the PDF attached, the sign-up page linked.
    (email,) = [m for m in mail.outbox if m.to == [teacher.email]]
    assert email.subject == "Your certificate of completion: Computer science fundamentals, K-5"
    link = re.search(r"^(http\S+#certificate)$", email.body, re.M).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", name="Your certificate of completion")).to_be_visible()
    expect(page.locator("#certificate")).to_contain_text("Issued to Zoe Nunez-OBrien")

    # They correct their name once...
    page.get_by_role("link", name="Correct the spelling of my name").click()
    page.get_by_label("Your name as it should appear on the certificate").fill("Zoë Núñez-O'Brien")
    page.get_by_role("button", name="Save the corrected name").click()
    expect(page.get_by_text("Your name is corrected.")).to_be_visible()
    expect(page.locator("#certificate")).to_contain_text("Issued to Zoë Núñez-O'Brien")
    expect(page.get_by_role("link", name="Correct the spelling of my name")).to_have_count(0)

    # ...download the certificate with the new name...
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my certificate (PDF)").click()
    path = download_info.value.path()
    text = PdfReader(path).pages[0].extract_text()
    assert "Zoë Núñez-O'Brien" in [line.strip() for line in text.splitlines()]

    # ...and answer the survey.
    page.get_by_role("link", name="Tell us how the workshop went (5 short questions)").click()
    for question, value in [("1.", "5"), ("2.", "4"), ("3.", "4")]:
        group = page.get_by_role("group", name=re.compile("^" + re.escape(question)))
        group.get_by_text(value, exact=True).click()
    page.get_by_label("4. What worked well?").fill("The unplugged activities")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you! Your answers are saved.")).to_be_visible()
    answer = Response.objects.get()
    assert (answer.overall, answer.facilitator, answer.ready, answer.worked) == (
        5,
        4,
        4,
        "The unplugged activities",
    )

    # A district types the number from the PDF.
    number = Certificate.objects.get().number
    page.goto(site + "/certificates")
    page.get_by_label("Certificate number").fill(number.replace("-", " ").lower())
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(site + f"/certificates/{number}")
    expect(page.locator(".verdict")).to_contain_text("Valid")
    expect(page.locator(".certificate-facts")).to_have_text(
        re.compile(r"Name\s*Zoë Núñez-O'Brien\s*Workshop\s*Computer science fundamentals, K-5")
    )
    assert page.problems == []
