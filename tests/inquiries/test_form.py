import html as htmllib
import re
from datetime import date

import pytest
from django.core import mail
from django.utils.html import escape

from inquiries.forms import InquiryForm, start_year_choices
from inquiries.models import Inquiry, SpamCount
from pdsite.templatetags.site_tags import error_summary

from .helpers import DISTRICTS_URL, THANKS_URL


def field_error(html, name):
    """The error text crispy shows next to field ``name`` (or None)."""
    match = re.search(
        rf'<div id="id_{name}_error" class="invalid-feedback">\s*(.*?)\s*</div>', html, re.S
    )
    if not match:
        return None
    return htmllib.unescape(re.sub(r"<[^>]+>", "", match.group(1)).strip())


@pytest.mark.django_db
def test_page_shows_the_staff_written_text_then_the_form(client, districts_page):
    response = client.get(DISTRICTS_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["page"] == districts_page
    assert "<title>District partnerships | CS Educators Alliance</title>" in html
    assert (
        '<meta name="description" content="Bring computer science to your district&#x27;s middle '
        'and high schools.">' in html
    )
    assert html.count("<h1>") == 1
    assert "<h1>District partnerships</h1>" in html
    assert "<strong>middle and high school</strong>" in html
    assert html.index("What a partnership gives your district") < html.index(
        'id="inquiry-form-heading">Inquire about a district partnership</h2>'
    )
    assert "Up to 2,000 characters." in html
    assert 'src="/static/js/error-summary.js"' in html
    assert "error-summary" not in html.split("<form")[0].split("inquiry-form-heading")[1]


@pytest.mark.django_db
def test_page_without_staff_text_still_offers_the_form(client):
    response = client.get(DISTRICTS_URL)
    assert response.status_code == 200
    assert "<h1>District partnerships</h1>" in response.content.decode()
    assert 'name="district"' in response.content.decode()


@pytest.mark.django_db
def test_form_offers_states_territories_and_school_years(client, districts_page):
    form = client.get(DISTRICTS_URL).context["form"]
    states = dict(form.fields["state"].choices)
    assert len(states) == 57  # 50 states, DC, 5 territories, and the empty choice
    assert states["PR"] == "Puerto Rico"
    assert states["GU"] == "Guam"
    assert states["DC"] == "District of Columbia"
    assert [value for value, _ in form.fields["programmes"].choices] == [
        "middle_school",
        "high_school",
    ]


def test_school_years_come_from_todays_date():
    assert start_year_choices(date(2026, 11, 29)) == [
        ("", "Choose a school year"),
        ("2026-27", "2026-27"),
        ("2027-28", "2027-28"),
        ("2028-29", "2028-29"),
        ("Not sure yet", "Not sure yet"),
    ]
    assert [value for value, _ in start_year_choices(date(2027, 6, 30))][1:] == [
        "2026-27",
        "2027-28",
        "2028-29",
        "Not sure yet",
    ]
    assert [value for value, _ in start_year_choices(date(2099, 7, 1))][1:] == [
        "2099-00",
        "2100-01",
        "2101-02",
        "Not sure yet",
    ]


@pytest.mark.django_db
def test_valid_inquiry_is_stored_exactly_and_redirects_to_thanks(
    client, districts_page, form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DISTRICTS_URL, form_data)
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    inquiry = Inquiry.objects.get()
    stored = {
        name: getattr(inquiry, name)
        for name in [
            "district",
            "state",
            "city",
            "first_name",
            "last_name",
            "role",
            "email",
            "phone",
            "schools_elementary",
            "schools_middle",
            "schools_high",
            "wants_middle_school",
            "wants_high_school",
            "start_year",
            "heard_about",
            "message",
            "status",
            "assigned_to",
            "notes",
        ]
    }
    assert stored == {
        "district": "Springfield Public Schools",
        "state": "IL",
        "city": "Springfield",
        "first_name": "Jane",
        "last_name": "Doe",
        "role": "Director of Curriculum",
        "email": "jane.doe@springfield.k12.il.us",
        "phone": "(312) 555-0100",
        "schools_elementary": 12,
        "schools_middle": 4,
        "schools_high": 2,
        "wants_middle_school": True,
        "wants_high_school": True,
        "start_year": form_data["start_year"],
        "heard_about": "conference",
        "message": "We would like to start with two middle schools.",
        "status": "new",
        "assigned_to": None,
        "notes": "",
    }
    assert SpamCount.objects.count() == 0
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_thank_you_page_says_what_happens_next_and_when(client):
    response = client.get(THANKS_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Thank you: we have your inquiry</h1>" in html
    assert "<strong>Within two business days:</strong>" in html
    assert "we have emailed you a copy of your answers" in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.django_db
def test_optional_fields_may_be_left_empty(client, form_data):
    form_data.update(phone="", heard_about="", message="", schools_elementary="", schools_middle="")
    form_data["programmes"] = ["high_school"]
    assert client.post(DISTRICTS_URL, form_data).status_code == 302
    inquiry = Inquiry.objects.get()
    assert (inquiry.phone, inquiry.heard_about, inquiry.message) == ("", "", "")
    assert (inquiry.schools_elementary, inquiry.schools_middle, inquiry.schools_high) == (0, 0, 2)
    assert (inquiry.wants_middle_school, inquiry.wants_high_school) == (False, True)


@pytest.mark.django_db
def test_text_is_trimmed_and_district_spaces_collapsed(client, form_data):
    form_data.update(district="  Springfield   Public  Schools ", email=" jane@example.org ")
    client.post(DISTRICTS_URL, form_data)
    inquiry = Inquiry.objects.get()
    assert (inquiry.district, inquiry.email) == ("Springfield Public Schools", "jane@example.org")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"district": ""}, "district", "Enter the name of your school district."),
        ({"district": "x" * 201}, "district", "Keep this to 200 characters or fewer (it has 201)."),
        ({"state": ""}, "state", "Choose your district's state or territory."),
        ({"state": "ZZ"}, "state", "Choose a state or territory from the list."),
        ({"city": "  "}, "city", "Enter the city where your district is."),
        ({"first_name": ""}, "first_name", "Enter your first name."),
        ({"last_name": ""}, "last_name", "Enter your last name."),
        ({"role": ""}, "role", "Enter your job title or role, for example Director of Curriculum."),
        ({"email": ""}, "email", "Enter your work email address."),
        (
            {"email": "jane.doe@springfield"},
            "email",
            "Enter a complete email address, like name@yourdistrict.org.",
        ),
        (
            {"phone": "555-0100"},
            "phone",
            "Enter a US phone number with its area code, for example (312) 555-0100, or leave "
            "it empty.",
        ),
        (
            {"phone": "call me"},
            "phone",
            "Enter a US phone number with its area code, for example (312) 555-0100, or leave "
            "it empty.",
        ),
        (
            {"schools_middle": "2.5"},
            "schools_middle",
            "Enter a whole number, like 4 (or leave it empty for none).",
        ),
        ({"schools_high": "-1"}, "schools_high", "Enter 0 or more."),
        (
            {"schools_elementary": "2001"},
            "schools_elementary",
            "Enter a number no larger than 2,000.",
        ),
        ({"programmes": []}, "programmes", "Choose at least one programme."),
        ({"programmes": ["elementary"]}, "programmes", "Choose programmes from the list."),
        ({"start_year": ""}, "start_year", "Choose the school year you would like to start."),
        ({"start_year": "1999-00"}, "start_year", "Choose a school year from the list."),
        (
            {"heard_about": "tv"},
            "heard_about",
            "Choose an answer from the list, or leave it empty.",
        ),
        (
            {"message": "x" * 2001},
            "message",
            "Keep your message to 2,000 characters or fewer (it has 2001).",
        ),
    ],
)
@pytest.mark.django_db
def test_each_invalid_field_gives_its_message_and_stores_nothing(
    client, districts_page, form_data, changes, field, message
):
    form_data.update(changes)
    response = client.post(DISTRICTS_URL, form_data)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert field_error(html, field) == message
    # The error summary at the top links to the field and names it (as on every form).
    target = "id_programmes_0" if field == "programmes" else f"id_{field}"
    label = response.context["form"][field].label
    assert (
        '<div class="alert alert-danger error-summary" id="error-summary" role="alert" '
        'tabindex="-1" data-error-summary aria-labelledby="error-summary-title">' in html
    )
    assert f'<li><a href="#{target}">{escape(label)}: {escape(message)}</a></li>' in html
    assert "<title>Error: District partnerships | CS Educators Alliance</title>" in html
    # The other answers are kept.
    kept = 'value="Jane"' if field == "role" else 'value="Director of Curriculum"'
    assert kept in html
    assert Inquiry.objects.count() == 0
    assert SpamCount.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_no_schools_in_total_is_an_error_next_to_the_schools_fields(client, form_data):
    form_data.update(schools_elementary="0", schools_middle="", schools_high="0")
    response = client.post(DISTRICTS_URL, form_data)
    html = response.content.decode()
    message = "Enter how many schools your district has: at least one school in total."
    assert response.context["form"].errors == {"__all__": [message]}
    schools = html[html.index('<fieldset class="form-section" id="schools"') :]
    schools = schools[: schools.index("</fieldset>")]
    assert 'aria-describedby="schools-error"' in schools
    error = re.search(
        r'<div class="invalid-feedback d-block" id="schools-error">(.*?)</div>', schools, re.S
    )
    assert error.group(1).strip() == f"<p><strong>{message}</strong></p>"
    assert schools.count('aria-invalid="true"') == 3
    assert f'<li><a href="#id_schools_elementary">Elementary schools: {message}</a></li>' in html
    assert Inquiry.objects.count() == 0


@pytest.mark.django_db
def test_a_message_of_exactly_2000_characters_with_line_breaks_is_accepted(client, form_data):
    # Browsers count a line break as one character (maxlength) but send it as two (CR LF).
    form_data["message"] = ("x" * 99 + "\r\n") * 20
    assert client.post(DISTRICTS_URL, form_data).status_code == 302
    assert Inquiry.objects.get().message == ("x" * 99 + "\n") * 19 + "x" * 99  # trimmed


@pytest.mark.django_db
def test_several_errors_are_all_listed_in_order_and_answers_kept(client, form_data):
    form_data.update(email="nope", programmes=[], phone="12")
    response = client.post(DISTRICTS_URL, form_data)
    form = response.context["form"]
    assert error_summary(form) == [
        ("id_email", "Work email", "Enter a complete email address, like name@yourdistrict.org."),
        (
            "id_phone",
            "Phone (optional)",
            "Enter a US phone number with its area code, for example (312) 555-0100, or leave "
            "it empty.",
        ),
        (
            "id_programmes_0",
            "Programmes you are interested in",
            "Choose at least one programme.",
        ),
    ]
    html = response.content.decode()
    assert 'value="nope"' in html
    assert 'value="Director of Curriculum"' in html
    assert '<option value="IL" selected>Illinois</option>' in html
    assert "Please fix these 3 answers and send the form again" in html


def test_form_token_is_given_once_per_form_shown():
    form = InquiryForm()
    assert form.initial["form_token"] != ""
    bound = InquiryForm({"form_token": "kept"})
    assert bound["form_token"].value() == "kept"
