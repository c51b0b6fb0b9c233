"""The workshop and sign-up change lists: columns from annotations, filters, search."""

import datetime
from datetime import timedelta

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.query_plans import query_plan
from tests.workshops.factories_admin import (
    fill,
    make_course,
    make_enrollment,
    make_workshop,
    result_rows,
)
from workshops.models import Enrollment, Workshop

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:workshops_workshop_changelist")
ENROLLMENTS = reverse("admin:workshops_enrollment_changelist")


def titles(response):
    return [workshop.title for workshop in response.context["cl"].result_list]


def test_list_shows_local_start_seats_and_waitlist(admin_client):
    denver = make_workshop("Denver day", zip_code="80202", capacity=3)
    fill(denver, enrolled=3, waitlisted=2, cancelled=4)
    chicago = make_workshop(
        "Chicago day", zip_code="60601", start=datetime.datetime(2035, 7, 1, 8, 30), capacity=25
    )
    fill(chicago, enrolled=1)

    response = admin_client.get(CHANGELIST)

    rows = result_rows(response.content.decode())
    assert [
        (
            r["title"],
            r["local_start"],
            r["city"],
            r["state_code"],
            r["seats"],
            r["waitlist"],
            r["status"],
        )
        for r in rows
    ] == [
        (
            "Denver day",
            "Tue Jan 15, 2030 9:00 AM MST",
            "Denver",
            "CO",
            "3/3",
            "2",
            "Published",
        ),
        (
            "Chicago day",
            "Sun Jul 1, 2035 8:30 AM CDT",
            "Chicago",
            "IL",
            "1/25",
            "0",
            "Published",
        ),
    ]
    assert f'href="{ENROLLMENTS}?workshop={denver.pk}"' in response.content.decode()


def _count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(queries)


def test_number_of_queries_does_not_grow_with_workshops(
    admin_client, django_assert_max_num_queries
):
    course = make_course()
    for n in range(3):
        fill(make_workshop(f"W{n}", course=course), enrolled=2, waitlisted=1)
    three = _count_queries(admin_client)
    for n in range(3, 30):
        fill(make_workshop(f"W{n}", course=course), enrolled=2, waitlisted=1)
    thirty = _count_queries(admin_client)

    assert thirty == three
    with django_assert_max_num_queries(10):
        response = admin_client.get(CHANGELIST)
    assert len(result_rows(response.content.decode())) == 30
    assert {row["seats"] for row in result_rows(response.content.decode())} == {"2/20"}


@pytest.fixture
def mixed(db):
    """Workshops that differ in when, where, course, status and how full they are."""
    course_a, course_b = make_course("Course A"), make_course("Course B")
    soon = make_workshop("Upcoming CO full", zip_code="80202", course=course_a, capacity=2)
    fill(soon, enrolled=2, waitlisted=1)
    open_il = make_workshop(
        "Upcoming IL open",
        zip_code="60601",
        course=course_b,
        start=datetime.datetime(2031, 3, 3, 9, 0),
        capacity=30,
    )
    fill(open_il, enrolled=5, cancelled=3)
    past = make_workshop(
        "Past CO",
        zip_code="80202",
        course=course_b,
        start=datetime.datetime(2020, 5, 5, 9, 0),
        capacity=2,
    )
    fill(past, enrolled=1)
    draft = make_workshop(
        "Draft TX",
        zip_code="78701",
        course=course_a,
        start=datetime.datetime(2032, 2, 2, 9, 0),
        status=Workshop.Status.DRAFT,
    )
    cancelled = make_workshop(
        "Cancelled TX",
        zip_code="78701",
        course=course_a,
        start=datetime.datetime(2033, 2, 2, 9, 0),
        status=Workshop.Status.CANCELLED,
        capacity=1,
    )
    fill(cancelled, cancelled=1)
    return {"course_a": course_a, "course_b": course_b, "draft": draft}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The list opens on upcoming workshops; "All" shows the past ones too.
        ("", ["Upcoming CO full", "Upcoming IL open", "Draft TX", "Cancelled TX"]),
        (
            "when=all",
            ["Past CO", "Upcoming CO full", "Upcoming IL open", "Draft TX", "Cancelled TX"],
        ),
        ("when=upcoming", ["Upcoming CO full", "Upcoming IL open", "Draft TX", "Cancelled TX"]),
        ("when=past", ["Past CO"]),
        ("state=CO", ["Upcoming CO full"]),
        ("when=all&state=CO", ["Past CO", "Upcoming CO full"]),
        ("state=TX", ["Draft TX", "Cancelled TX"]),
        ("status__exact=draft", ["Draft TX"]),
        ("status__exact=cancelled", ["Cancelled TX"]),
        ("seats=full", ["Upcoming CO full"]),
        ("seats=open", ["Upcoming IL open", "Draft TX", "Cancelled TX"]),
        ("when=upcoming&seats=open&state=IL", ["Upcoming IL open"]),
        ("q=78701", ["Draft TX", "Cancelled TX"]),
        ("q=chicago", ["Upcoming IL open"]),
        (
            "q=ana.ruiz",
            ["Past CO", "Upcoming CO full", "Upcoming IL open", "Draft TX", "Cancelled TX"],
        ),
        ("starts_at__year=2031", ["Upcoming IL open"]),
    ],
)
def test_filters_and_search_give_exact_rows(admin_client, mixed, query, expected):
    response = admin_client.get(f"{CHANGELIST}?{query}")
    assert titles(response) == expected


def test_course_filter(admin_client, mixed):
    response = admin_client.get(f"{CHANGELIST}?course__id__exact={mixed['course_b'].pk}")
    assert titles(response) == ["Upcoming IL open"]
    response = admin_client.get(f"{CHANGELIST}?when=all&course__id__exact={mixed['course_b'].pk}")
    assert titles(response) == ["Past CO", "Upcoming IL open"]


def test_state_filter_lists_only_states_with_workshops(admin_client, mixed):
    response = admin_client.get(CHANGELIST)
    state_filter = next(f for f in response.context["cl"].filter_specs if f.title == "state")
    assert state_filter.lookup_choices == [
        ("CO", "Colorado"),
        ("IL", "Illinois"),
        ("TX", "Texas"),
    ]


# Sign-ups


@pytest.fixture
def sign_ups(db):
    denver = make_workshop("Denver day", zip_code="80202")
    chicago = make_workshop("Chicago day", zip_code="60601")
    make_enrollment(denver, first_name="Maria", last_name="Garcia", email="maria@example.com")
    make_enrollment(
        denver,
        first_name="Sam",
        last_name="Lee",
        email="sam@example.com",
        status=Enrollment.Status.WAITLISTED,
    )
    make_enrollment(
        chicago,
        first_name="Ana",
        last_name="Ruiz",
        email="ana@example.com",
        school_name="Whittier Elementary",
        status=Enrollment.Status.CANCELLED,
    )
    return {"denver": denver, "chicago": chicago}


def emails(response):
    return [enrollment.email for enrollment in response.context["cl"].result_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["maria@example.com", "sam@example.com", "ana@example.com"]),
        ("status__exact=waitlisted", ["sam@example.com"]),
        ("state=IL", ["ana@example.com"]),
        ("state=CO", ["maria@example.com", "sam@example.com"]),
        ("q=garcia", ["maria@example.com"]),
        ("q=whittier", ["ana@example.com"]),
        ("q=sam@example", ["sam@example.com"]),
    ],
)
def test_enrollment_filters_and_search(admin_client, sign_ups, query, expected):
    response = admin_client.get(f"{ENROLLMENTS}?{query}")
    assert sorted(emails(response)) == sorted(expected)


def test_enrollment_workshop_filter_from_the_seats_link(admin_client, sign_ups):
    response = admin_client.get(f"{ENROLLMENTS}?workshop={sign_ups['chicago'].pk}")
    assert emails(response) == ["ana@example.com"]
    assert admin_client.get(f"{ENROLLMENTS}?workshop=nonsense").context["cl"].result_count == 0


def test_enrollment_list_columns_and_bounded_queries(
    admin_client, sign_ups, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = admin_client.get(ENROLLMENTS + "?o=1")
    rows = result_rows(response.content.decode())
    assert [(r["full_name"], r["email"], r["status"]) for r in rows] == [
        ("Maria Garcia", "maria@example.com", "Enrolled"),
        ("Sam Lee", "sam@example.com", "Waitlisted"),
        ("Ana Ruiz", "ana@example.com", "Cancelled"),
    ]
    assert rows[0]["workshop_when_where"] == "Denver day Denver, CO - Jan 15, 2030"


def test_enrollment_page_never_shows_the_token(admin_client, sign_ups):
    enrollment = Enrollment.objects.get(email="maria@example.com")
    response = admin_client.get(reverse("admin:workshops_enrollment_change", args=[enrollment.pk]))
    assert response.status_code == 200
    assert enrollment.token not in response.content.decode()
    listing = admin_client.get(ENROLLMENTS).content.decode()
    assert enrollment.token not in listing
    workshop_page = admin_client.get(
        reverse("admin:workshops_workshop_change", args=[sign_ups["denver"].pk])
    ).content.decode()
    assert enrollment.token not in workshop_page
    assert "maria@example.com" in workshop_page
    # No "View on site" either: it would redirect to the teacher's own page (their token).
    from django.contrib.contenttypes.models import ContentType

    shortcut = reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(Enrollment).pk, enrollment.pk]
    )
    assert shortcut not in response.content.decode()
    assert shortcut not in workshop_page


def test_staff_edit_a_teachers_details_but_not_the_seat(admin_client, sign_ups):
    enrollment = Enrollment.objects.get(email="sam@example.com")
    response = admin_client.post(
        reverse("admin:workshops_enrollment_change", args=[enrollment.pk]),
        {
            "status": "enrolled",
            "first_name": "Samuel",
            "last_name": "Lee",
            "email": "sam.lee@example.com",
            "school_name": "Adams Elementary",
            "school_zip": "80202",
            "role": "librarian",
            "grades": "2,3",
        },
    )
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert (enrollment.first_name, enrollment.email, enrollment.status) == (
        "Samuel",
        "sam.lee@example.com",
        "waitlisted",
    )
    assert admin_client.get(reverse("admin:workshops_enrollment_add")).status_code == 403


def test_staff_add_a_course(admin_client):
    response = admin_client.post(
        reverse("admin:workshops_course_add"),
        {"name": "Course G (Grade 6)", "slug": "course-g", "grades": "6", "position": "7"},
    )
    assert response.status_code == 302
    from workshops.models import Course

    assert list(Course.objects.values_list("name", "slug", "grades")) == [
        ("Course G (Grade 6)", "course-g", "6")
    ]


def test_the_list_reads_its_first_page_from_the_start_index(admin_client, across_the_country):
    with CaptureQueriesContext(connection) as ctx:
        admin_client.get(reverse("admin:workshops_workshop_changelist"))
    [sql] = [
        q["sql"] for q in ctx.captured_queries if 'FROM "workshops_workshop" INNER' in q["sql"]
    ]
    assert 'ORDER BY "workshops_workshop"."starts_at" ASC, "workshops_workshop"."id" ASC' in sql
    plan = query_plan(sql)
    # The index gives the (upcoming) rows in order: no sort of the whole table for 100 rows.
    if connection.vendor == "postgresql":
        assert "Index Scan using workshop_start_idx on workshops_workshop" in plan, plan
        assert "Sort" not in plan, plan
    else:
        scan = "SEARCH workshops_workshop USING INDEX workshop_start_idx (starts_at>?)"
        assert scan in plan, plan
        assert "TEMP B-TREE" not in plan, plan


def test_sign_ups_are_listed_newest_first_and_filtered_by_when_they_signed_up(
    admin_client, sign_ups
):
    now = timezone.now()
    for email, days_ago in [
        ("maria@example.com", 40),
        ("sam@example.com", 3),
        ("ana@example.com", 0),
    ]:
        Enrollment.objects.filter(email=email).update(created_at=now - timedelta(days=days_ago))
    response = admin_client.get(ENROLLMENTS)
    assert emails(response) == ["ana@example.com", "sam@example.com", "maria@example.com"]
    [spec] = [f for f in response.context["cl"].filter_specs if f.title == "signed up"]
    links = {c["display"]: c["query_string"] for c in spec.choices(response.context["cl"])}
    assert list(links) == ["Any date", "Today", "Past 7 days", "This month", "This year"]
    assert emails(admin_client.get(ENROLLMENTS + links["Today"])) == ["ana@example.com"]
    assert emails(admin_client.get(ENROLLMENTS + links["Past 7 days"])) == [
        "ana@example.com",
        "sam@example.com",
    ]


def test_the_sign_up_list_reads_no_date_hierarchy_and_its_page_from_the_index(
    admin_client, sign_ups
):
    template = Enrollment.objects.get(email="maria@example.com")
    Enrollment.objects.bulk_create(
        Enrollment(
            **{
                **model_to_dict(template, exclude=["id", "workshop", "token"]),
                "workshop": template.workshop,
                "email": f"teacher{n}@example.com",
            }
        )
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    with CaptureQueriesContext(connection) as ctx:
        admin_client.get(ENROLLMENTS)
    sqls = [q["sql"] for q in ctx.captured_queries]
    # No query over every sign-up's date (a date hierarchy's), no join over every sign-up to
    # list the states (they come from the workshops).
    assert not [sql for sql in sqls if "DISTINCT" in sql and "workshops_enrollment" in sql]
    [sql] = [sql for sql in sqls if sql.startswith('SELECT "workshops_enrollment"."id"')]
    assert sql.endswith(
        'ORDER BY "workshops_enrollment"."created_at" DESC, "workshops_enrollment"."id" DESC '
        "LIMIT 100"
    )
    plan = query_plan(sql)
    if connection.vendor == "postgresql":
        assert "Index Scan Backward using enrollment_created_idx" in plan, plan
    else:
        assert "SCAN workshops_enrollment USING INDEX enrollment_created_idx" in plan, plan
        assert "TEMP B-TREE" not in plan, plan


def test_the_list_keeps_todays_workshop_while_it_runs(admin_client):
    """A workshop that has started but not ended is on the default (upcoming) list, where staff
    and facilitators look for it on the day, and not among the past ones."""
    now = timezone.now()
    make_workshop("Running now", zip_code="10001", start=now - timedelta(hours=1), hours=6)
    make_workshop("Ended", zip_code="10001", start=now - timedelta(hours=8), hours=6)
    make_workshop("Tomorrow", zip_code="10001", start=now + timedelta(days=1), hours=6)

    assert titles(admin_client.get(CHANGELIST)) == ["Running now", "Tomorrow"]
    assert titles(admin_client.get(CHANGELIST, {"when": "past"})) == ["Ended"]
