"""Issue 14 (staff side): the sign-ups inline's order, the list opening on upcoming workshops."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.workshops.factories_admin import make_enrollment, make_workshop, result_rows
from workshops.models import Enrollment

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:workshops_workshop_changelist")


def test_sign_ups_inline_lists_enrolled_then_waitlisted_then_cancelled(admin_client):
    workshop = make_workshop(capacity=1)
    start = timezone.now() - datetime.timedelta(days=3)
    for n, (name, status) in enumerate(
        [
            ("Wendy", Enrollment.Status.WAITLISTED),
            ("Carl", Enrollment.Status.CANCELLED),
            ("Erin", Enrollment.Status.ENROLLED),
            ("Walt", Enrollment.Status.WAITLISTED),
        ]
    ):
        make_enrollment(
            workshop, status=status, first_name=name, created_at=start + datetime.timedelta(hours=n)
        )

    page = admin_client.get(reverse("admin:workshops_workshop_change", args=[workshop.pk]))

    names = re.findall(r'field-full_name">\s*<p>(\w+) ', page.content.decode())
    assert names == ["Erin", "Wendy", "Walt", "Carl"]


def test_workshop_list_opens_on_upcoming_workshops_soonest_first(admin_client):
    today = timezone.localdate()
    for title, days in [("Later", 30), ("Last year", -365), ("Soon", 2), ("Last week", -7)]:
        day = today + datetime.timedelta(days=days)
        make_workshop(title, start=datetime.datetime(day.year, day.month, day.day, 9))

    def titles(**query):
        response = admin_client.get(CHANGELIST, query)
        return [row["title"] for row in result_rows(response.content.decode())]

    assert titles() == ["Soon", "Later"]
    assert titles(when="past") == ["Last year", "Last week"]
    assert titles(when="all") == ["Last year", "Last week", "Soon", "Later"]
    # A search looks at every workshop, past ones too.
    assert titles(q="Last") == ["Last year", "Last week"]


def test_month_filter_reads_each_venues_own_calendar(admin_client):
    """9:00 AM on December 1 in Guam is still November 30 in the server's New York."""
    guam = make_workshop("Guam", zip_code="96910", start=datetime.datetime(2035, 12, 1, 9))
    make_workshop("Honolulu", zip_code="96822", start=datetime.datetime(2035, 11, 30, 20))
    assert guam.starts_at.astimezone(timezone.get_current_timezone()).day == 30

    def titles(month):
        response = admin_client.get(CHANGELIST, {"month": month})
        return [row["title"] for row in result_rows(response.content.decode())]

    assert titles("2035-12") == ["Guam"]
    assert titles("2035-11") == ["Honolulu"]
