"""Workshop admin actions: duplicate for a new date, export the roster as CSV."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from tests.workshops.factories_admin import make_enrollment, make_workshop
from workshops.models import Enrollment, Workshop

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:workshops_workshop_changelist")
UTC = datetime.UTC


def test_duplicate_asks_for_the_date_then_makes_draft_copies(admin_client):
    winter = make_workshop(
        "Denver day", zip_code="80202", start=datetime.datetime(2035, 1, 16, 9, 0), capacity=25
    )
    make_enrollment(winter)
    other = make_workshop(
        "Chicago day", zip_code="60601", start=datetime.datetime(2035, 1, 20, 8, 30), hours=7
    )
    selected = {"action": "duplicate", ACTION_CHECKBOX_NAME: [winter.pk, other.pk]}

    page = admin_client.post(CHANGELIST, {**selected, "index": "0"})
    assert page.status_code == 200
    assert page.templates[0].name == "admin/workshops/workshop/duplicate.html"
    assert Workshop.objects.count() == 2

    response = admin_client.post(CHANGELIST, {**selected, "apply": "1", "new_date": "2035-07-10"})

    assert response.status_code == 302
    copies = Workshop.objects.exclude(pk__in=[winter.pk, other.pk]).order_by("starts_at")
    # Same local times on the new day (summer time now: an hour less from UTC).
    assert [(c.title, c.status, c.starts_at, c.ends_at, c.capacity) for c in copies] == [
        (
            "Chicago day",
            "draft",
            datetime.datetime(2035, 7, 10, 13, 30, tzinfo=UTC),
            datetime.datetime(2035, 7, 10, 20, 30, tzinfo=UTC),
            20,
        ),
        (
            "Denver day",
            "draft",
            datetime.datetime(2035, 7, 10, 15, 0, tzinfo=UTC),
            datetime.datetime(2035, 7, 10, 21, 0, tzinfo=UTC),
            25,
        ),
    ]
    denver_copy = copies[1]
    assert (denver_copy.venue_name, denver_copy.zip_code, denver_copy.time_zone) == (
        winter.venue_name,
        "80202",
        "America/Denver",
    )
    assert denver_copy.course_id == winter.course_id
    assert denver_copy.published_at is None
    assert denver_copy.enrollments.count() == 0


def test_duplicating_one_workshop_opens_the_copy(admin_client):
    workshop = make_workshop(zip_code="80202")
    response = admin_client.post(
        CHANGELIST,
        {
            "action": "duplicate",
            ACTION_CHECKBOX_NAME: [workshop.pk],
            "apply": "1",
            "new_date": "2036-02-02",
        },
    )
    copy = Workshop.objects.exclude(pk=workshop.pk).get()
    assert response["Location"] == reverse("admin:workshops_workshop_change", args=[copy.pk])


def test_duplicate_refuses_a_past_date(admin_client):
    workshop = make_workshop(zip_code="80202")
    response = admin_client.post(
        CHANGELIST,
        {
            "action": "duplicate",
            ACTION_CHECKBOX_NAME: [workshop.pk],
            "apply": "1",
            "new_date": "2001-01-01",
        },
    )
    assert response.context["form"].errors == {"new_date": ["Choose today or a later date."]}
    assert Workshop.objects.count() == 1


def test_duplicate_refuses_a_day_whose_clocks_skip_the_workshops_time(admin_client):
    night = make_workshop(
        "Night owls", zip_code="80202", start=datetime.datetime(2035, 3, 3, 2, 30), hours=2
    )
    response = admin_client.post(
        CHANGELIST,
        {
            "action": "duplicate",
            ACTION_CHECKBOX_NAME: [night.pk],
            "apply": "1",
            "new_date": "2035-03-11",
        },
    )
    assert response.context["form"].errors == {
        "new_date": [
            f"{night}: There is no 2:30 AM on Sunday, March 11, 2035 at this venue: that night "
            "the clocks go forward from 2:00 AM straight to 3:00 AM. Choose a time before "
            "2:00 AM or from 3:00 AM."
        ]
    }
    assert Workshop.objects.count() == 1


def test_roster_csv_has_one_row_per_active_sign_up_with_formulas_neutralised(admin_client):
    denver = make_workshop(
        "Denver day", zip_code="80202", start=datetime.datetime(2035, 1, 16, 9, 0)
    )
    chicago = make_workshop(
        "Chicago day", zip_code="60601", start=datetime.datetime(2035, 1, 10, 8, 30)
    )
    not_selected = make_workshop("Other", zip_code="94103")
    make_enrollment(not_selected, first_name="Not", last_name="Exported")
    make_enrollment(
        denver,
        first_name="Maria",
        last_name="Garcia",
        email="maria@example.com",
        school_name='=HYPERLINK("http://evil.example","Click")',
        school_zip="80203",
        role=Enrollment.Role.LIBRARIAN,
        grades="K,1",
        created_at=datetime.datetime(2034, 12, 1, 17, 5, tzinfo=UTC),
    )
    make_enrollment(
        denver,
        first_name="@Sam",
        last_name="Lee",
        email="sam@example.com",
        school_name="+Adams Elementary",
        grades="-3",
        status=Enrollment.Status.WAITLISTED,
        created_at=datetime.datetime(2034, 12, 2, 18, 0, tzinfo=UTC),
    )
    make_enrollment(
        denver,
        first_name="Gone",
        last_name="Away",
        status=Enrollment.Status.CANCELLED,
    )
    make_enrollment(
        chicago,
        first_name="Ana",
        last_name="Ruiz",
        email="ana@example.com",
        school_name="Whittier Elementary",
        school_zip="60614",
        role=Enrollment.Role.TECH_ED,
        grades="4,5",
        created_at=datetime.datetime(2034, 11, 20, 15, 0, tzinfo=UTC),
    )

    response = admin_client.post(
        CHANGELIST,
        {"action": "export_roster", ACTION_CHECKBOX_NAME: [denver.pk, chicago.pk], "index": "0"},
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="roster-')
    assert response.content.decode("utf-8") == (
        "\ufeffWorkshop,Date,Name,Email,School,School ZIP,Role,Grades,Status,Signed up at\r\n"
        '"Chicago day (Chicago, IL)",2035-01-10 08:30 CST,Ana Ruiz,ana@example.com,'
        'Whittier Elementary,60614,Tech-ed specialist,"4,5",Enrolled,2034-11-20 09:00 CST\r\n'
        '"Denver day (Denver, CO)",2035-01-16 09:00 MST,Maria Garcia,maria@example.com,'
        '"\'=HYPERLINK(""http://evil.example"",""Click"")",80203,Librarian,"K,1",'
        "Enrolled,2034-12-01 10:05 MST\r\n"
        '"Denver day (Denver, CO)",2035-01-16 09:00 MST,\'@Sam Lee,sam@example.com,'
        "'+Adams Elementary,80202,Classroom teacher,'-3,Waitlisted,2034-12-02 11:00 MST\r\n"
    )


def test_staff_without_permission_cannot_export_or_duplicate(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", password="pw-123456789", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_workshop"))
    client.force_login(user)
    workshop = make_workshop(zip_code="80202")
    make_enrollment(workshop, first_name="Maria")

    listing = client.get(CHANGELIST)
    actions = [name for name, _ in listing.context["action_form"].fields["action"].choices]
    assert actions == ["", "export_roster"]
    assert "Import from CSV" not in listing.content.decode()
    response = client.post(
        CHANGELIST,
        {
            "action": "duplicate",
            ACTION_CHECKBOX_NAME: [workshop.pk],
            "apply": "1",
            "new_date": "2036-02-02",
        },
    )
    assert Workshop.objects.count() == 1
    assert response.status_code in (200, 302)


def test_delete_selected_still_works_on_the_annotated_list(admin_client):
    unused = make_workshop("Unused", zip_code="80202")
    kept = make_workshop("Kept", zip_code="80202")
    response = admin_client.post(
        CHANGELIST, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [unused.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert list(Workshop.objects.values_list("title", flat=True)) == [kept.title]
