"""The workshop change form: local times at the venue, ZIP-derived place, publishing."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.workshops.factories_admin import fill, make_course, make_workshop
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

ADD = reverse("admin:workshops_workshop_add")
UTC = datetime.UTC


def form_data(course, **changes):
    data = {
        "title": "CS Fundamentals: Course C",
        "course": course.pk,
        "status": "published",
        "venue_name": "Denver Public Library, Central Branch",
        "street_address": "10 W 14th Ave Pkwy",
        "city": "Denver",
        "state": "CO",
        "zip_code": "80202",
        "starts_at": "2035-01-16T09:00",
        "ends_at": "2035-01-16T15:30",
        "capacity": "30",
        "facilitator_names": "Ana Ruiz",
        "facilitator_email": "ana.ruiz@example.org",
        "notes": "Park in the east lot.",
        "enrollments-TOTAL_FORMS": "0",
        "enrollments-INITIAL_FORMS": "0",
        "enrollments-MIN_NUM_FORMS": "0",
        "enrollments-MAX_NUM_FORMS": "0",
    }
    data.update(changes)
    return data


def errors(response):
    return response.context["adminform"].form.errors


def test_local_time_in_denver_is_stored_in_utc(admin_client):
    course = make_course()
    response = admin_client.post(ADD, form_data(course))

    assert response.status_code == 302
    workshop = Workshop.objects.get()
    # 09:00 Mountain Standard Time (UTC-7) is 16:00 UTC.
    assert workshop.starts_at == datetime.datetime(2035, 1, 16, 16, 0, tzinfo=UTC)
    assert workshop.ends_at == datetime.datetime(2035, 1, 16, 22, 30, tzinfo=UTC)
    assert (workshop.latitude, workshop.longitude, workshop.time_zone) == (
        39.7491,
        -104.9946,
        "America/Denver",
    )
    assert workshop.published_at is not None


def test_summer_time_is_an_hour_less_from_utc(admin_client):
    admin_client.post(
        ADD,
        form_data(make_course(), starts_at="2035-07-16T09:00", ends_at="2035-07-16T15:00"),
    )
    workshop = Workshop.objects.get()
    assert workshop.starts_at == datetime.datetime(2035, 7, 16, 15, 0, tzinfo=UTC)


def test_change_form_shows_local_times_and_where_they_come_from(admin_client):
    workshop = make_workshop(zip_code="94103", start=datetime.datetime(2035, 3, 3, 8, 30), hours=7)
    response = admin_client.get(reverse("admin:workshops_workshop_change", args=[workshop.pk]))
    html = response.content.decode()

    assert 'name="starts_at" value="2035-03-03T08:30"' in html
    assert 'name="ends_at" value="2035-03-03T15:30"' in html
    assert "Sat Mar 3, 2035 8:30 AM PST to 3:30 PM PST" in html
    assert "(2035-03-03 16:30 to 23:30 UTC)" in html
    assert "America/Los_Angeles" in html
    # Coordinates and zone are shown, not editable.
    assert 'name="latitude"' not in html
    assert 'name="time_zone"' not in html


def test_saving_unchanged_times_keeps_them(admin_client):
    workshop = make_workshop(zip_code="96813", start=datetime.datetime(2035, 3, 3, 9, 0))
    data = form_data(
        workshop.course,
        zip_code="96813",
        city="Honolulu",
        state="HI",
        starts_at="2035-03-03T09:00",
        ends_at="2035-03-03T15:00",
    )
    response = admin_client.post(
        reverse("admin:workshops_workshop_change", args=[workshop.pk]), data
    )
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.starts_at == datetime.datetime(2035, 3, 3, 19, 0, tzinfo=UTC)


def test_unknown_zip_is_an_error_on_the_zip_field(admin_client):
    response = admin_client.post(ADD, form_data(make_course(), zip_code="00000"))

    assert response.status_code == 200
    assert errors(response) == {"zip_code": ["No US ZIP code 00000 - check the five digits."]}
    assert Workshop.objects.count() == 0


def test_malformed_zip(admin_client):
    response = admin_client.post(ADD, form_data(make_course(), zip_code="8020"))
    assert errors(response) == {"zip_code": ["Enter the five digits of the ZIP code, e.g. 80202."]}


def test_state_must_be_the_zip_codes_state(admin_client):
    response = admin_client.post(ADD, form_data(make_course(), state="NY"))

    assert errors(response) == {
        "state": ["ZIP code 80202 is in Colorado (CO), not NY - correct the state or the ZIP code."]
    }
    assert Workshop.objects.count() == 0


def test_end_before_start(admin_client):
    response = admin_client.post(
        ADD, form_data(make_course(), starts_at="2035-01-16T15:00", ends_at="2035-01-16T09:00")
    )
    assert errors(response) == {"ends_at": ["The end must be after the start."]}


def test_a_draft_is_not_published(admin_client):
    admin_client.post(ADD, form_data(make_course(), status="draft"))
    assert Workshop.objects.get().published_at is None


def test_publishing_a_draft_sets_published_at_once(admin_client):
    workshop = make_workshop(zip_code="80202", status=Workshop.Status.DRAFT)
    url = reverse("admin:workshops_workshop_change", args=[workshop.pk])
    data = form_data(workshop.course, starts_at="2030-01-15T09:00", ends_at="2030-01-15T15:00")

    admin_client.post(url, data)
    workshop.refresh_from_db()
    first = workshop.published_at
    assert workshop.status == "published"
    assert first is not None

    admin_client.post(url, {**data, "capacity": "31"})
    workshop.refresh_from_db()
    assert (workshop.capacity, workshop.published_at) == (31, first)


def test_changes_that_would_strand_signed_up_teachers(admin_client):
    workshop = make_workshop(zip_code="80202", capacity=20)
    fill(workshop, enrolled=3)
    url = reverse("admin:workshops_workshop_change", args=[workshop.pk])
    data = form_data(workshop.course, starts_at="2030-01-15T09:00", ends_at="2030-01-15T15:00")

    assert errors(admin_client.post(url, {**data, "capacity": "2"})) == {
        "capacity": ["3 seats are taken - the capacity can't be lower than 3."]
    }
    assert errors(admin_client.post(url, {**data, "status": "draft"})) == {
        "status": ["Teachers have signed up - a workshop with sign-ups can't go back to draft."]
    }
    assert list(errors(admin_client.post(url, {**data, "status": "cancelled"}))) == ["status"]
    workshop.refresh_from_db()
    assert (workshop.capacity, workshop.status) == (20, "published")


def test_a_time_the_clocks_skip_is_an_error_that_says_so(admin_client):
    """02:30 on the night Denver's clocks spring forward does not happen (it would have been
    stored as 3:30 AM)."""
    response = admin_client.post(
        ADD,
        form_data(make_course(), starts_at="2035-03-11T02:30", ends_at="2035-03-11T09:00"),
    )
    assert response.status_code == 200
    assert errors(response) == {
        "starts_at": [
            "There is no 2:30 AM on Sunday, March 11, 2035 at this venue: that night the clocks "
            "go forward from 2:00 AM straight to 3:00 AM. Choose a time before 2:00 AM or from "
            "3:00 AM."
        ]
    }
    assert Workshop.objects.count() == 0


def test_a_time_that_happens_twice_is_an_error_that_says_so(admin_client):
    response = admin_client.post(
        ADD,
        form_data(make_course(), starts_at="2035-11-04T01:30", ends_at="2035-11-04T09:00"),
    )
    assert errors(response) == {
        "starts_at": [
            "1:30 AM on Sunday, November 4, 2035 happens twice at this venue: that night the "
            "clocks go back from 2:00 AM to 1:00 AM, so 1:00 AM to 1:59 AM comes round twice. "
            "Choose a time outside that hour."
        ]
    }
    assert Workshop.objects.count() == 0


def save_anyway_box(response):
    html = response.content.decode()
    return re.search(r'<input type="(\w+)" name="save_anyway"[^>]*>', html).group(1)


def test_a_new_workshop_in_the_past_needs_save_anyway(admin_client):
    course = make_course()
    data = form_data(course, starts_at="2020-01-16T09:00", ends_at="2020-01-16T15:00")

    response = admin_client.post(ADD, data)

    assert errors(response) == {
        "starts_at": [
            "This start, Thu Jan 16, 2020, 9:00 AM MST, is in the past. If that is right (say, "
            'to record a workshop that took place), tick "Save anyway" below.'
        ]
    }
    assert save_anyway_box(response) == "checkbox"
    assert Workshop.objects.count() == 0

    response = admin_client.post(ADD, {**data, "save_anyway": "on"})
    assert response.status_code == 302
    assert Workshop.objects.get().starts_at == datetime.datetime(2020, 1, 16, 16, 0, tzinfo=UTC)


def test_a_workshop_over_several_days_needs_save_anyway(admin_client):
    data = form_data(make_course(), starts_at="2035-01-16T09:00", ends_at="2035-01-19T15:00")

    response = admin_client.post(ADD, data)

    assert errors(response) == {
        "ends_at": [
            "This workshop ends on Fri Jan 19, 2035, 3 days after it starts; workshops last one "
            'day. If it really runs longer, tick "Save anyway" below.'
        ]
    }
    assert save_anyway_box(response) == "checkbox"
    assert Workshop.objects.count() == 0
    assert admin_client.post(ADD, {**data, "save_anyway": "on"}).status_code == 302
    assert Workshop.objects.count() == 1


def test_no_warning_no_save_anyway_box_and_a_past_workshop_can_be_edited(admin_client):
    assert save_anyway_box(admin_client.get(ADD)) == "hidden"
    past = make_workshop("Last year", start=datetime.datetime(2020, 5, 5, 9, 0))
    change = reverse("admin:workshops_workshop_change", args=[past.pk])
    data = form_data(
        past.course,
        title="Last year, renamed",
        starts_at="2020-05-05T09:00",
        ends_at="2020-05-05T15:00",
    )
    response = admin_client.post(change, data)
    assert response.status_code == 302, errors(response)
    assert Workshop.objects.get().title == "Last year, renamed"
