"""The site in English and Spanish: addresses, the switcher, hreflang, the page cache per
language, the language stored on what visitors make and the emails written in it, formats."""

import datetime
import re
import zoneinfo

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import formats, translation

from alerts.models import Alert
from inquiries.models import Inquiry
from pages.models import Page
from pdsite import pagecache
from reminders.schedule import moment
from reminders.services import send_due_reminders
from tests.alerts.factories import make_alert
from tests.inquiries.helpers import CONTACT, valid_inquiry_post
from tests.public_pages import SPANISH_PAGES, page_params
from tests.test_spanish_text import move_a_day_later
from tests.workshops.conftest import make_course
from tests.workshops.factories_signup import make_enrollment, make_workshop, signup_data
from workshops.models import Enrollment

SITE = "http://127.0.0.1:8000"


def html_lang(response):
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


def h1(response):
    return re.search(r"<h1>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


def alternates(response):
    return re.findall(
        r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.content.decode()
    )


def switcher(response):
    block = response.content.decode().split('<ul class="language-switch', 1)[1].split("</ul>")[0]
    return re.findall(
        r'<a class="language-link" href="([^"]+)" lang="(\w+)" hreflang="(\w+)">'
        r"([^<]+)</a>",
        block,
    )


def test_english_keeps_todays_addresses_and_spanish_lives_under_es(client, pages):
    english = client.get("/k5")
    spanish = client.get("/es/k5")
    assert (english.status_code, spanish.status_code) == (200, 200)
    assert (html_lang(english), english["Content-Language"]) == ("en", "en")
    assert (html_lang(spanish), spanish["Content-Language"]) == ("es", "es")
    assert h1(english) == "Computer science for K-5: free one-day workshops"
    assert h1(spanish) == "Ciencias de la computación para K-5: talleres gratuitos de un día"
    assert "<title>Ciencias de la computación para K-5: talleres gratuitos de un día |" in (
        spanish.content.decode()
    )


def test_the_browser_language_never_changes_an_english_address(client, pages):
    response = client.get("/k5", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert html_lang(response) == "en"
    assert h1(response) == "Computer science for K-5: free one-day workshops"


def test_the_switcher_links_to_the_same_page_in_the_other_language(client, pages):
    assert switcher(client.get("/k5")) == [("/es/k5", "es", "es", "Español")]
    assert switcher(client.get("/es/k5")) == [("/k5", "en", "en", "English")]
    assert switcher(client.get("/")) == [("/es/", "es", "es", "Español")]
    assert switcher(client.get("/es/")) == [("/", "en", "en", "English")]


def test_the_switcher_keeps_the_search(client, db):
    response = client.get("/professional-development-workshops?q=San+Juan%2C+PR&distance=25")
    assert switcher(response) == [
        (
            "/es/professional-development-workshops?q=San+Juan%2C+PR&amp;distance=25",
            "es",
            "es",
            "Español",
        )
    ]


def test_every_page_names_both_languages_and_the_english_as_default(client, pages):
    expected = [
        ("en", f"{SITE}/educate/districts"),
        ("es", f"{SITE}/es/educate/districts"),
        ("x-default", f"{SITE}/educate/districts"),
    ]
    assert alternates(client.get("/educate/districts")) == expected
    assert alternates(client.get("/es/educate/districts")) == expected


def test_es_without_a_slash_goes_to_the_spanish_home(client, pages):
    response = client.get("/es")
    assert (response.status_code, response["Location"]) == (301, "/es/")


def test_a_page_with_no_spanish_shows_the_english_under_a_spanish_note(client, db):
    Page.objects.create(
        url="/summer", title="Summer institute", description="d", body="Come in July."
    )
    response = client.get("/es/summer")
    html = response.content.decode()
    assert response.status_code == 200
    assert html_lang(response) == "es"
    note = re.search(r'<p class="alert alert-info translation-note" role="note">(.*?)</p>', html)
    assert note.group(1) == (
        "Esta página todavía no está disponible en español. Esta es la versión en inglés."
    )
    assert '<article class="prose page-body" lang="en">' in html
    assert h1(response) == "Summer institute"
    # The English page has no note.
    assert "translation-note" not in client.get("/summer").content.decode()


def test_the_spanish_404_page(client, db):
    response = client.get("/es/no-such-page-here")
    assert response.status_code == 404
    assert html_lang(response) == "es"
    assert "<h1>No encontramos esa página</h1>" in response.content.decode()
    assert 'href="/es/professional-development-workshops">Buscar un taller de K-5</a>' in (
        response.content.decode()
    )


def test_a_spanish_visitor_never_gets_the_cached_english_page_or_the_reverse(
    client, pages, django_assert_num_queries
):
    english = client.get("/k5").content
    spanish = client.get("/es/k5").content
    with django_assert_num_queries(0):  # both answered from the page cache
        assert client.get("/k5").content == english
        assert client.get("/es/k5").content == spanish
    assert b'<html lang="en">' in english
    assert b'<html lang="es">' in spanish


def test_the_page_cache_key_holds_the_language():
    request = RequestFactory().get("/k5")
    with translation.override("en"):
        english = pagecache.page_key(request)
    with translation.override("es"):
        spanish = pagecache.page_key(request)
    assert english != spanish


def test_the_sitemap_lists_each_address_in_both_languages_with_alternates(client, pages):
    xml = client.get("/sitemap.xml").content.decode()
    entry = xml.split(f"<loc>{SITE}/es/k5</loc>", 1)[1].split("</url>", 1)[0]
    assert re.findall(
        r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>', entry
    ) == [
        ("en", f"{SITE}/k5"),
        ("es", f"{SITE}/es/k5"),
        ("x-default", f"{SITE}/k5"),
    ]


def test_the_feeds_keep_their_english_addresses(client, db):
    assert reverse("workshops:feed-json") == "/professional-development-workshops.json"
    assert client.get("/professional-development-workshops.json").status_code == 200


def test_an_alert_asked_for_in_spanish_is_stored_and_confirmed_in_spanish(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/es/professional-development-workshops/alerts",
            {"email": "maestra@example.org", "place": "60601", "distance": "25"},
        )
    assert response["Location"] == "/es/professional-development-workshops/alerts/sent"
    alert = Alert.objects.get()
    assert alert.language == "es"
    [message] = mail.outbox
    assert message.subject == "Confirme su alerta de talleres para 60601 (Chicago, IL)"
    assert message.body.splitlines()[:4] == [
        "Hola:",
        "",
        "Usted (o alguien que usa esta dirección) pidió a CS Educators Alliance que le escriba "
        "cuando se publique un taller",
        "gratuito de ciencias de la computación para K-5 a menos de 25 millas de 60601 "
        "(Chicago, IL).",
    ]
    assert f"{SITE}/es/professional-development-workshops/alerts/confirm/{alert.token}" in (
        message.body.splitlines()
    )


def test_an_alert_asked_for_in_english_stays_english(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/professional-development-workshops/alerts",
            {"email": "teacher@example.org", "place": "60601", "distance": "25"},
        )
    assert Alert.objects.get().language == "en"
    assert mail.outbox[0].subject == "Confirm your workshop alert for 60601 (Chicago, IL)"


def test_the_alert_form_speaks_spanish(client, db):
    response = client.post(
        "/es/professional-development-workshops/alerts",
        {"email": "maestra@example.org", "place": "Springfield", "distance": "25"},
    )
    html = response.content.decode()
    assert (
        "No encontramos &quot;Springfield&quot;: pruebe con un código postal, como 60601, "
        "o con una ciudad y un estado, como Chicago, IL."
    ) in html
    assert "<title>Error: Reciba alertas de talleres |" in html


def test_a_spanish_sign_up_is_stored_in_spanish_and_its_email_links_to_spanish_pages(
    client, db, django_capture_on_commit_callbacks
):
    workshop = make_workshop(title="Taller de San Juan", zip_code="00901")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/es/professional-development-workshops/{workshop.pk}/signup",
            signup_data(school_zip="00901"),
        )
    enrollment = Enrollment.objects.get()
    assert enrollment.language == "es"
    assert (
        response["Location"] == f"/es/professional-development-workshops/signup/{enrollment.token}"
    )
    teacher, facilitator = mail.outbox
    assert f"{SITE}/es/professional-development-workshops/signup/{enrollment.token}" in (
        teacher.body
    )
    # Staff notices stay English, with English links.
    assert facilitator.subject.startswith("New sign-up: Ada Byron for Taller de San Juan on ")
    assert f"{SITE}/es/" not in facilitator.body


def test_a_spanish_sign_up_gets_its_confirmation_subject_in_spanish(
    client, db, django_capture_on_commit_callbacks
):
    workshop = make_workshop(
        title="Taller de San Juan",
        zip_code="00901",
        starts_at=datetime.datetime(
            2027, 3, 23, 9, 0, tzinfo=zoneinfo.ZoneInfo("America/Puerto_Rico")
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/es/professional-development-workshops/{workshop.pk}/signup",
            signup_data(school_zip="00901"),
        )
    assert mail.outbox[0].subject == "Inscripción confirmada: Taller de San Juan, mar, 23 mar 2027"


def spanish_sign_up(workshop, status=Enrollment.Status.ENROLLED):
    enrollment = make_enrollment(workshop, email="maestra@example.org", status=status)
    Enrollment.objects.filter(pk=enrollment.pk).update(
        language="es", created_at=workshop.starts_at - datetime.timedelta(days=60)
    )
    return enrollment


@pytest.fixture
def denver_friday(db):
    # Friday, April 9, 2027, 9 AM - 3 PM in Denver.
    return make_workshop(
        title="Taller de Denver",
        starts_at=datetime.datetime(2027, 4, 9, 9, 0, tzinfo=zoneinfo.ZoneInfo("America/Denver")),
    )


def test_a_spanish_reminder_and_waitlist_note_are_in_spanish(
    denver_friday, django_capture_on_commit_callbacks
):
    spanish_sign_up(denver_friday)
    with django_capture_on_commit_callbacks(execute=True):
        send_due_reminders(now=moment(denver_friday, 1) + datetime.timedelta(hours=1))
    (reminder,) = mail.outbox
    assert reminder.subject == "Mañana: Taller de Denver - vie, 9 abr 2027"
    assert (
        "Un recordatorio: su taller gratuito de ciencias de la computación para K-5 es el "
        "viernes, 9 de abril y empieza a las 9:00 a.\u00a0m. MDT. Su lugar está reservado."
    ) in reminder.body
    assert (
        "Cuándo: viernes, 9 de abril de 2027, de 9:00 a.\u00a0m. a 3:00 p.\u00a0m. MDT"
        in reminder.body
    )


def test_a_spanish_change_notice_is_in_spanish_and_the_facilitator_s_in_english(
    denver_friday, django_capture_on_commit_callbacks
):
    spanish_sign_up(denver_friday)
    move_a_day_later(denver_friday, django_capture_on_commit_callbacks)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "maestra@example.org": "Cambio: Taller de Denver - sáb, 10 abr 2027",
        denver_friday.facilitator_email: "Changed: Taller de Denver - Sat, Apr 10, 2027",
    }
    teacher = next(m for m in mail.outbox if m.to == ["maestra@example.org"])
    assert (
        "Antes: viernes, 9 de abril de 2027, de 9:00 a.\u00a0m. a 3:00 p.\u00a0m. MDT\n"
        "Ahora: sábado, 10 de abril de 2027, de 9:00 a.\u00a0m. a 3:00 p.\u00a0m. MDT\n"
    ) in teacher.body


def test_the_header_links_stay_in_the_visitor_s_language(client, pages):
    def nav(response):
        return re.findall(
            r'<a class="nav-link( active" aria-current="page)?" href="([^"]+)">',
            response.content.decode(),
        )

    assert nav(client.get("/es/professional-development-workshops/alerts")) == [
        ("", "/es/"),
        ("", "/es/k5"),
        (' active" aria-current="page', "/es/professional-development-workshops"),
        ("", "/es/educate/districts"),
    ]
    assert nav(client.get("/es/educate/districts"))[3] == (
        ' active" aria-current="page',
        "/es/educate/districts",
    )
    assert [href for _, href in nav(client.get("/k5"))] == [
        "/",
        "/k5",
        "/professional-development-workshops",
        "/educate/districts",
    ]
    footer = client.get("/es/k5").content.decode().split('<footer class="site-footer">')[1]
    assert re.findall(r'href="([^"]+)"', footer) == [
        "/es/k5",
        "/es/professional-development-workshops",
        "/es/educate/districts",
        "/es/educate/professional-development-philosophy",
        "/es/certificates",
        "/es/privacy",
    ]


def test_an_english_sign_up_is_stored_in_english(client, db, django_capture_on_commit_callbacks):
    workshop = make_workshop()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/professional-development-workshops/{workshop.pk}/signup", signup_data())
    assert Enrollment.objects.get().language == "en"


def test_an_inquiry_sent_in_spanish_is_stored_in_spanish_and_staff_hear_in_english(
    client, pages, settings, django_capture_on_commit_callbacks
):
    settings.INQUIRY_NOTIFY_EMAILS = ["partnerships@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/educate/districts", valid_inquiry_post())
    assert response["Location"] == "/es/educate/districts/thank-you"
    assert Inquiry.objects.get().language == "es"
    confirmation, notice = mail.outbox
    assert notice.to == ["partnerships@example.org"]
    assert notice.subject.startswith(f"New district inquiry: {CONTACT['district']}")


def test_the_spanish_districts_page_shows_the_spanish_text(client, pages):
    response = client.get("/es/educate/districts")
    assert h1(response) == "Alianzas con distritos"
    assert (
        '<h2 id="lo-que-una-alianza-ofrece-a-su-distrito">Lo que una alianza ofrece a su '
        "distrito</h2>"
    ) in response.content.decode()


def test_the_district_form_answers_in_spanish_next_to_each_field(client, pages):
    response = client.post(
        "/es/educate/districts",
        valid_inquiry_post(district="", phone="555", message="x" * 2001),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not Inquiry.objects.exists()
    for field, message in [
        ("district", "Escriba el nombre de su distrito escolar."),
        (
            "phone",
            "Escriba un número de teléfono de EE. UU. con su código de área, por ejemplo "
            "(312) 555-0100, o déjelo vacío.",
        ),
        ("message", "Escriba un mensaje de 2,000 caracteres o menos (tiene 2001)."),
    ]:
        assert re.search(
            rf'id="id_{field}_error" class="invalid-feedback">\s*(<[^>]+>\s*)*{re.escape(message)}',
            html,
        ), field
    assert "Corrija estas 3 respuestas y envíe el formulario otra vez" in html
    assert '<option value="NM">Nuevo México</option>' in html
    # The rest of the answers are kept.
    assert 'value="Springfield"' in html


@pytest.fixture
def staff(client, db):
    user = User.objects.create_superuser("staff", "staff@example.org", "pw")
    client.force_login(user)
    return client


def test_staff_filter_sign_ups_alerts_and_inquiries_by_language(staff, make_inquiry_row):
    workshop = make_workshop()
    make_enrollment(workshop, last_name="English", language="en")
    make_enrollment(workshop, last_name="Espanol", language="es")
    make_alert(email="en@example.org")
    Alert.objects.filter(email="en@example.org").update(language="en")
    make_alert(email="es@example.org", where="60614")
    Alert.objects.filter(email="es@example.org").update(language="es")
    make_inquiry_row(district="English District", language="en")
    make_inquiry_row(district="Distrito Escolar", language="es")

    def listed(address, pattern):
        return re.findall(pattern, staff.get(address).content.decode())

    assert listed(
        "/admin/workshops/enrollment/?language=es", r">Teacher Espanol<|>Teacher English<"
    ) == [">Teacher Espanol<"]
    assert listed("/admin/alerts/alert/?language=es", r">(e[sn]@example\.org)<") == [
        "es@example.org"
    ]
    assert listed(
        "/admin/inquiries/inquiry/?language=es", r">(English District|Distrito Escolar)<"
    ) == ["Distrito Escolar"]
    for address in [
        "/admin/workshops/enrollment/",
        "/admin/alerts/alert/",
        "/admin/inquiries/inquiry/",
    ]:
        html = staff.get(address).content.decode()
        assert "By language" in html, address
        assert re.search(r'<th scope="col" class="[^"]*column-language', html), address


@pytest.fixture
def make_inquiry_row(db):
    def make(**fields):
        values = {
            **CONTACT,
            "start_year": "2027-28",
            "schools_middle": 2,
            "wants_middle_school": True,
            **fields,
        }
        return Inquiry.objects.create(**values)

    return make


@pytest.mark.django_db
def test_spanish_course_names_are_shown_in_spanish_only():
    course = make_course(name="Course C (grades 2-3)", name_es="Curso C (grados 2.º y 3.º)")
    with translation.override("es"):
        assert str(course) == "Curso C (grados 2.º y 3.º)"
    with translation.override("en"):
        assert str(course) == "Course C (grades 2-3)"


@pytest.mark.django_db
def test_a_course_without_a_spanish_name_keeps_its_english_one():
    course = make_course(name="Course D (grades 4-5)")
    with translation.override("es"):
        assert str(course) == "Course D (grades 4-5)"


MOMENT = datetime.datetime(2027, 3, 23, 9, 0, tzinfo=zoneinfo.ZoneInfo("America/Chicago"))


@pytest.mark.parametrize(
    "language, long, short, time, number",
    [
        (
            "en",
            "Tuesday, March 23, 2027, 9:00 AM CDT",
            "Mar 23, 2027",
            "9:00 AM",
            "1,234.5",
        ),
        (
            "es",
            "martes, 23 de marzo de 2027, 9:00 a.\u00a0m. CDT",  # no line break inside "a. m."
            "23 mar 2027",
            "9:00 a.\u00a0m.",
            "1,234.5",
        ),
    ],
)
def test_dates_times_and_numbers_in_each_language(language, long, short, time, number):
    with translation.override(language):
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == long
        assert formats.date_format(MOMENT, "SHORT_DATE_FORMAT") == short
        assert formats.time_format(MOMENT, "TIME_FORMAT") == time
        assert formats.number_format(1234.5, decimal_pos=1, force_grouping=True) == number


def test_pages_do_not_vary_on_the_browser_language(client, pages):
    for address, language in [("/k5", "en"), ("/es/k5", "es")]:
        response = client.get(address, HTTP_ACCEPT_LANGUAGE="es")
        assert "Accept-Language" not in response.get("Vary", ""), address
        assert response["Content-Language"] == language


def test_a_page_as_shown_in_spanish_is_never_saved(pages):
    page = Page.objects.get(url="/k5")
    shown = page.in_language("es")
    assert (shown.title, shown.shown_language) == (page.title_es, "es")
    with pytest.raises(ValueError, match="is not saved"):
        shown.save()
    assert Page.objects.get(url="/k5").title == "Computer science for K-5: free one-day workshops"


def test_the_server_error_page_speaks_the_language_of_its_address():
    from pdsite.views import server_error

    with translation.override("es"):
        english = server_error(RequestFactory().get("/k5")).content.decode()
    spanish = server_error(RequestFactory().get("/es/k5")).content.decode()
    assert '<html lang="en">' in english
    assert "<h1>Something went wrong on our side</h1>" in english
    assert '<html lang="es">' in spanish
    assert "<h1>Algo salió mal de nuestro lado</h1>" in spanish
    assert '<a class="btn btn-primary" href="/es/">Ir a la página principal</a>' in spanish


@pytest.mark.parametrize("public_page", page_params(SPANISH_PAGES))
def test_every_spanish_page_is_marked_spanish(public_page, client, pages):
    public_page.sign_in(client)
    response = client.get(public_page.resolve())
    assert response.status_code == public_page.status
    assert (html_lang(response), response["Content-Language"]) == ("es", "es")
    assert switcher(response)[0][1:] == ("en", "en", "English")
