"""A teacher who reads Spanish: the switch on the home page by keyboard, a search for San Juan,
a sign-up, the confirmation email in Spanish with its .ics, and a cancellation from the email.

The pages of the finder and the sign-up are marked for translation in the second pass of
issue 18; until then this journey finds its way by addresses and field names, and checks the
language of every page and of the email, not their words."""

import re

from django.core import mail
from playwright.sync_api import expect

from tests.workshops.conftest import make_workshop
from workshops.models import Enrollment

from .helpers import DESKTOP, PHONE, activate, focused


def test_the_switch_is_a_plain_link_reached_by_keyboard_on_a_phone(site, watched_page):
    page = watched_page
    page.set_viewport_size(PHONE)
    page.goto(site + "/k5")
    switch = page.get_by_role("link", name="Español")
    expect(switch).to_have_attribute("lang", "es")
    expect(switch).to_have_attribute("hreflang", "es")
    path = activate(page, switch)
    assert path == [
        "<a> Skip to main content",
        "<a> CS Educators Alliance",
        "<button> Show the menu",
        "<a> Español",
    ]
    page.wait_for_url(site + "/es/k5")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ciencias de la computación para K-5: talleres gratuitos de un día"
    )
    back = page.get_by_role("link", name="English")
    expect(back).to_have_attribute("href", "/k5")
    assert page.problems == []


def test_teacher_switches_to_spanish_signs_up_in_san_juan_and_cancels_from_the_email(
    site, watched_page
):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    workshop = make_workshop("00901", title="Taller de San Juan", capacity=10)

    page.goto(site + "/")
    activate(page, page.get_by_role("link", name="Español"))
    page.wait_for_url(site + "/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert focused(page) != "<a> Español"

    page.get_by_role("link", name="Buscar un taller (para docentes de K-5)").first.click()
    page.wait_for_url(site + "/es/professional-development-workshops")
    page.locator("input[name=q]").fill("San Juan, PR")
    page.locator("input[name=q]").press("Enter")
    page.wait_for_url(re.compile(r"/es/professional-development-workshops\?q=San\+Juan%2C\+PR"))
    page.get_by_role("link", name="Taller de San Juan").first.click()
    page.wait_for_url(site + f"/es/professional-development-workshops/{workshop.pk}")
    expect(page.locator("html")).to_have_attribute("lang", "es")

    page.locator(
        f"a[href='/es/professional-development-workshops/{workshop.pk}/signup']"
    ).first.click()
    page.wait_for_url(site + f"/es/professional-development-workshops/{workshop.pk}/signup")
    for name, value in {
        "first_name": "Lucía",
        "last_name": "Rivera",
        "email": "lucia.rivera@escuela.example.org",
        "school_name": "Escuela Luis Muñoz Rivera",
        "school_zip": "00901",
    }.items():
        page.locator(f"[name={name}]").fill(value)
    page.locator("[name=role]").select_option("classroom_teacher")
    page.locator("input[name=grades][value='2']").check()
    page.locator("form[method=post] [type=submit]").last.click()
    page.wait_for_url(re.compile(r"/es/professional-development-workshops/signup/[\w-]+$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")

    enrollment = Enrollment.objects.get(email="lucia.rivera@escuela.example.org")
    assert (enrollment.workshop, enrollment.status, enrollment.language) == (
        workshop,
        "enrolled",
        "es",
    )
    [confirmation] = [m for m in mail.outbox if m.to == ["lucia.rivera@escuela.example.org"]]
    [(filename, _content, mimetype)] = confirmation.attachments
    assert (filename, mimetype) == (f"workshop-{workshop.pk}.ics", "text/calendar")
    link = f"/es/professional-development-workshops/signup/{enrollment.token}"
    assert f"http://127.0.0.1:8000{link}" in confirmation.body.splitlines()

    # The email's link (at this live server's address), then the page's cancel link.
    mail.outbox.clear()
    page.goto(site + link)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.locator(f"a[href='{link}/cancel']").first.click()
    page.wait_for_url(site + link + "/cancel")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.locator("form[method=post] [type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    enrollment.refresh_from_db()
    assert enrollment.status == "cancelled"
    [cancelled] = [m for m in mail.outbox if m.to == ["lucia.rivera@escuela.example.org"]]
    assert "/es/professional-development-workshops" in cancelled.body
    assert page.problems == []
