import csv
import importlib
import io
import re
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.utils import timezone

from inquiries.models import Inquiry, StatusChange
from workshops.models import Workshop

from .helpers import staff_user

LIST_URL = "/admin/inquiries/inquiry/"


def change_url(inquiry):
    return f"/admin/inquiries/inquiry/{inquiry.pk}/change/"


def workflow_post(inquiry, **changes):
    """What the admin's change form sends: the workflow fields and the read-only inline."""
    data = {
        "status": inquiry.status,
        "assigned_to": inquiry.assigned_to_id or "",
        "notes": inquiry.notes,
        "status_changes-TOTAL_FORMS": str(inquiry.status_changes.count()),
        "status_changes-INITIAL_FORMS": str(inquiry.status_changes.count()),
        "status_changes-MIN_NUM_FORMS": "0",
        "status_changes-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    data.update(changes)
    return data


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("boss", "boss@example.org", "pw")


@pytest.fixture
def three_inquiries(make_inquiry):
    now = timezone.now()
    return [
        make_inquiry(
            district="Oldest District",
            state="CA",
            email="a@old.example.org",
            received_at=now - timedelta(days=10),
        ),
        make_inquiry(
            district="Middle District",
            state="IL",
            wants_middle_school=False,
            wants_high_school=True,
            email="b@middle.example.org",
            first_name="Maria",
            last_name="Lopez",
            received_at=now - timedelta(days=3),
            status="contacted",
        ),
        make_inquiry(district="Newest District", state="IL", received_at=now),
    ]


def result_districts(response):
    return [inquiry.district for inquiry in response.context["cl"].result_list]


@pytest.mark.django_db
def test_list_shows_the_columns_newest_first_in_few_queries(
    client, superuser, three_inquiries, make_inquiry, django_assert_max_num_queries
):
    client.force_login(superuser)
    with django_assert_max_num_queries(8):
        response = client.get(LIST_URL)
    assert result_districts(response) == ["Newest District", "Middle District", "Oldest District"]
    html = response.content.decode()
    for header in [
        "Received",
        "District name",
        "State",
        "Contact",
        "Programmes",
        "Schools",
        "Status",
        "Assigned to",
    ]:
        assert f">{header}</a>" in html or f"<span>{header}</span>" in html
    assert (
        '<td class="field-contact"><span title="b@middle.example.org">Maria Lopez</span></td>'
        in html
    )
    assert '<td class="field-programme_short_list">HS CS</td>' in html
    assert '<td class="field-programme_short_list">MS math/science</td>' in html
    assert '<td class="field-schools">18</td>' in html
    # More rows, same number of queries.
    for number in range(20):
        make_inquiry(district=f"District {number}", email=f"{number}@example.org")
    with django_assert_max_num_queries(8):
        client.get(LIST_URL)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=contacted", ["Middle District"]),
        ("state__exact=IL", ["Newest District", "Middle District"]),
        ("programme=high_school", ["Middle District"]),
        ("programme=middle_school", ["Newest District", "Oldest District"]),
        ("q=oldest", ["Oldest District"]),
        ("q=lopez", ["Middle District"]),
        ("q=a@old.example.org", ["Oldest District"]),
    ],
)
@pytest.mark.django_db
def test_filters_and_search(client, superuser, three_inquiries, query, expected):
    client.force_login(superuser)
    response = client.get(f"{LIST_URL}?{query}")
    assert response.status_code == 200
    assert result_districts(response) == expected


@pytest.mark.django_db
def test_list_offers_the_five_filters(client, superuser, three_inquiries):
    client.force_login(superuser)
    response = client.get(LIST_URL)
    specs = response.context["cl"].filter_specs
    assert [spec.title for spec in specs] == [
        "status",
        "state",
        "programme",
        "language",
        "received at",
    ]
    choices = {choice["display"]: choice for choice in specs[4].choices(response.context["cl"])}
    past_week = client.get(LIST_URL + choices["Past 7 days"]["query_string"])
    assert result_districts(past_week) == ["Newest District", "Middle District"]


@pytest.mark.django_db
def test_csv_export_of_selected_inquiries_neutralises_formulas(
    client, superuser, make_inquiry, settings
):
    settings.SITE_URL = "https://pd.example.org"
    risky = make_inquiry(
        district='=HYPERLINK("http://evil.example","Click")',
        first_name="+Jane",
        last_name="-Doe",
        role="@SUM(A1:A2)",
        message="\tcmd|' /C calc'!A0",
        notes="=1+1",
        wants_high_school=True,
        heard_about="",
    )
    make_inquiry(district="Not selected")
    client.force_login(superuser)
    response = client.post(
        LIST_URL, {"action": "export_csv", "_selected_action": [risky.pk], "index": "0"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="inquiries-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == [
        "Received",
        "District",
        "State",
        "City",
        "First name",
        "Last name",
        "Job title or role",
        "Email",
        "Phone",
        "Elementary schools",
        "Middle schools",
        "High schools",
        "Programmes",
        "Would like to start",
        "Heard of us through",
        "Message",
        "Status",
        "Assigned to",
        "Internal notes",
        "Admin link",
    ]
    assert rows[1] == [
        timezone.localtime(risky.received_at).strftime("%Y-%m-%d %H:%M"),
        '\'=HYPERLINK("http://evil.example","Click")',
        "IL",
        "Springfield",
        "'+Jane",
        "'-Doe",
        "'@SUM(A1:A2)",
        "jane.doe@springfield.k12.il.us",
        "(312) 555-0100",
        "12",
        "4",
        "2",
        "Middle school math and science; High school computer science",
        "2027-28",
        "",
        "'\tcmd|' /C calc'!A0",
        "New",
        "",
        "'=1+1",
        f"https://pd.example.org/admin/inquiries/inquiry/{risky.pk}/change/",
    ]
    assert len(rows) == 2


@pytest.mark.django_db
def test_staff_change_status_assignee_and_notes_and_the_history_records_it(
    client, superuser, make_inquiry
):
    inquiry = make_inquiry()
    colleague = staff_user("sam")
    client.force_login(superuser)
    response = client.post(
        change_url(inquiry),
        workflow_post(
            inquiry,
            status="contacted",
            assigned_to=colleague.pk,
            notes="Called on Monday.",
            district="Hacked District",  # a submitted answer: read-only, ignored
            email="hacker@example.org",
        ),
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.assigned_to, inquiry.notes) == (
        "contacted",
        colleague,
        "Called on Monday.",
    )
    assert (inquiry.district, inquiry.email) == (
        "Springfield Public Schools",
        "jane.doe@springfield.k12.il.us",
    )
    change = StatusChange.objects.get()
    assert (change.inquiry, change.from_status, change.to_status, change.changed_by) == (
        inquiry,
        "new",
        "contacted",
        superuser,
    )

    # Saving without changing the status adds no history.
    client.post(change_url(inquiry), workflow_post(inquiry, notes="Sent the overview."))
    assert StatusChange.objects.count() == 1
    client.post(change_url(inquiry), workflow_post(inquiry, status="in_discussion"))
    assert [(c.from_status, c.to_status) for c in inquiry.status_changes.all()] == [
        ("new", "contacted"),
        ("contacted", "in_discussion"),
    ]

    page = client.get(change_url(inquiry)).content.decode()
    assert "Status history" in page
    assert [
        " ".join(row.split())
        for row in re.findall(r'<td class="field-to_status">(.*?)</td>', page, re.S)
    ] == ["<p>Contacted</p>", "<p>In discussion</p>"]
    assert "View on site" not in page


@pytest.mark.django_db
def test_only_staff_can_be_assigned(client, superuser, make_inquiry):
    inquiry = make_inquiry()
    outsider = User.objects.create_user("visitor", "v@example.org", "pw")
    client.force_login(superuser)
    response = client.post(change_url(inquiry), workflow_post(inquiry, assigned_to=outsider.pk))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "assigned_to": ["Select a valid choice. That choice is not one of the available choices."]
    }


@pytest.mark.django_db
def test_change_page_shows_the_answers_read_only_and_the_email_status(
    client, superuser, form_data, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.inquiries.mail.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/educate/districts", form_data)
    inquiry = Inquiry.objects.get()
    client.force_login(superuser)
    response = client.get(change_url(inquiry))
    form = response.context["adminform"].form
    assert sorted(form.fields) == ["assigned_to", "notes", "status"]
    html = response.content.decode()
    assert '<div class="readonly">Springfield Public Schools</div>' in html
    assert "12 elementary, 4 middle, 2 high (18 in total)" in html
    assert (
        "<tr><td>inquiry-confirmation</td><td>jane.doe@springfield.k12.il.us</td>"
        "<td><strong>failed</strong></td><td>1</td><td></td>"
        "<td>SMTPServerDisconnected: Connection unexpectedly closed</td></tr>"
    ) in html
    assert "Add inquiry" not in html
    assert client.get("/admin/inquiries/inquiry/add/").status_code == 403


@pytest.mark.django_db
def test_staff_see_the_spam_counts(client, superuser, form_data):
    client.post("/educate/districts", {**form_data, "leave_empty": "spam"})
    client.force_login(superuser)
    response = client.get("/admin/inquiries/spamcount/")
    assert response.status_code == 200
    assert [(row.reason, row.count) for row in response.context["cl"].result_list] == [
        ("honeypot", 1)
    ]
    assert "Filled in the hidden field" in response.content.decode()


@pytest.fixture
def workshop_admin(settings):
    """The workshop change list. If the workshops app has no admin (yet), a plain one is
    registered for the test, with the admin's URLs rebuilt."""
    registered_here = not admin.site.is_registered(Workshop)
    if registered_here:
        admin.site.register(Workshop)
        from . import admin_urls

        importlib.reload(admin_urls)
        settings.ROOT_URLCONF = "tests.inquiries.admin_urls"
    yield "/admin/workshops/workshop/"
    if registered_here:
        admin.site.unregister(Workshop)


@pytest.mark.django_db
def test_partnership_staff_work_inquiries_but_cannot_change_workshops(
    client, make_inquiry, workshop_admin
):
    user = staff_user("pat", "Partnership staff")
    inquiry = make_inquiry()
    client.force_login(user)

    assert client.get(LIST_URL).status_code == 200
    assert client.get(change_url(inquiry)).status_code == 200
    response = client.post(change_url(inquiry), workflow_post(inquiry, status="contacted"))
    assert response.status_code == 302
    assert StatusChange.objects.get().changed_by == user
    assert client.get("/admin/inquiries/spamcount/").status_code == 200

    assert client.get(workshop_admin).status_code == 403
    assert client.get("/admin/inquiries/inquiry/add/").status_code == 403
    assert client.get(f"/admin/inquiries/inquiry/{inquiry.pk}/delete/").status_code == 403
    assert not user.has_perm("workshops.change_workshop")
    assert not user.has_perm("workshops.view_workshop")


@pytest.mark.django_db
def test_workshop_managers_manage_workshops_but_not_inquiries(client, workshop_admin):
    user = staff_user("wendy", "Workshop managers")
    client.force_login(user)
    assert client.get(workshop_admin).status_code == 200
    assert client.get(LIST_URL).status_code == 403
    assert {
        perm
        for perm in [
            "workshops.add_workshop",
            "workshops.change_workshop",
            "workshops.delete_workshop",
            "workshops.view_workshop",
            "workshops.add_course",
            "workshops.change_enrollment",
            "pages.view_page",
        ]
        if user.has_perm(perm)
    } == {
        "workshops.add_workshop",
        "workshops.change_workshop",
        "workshops.delete_workshop",
        "workshops.view_workshop",
        "workshops.add_course",
        "workshops.change_enrollment",
        "pages.view_page",
    }
    assert not user.has_perm("pages.change_page")
    assert not user.has_perm("inquiries.view_inquiry")
