"""The admin pages of records the site writes (pdsite.admin_records.ReadOnlyAdmin): even a
superuser cannot add or change them there; the history and the sent emails cannot be deleted
either, while a spent reminder row can (as before the rule moved to one place)."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from alerts.models import Demand
from attendance.models import AttendanceChange
from certificates.models import CloseReminder, PDHoursReport
from feedback.models import Response
from inquiries.models import SpamCount
from outbox.models import OutgoingEmail
from reminders.models import Reminder

# model: may a superuser delete its rows in the admin?
RECORDS = {
    AttendanceChange: False,
    OutgoingEmail: False,
    PDHoursReport: False,
    Demand: False,
    CloseReminder: True,
    Reminder: True,
    Response: True,
    SpamCount: True,
}


@pytest.fixture
def superuser_request(db):
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    return request


@pytest.mark.parametrize("model", RECORDS, ids=lambda model: model.__name__)
def test_records_are_read_only_in_the_admin(model, superuser_request):
    model_admin = admin.site._registry[model]
    assert model_admin.has_add_permission(superuser_request) is False
    assert model_admin.has_change_permission(superuser_request) is False
    assert model_admin.has_delete_permission(superuser_request) is RECORDS[model]


def test_an_inquirys_status_history_is_read_only_inline(superuser_request):
    from inquiries.admin import StatusChangeInline
    from inquiries.models import Inquiry

    inline = StatusChangeInline(Inquiry, admin.site)
    assert inline.has_add_permission(superuser_request) is False
    assert inline.has_change_permission(superuser_request) is False
    assert inline.has_delete_permission(superuser_request) is True  # can_delete=False hides it
