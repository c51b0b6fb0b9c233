"""A teacher who reads Spanish: the switch on the home page by keyboard, a search for San Juan,
a sign-up, the confirmation email in Spanish with its .ics, and a cancellation from the email.

The finder and sign-up pages are read by their Spanish words; the email's own wording is checked
by tests/test_spanish_text.py (its templates are marked by the other half of pass 2), its .ics
here."""

import re

from django.core import mail
from playwright.sync_api import expect

from tests.workshops.conftest import make_workshop
from workshops.models import Course, Enrollment

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
    Course.objects.filter(pk=workshop.course_id).update(name_es="Curso C (grados 2.º y 3.º)")

    page.goto(site + "/")
    activate(page, page.get_by_role("link", name="Español"))
    page.wait_for_url(site + "/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert focused(page) != "<a> Español"

    page.get_by_role("link", name="Buscar un taller (para docentes de K-5)").first.click()
    page.wait_for_url(site + "/es/professional-development-workshops")
    expect(page.get_by_role("heading", level=1)).to_have_text("Buscar un taller de K-5")
    page.get_by_label("Código postal, o ciudad y estado").fill("San Juan, PR")
    page.get_by_role("button", name="Buscar", exact=True).click()
    page.wait_for_url(re.compile(r"/es/professional-development-workshops\?q=San\+Juan%2C\+PR"))
    expect(page.locator("#results-heading")).to_have_text(
        "1 taller a menos de 50 millas de San Juan, PR"
    )
    expect(page.locator(".result .seats")).to_have_text("Quedan 10 lugares")
    page.get_by_role("link", name="Taller de San Juan").first.click()
    page.wait_for_url(site + f"/es/professional-development-workshops/{workshop.pk}")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(".finder-lead")).to_have_text(
        "Un taller gratuito de un día de ciencias de la computación para docentes de K-5: "
        "Curso C (grados 2.º y 3.º)."
    )

    page.get_by_role("link", name="Inscribirse").click()
    page.wait_for_url(site + f"/es/professional-development-workshops/{workshop.pk}/signup")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inscribirse")
    for name, value in {
        "first_name": "Lucía",
        "last_name": "Rivera",
        "email": "lucia.rivera@escuela.example.org",
        "school_name": "Escuela Luis Muñoz Rivera",
        "school_zip": "00901",
    }.items():
        page.locator(f"[name={name}]").fill(value)
    page.get_by_label("Su función").select_option(label="Maestro(a) de salón")
    page.get_by_label("2", exact=True).check()
    page.get_by_role("button", name="Inscribirse").click()
    page.wait_for_url(re.compile(r"/es/professional-development-workshops/signup/[\w-]+$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_text("Listo, ya tiene su lugar.")).to_have_text(
        "Listo, ya tiene su lugar. Enviamos una confirmación a lucia.rivera@escuela.example.org."
    )
    expect(page.get_by_role("heading", level=2, name="Estado")).to_have_text(
        "Estado: Inscripción confirmada"
    )

    enrollment = Enrollment.objects.get(email="lucia.rivera@escuela.example.org")
    assert (enrollment.workshop, enrollment.status, enrollment.language) == (
        workshop,
        "enrolled",
        "es",
    )
    [confirmation] = [m for m in mail.outbox if m.to == ["lucia.rivera@escuela.example.org"]]
    [(filename, content, mimetype)] = confirmation.attachments
    assert (filename, mimetype) == (f"workshop-{workshop.pk}.ics", "text/calendar")
    assert (
        "DESCRIPTION:Taller gratuito de un día de ciencias de la computación para K-5: Taller de "
        "San Juan (Curso C (grados 2.º y 3.º)). Facilitación:"
    ) in content.replace("\r\n ", "")
    link = f"/es/professional-development-workshops/signup/{enrollment.token}"
    assert f"http://127.0.0.1:8000{link}" in confirmation.body.splitlines()

    # The email's link (at this live server's address), then the page's cancel link.
    mail.outbox.clear()
    page.goto(site + link)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("link", name="Cancelar mi inscripción").click()
    page.wait_for_url(site + link + "/cancel")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("¿Cancelar su inscripción?")
    page.get_by_role("button", name="Sí, cancelar mi inscripción").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Su inscripción está cancelada")
    expect(page.locator(".lead")).to_have_text(
        "Gracias por avisarnos, Lucía. Enviamos una confirmación a "
        "lucia.rivera@escuela.example.org."
    )
    enrollment.refresh_from_db()
    assert enrollment.status == "cancelled"
    [cancelled] = [m for m in mail.outbox if m.to == ["lucia.rivera@escuela.example.org"]]
    assert "/es/professional-development-workshops" in cancelled.body
    assert page.problems == []


def test_the_map_names_its_zoom_buttons_in_spanish(site, watched_page):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    make_workshop("00901", title="Taller de San Juan")
    page.goto(site + "/es/professional-development-workshops?q=San+Juan%2C+PR")
    page.locator("#finder-map").scroll_into_view_if_needed()
    expect(page.locator("#finder-map .leaflet-control-zoom-in")).to_have_attribute(
        "title", "Acercar"
    )
    expect(page.locator("#finder-map .leaflet-control-zoom-out")).to_have_attribute(
        "aria-label", "Alejar"
    )
    assert page.problems == []
