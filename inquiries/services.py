"""Actions on inquiries: each one writes and notifies. Views and the admin call these."""

import hashlib
import logging
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from outbox.services import queue_email

from .models import Inquiry, Programme, SpamCount, StatusChange

logger = logging.getLogger(__name__)

DUPLICATE_WINDOW = timedelta(hours=24)

ANSWER_FIELDS = [
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
    "start_year",
    "heard_about",
    "message",
]


def _lock_district_email(district: str, email: str) -> None:
    """Serialise submissions of the same district + email until the transaction ends, so a
    double click cannot store the inquiry twice. SQLite already serialises writers (the
    settings open write transactions with BEGIN IMMEDIATE)."""
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b(
        f"inquiry:{district.lower()}:{email.lower()}".encode(), digest_size=8
    ).digest()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)]
        )


def admin_url(inquiry: Inquiry) -> str:
    return settings.SITE_URL + reverse("admin:inquiries_inquiry_change", args=[inquiry.pk])


def submit_inquiry(data: dict, *, client_ip: str | None = None) -> Inquiry:
    """Store a district's inquiry (the form's ``cleaned_data``) and queue the two emails: a
    confirmation to the contact and a notice to ``settings.INQUIRY_NOTIFY_EMAILS``.

    The same district and email again within 24 hours is the same inquiry: the first one is
    returned and nothing is stored or sent."""
    programmes = set(data["programmes"])
    fields = {name: data.get(name) for name in ANSWER_FIELDS}
    fields["heard_about"] = fields["heard_about"] or ""
    fields["phone"] = fields["phone"] or ""
    fields["message"] = fields["message"] or ""
    with transaction.atomic():
        _lock_district_email(fields["district"], fields["email"])
        now = timezone.now()
        earlier = (
            Inquiry.objects.duplicates_of(
                fields["district"], fields["email"], since=now - DUPLICATE_WINDOW
            )
            .order_by("received_at")
            .first()
        )
        if earlier is not None:
            logger.info("inquiry duplicate of id=%s ip=%s", earlier.pk, client_ip)
            return earlier
        inquiry = Inquiry.objects.create(
            **fields,
            wants_middle_school=Programme.MIDDLE_SCHOOL in programmes,
            wants_high_school=Programme.HIGH_SCHOOL in programmes,
            received_at=now,
        )
        context = {
            "inquiry": inquiry,
            "admin_url": admin_url(inquiry),
            "SITE_URL": settings.SITE_URL,
        }
        queue_email(
            to=[inquiry.email],
            template="inquiry_confirmation",
            context=context,
            kind="inquiry-confirmation",
            related=inquiry,
            reply_to=settings.INQUIRY_NOTIFY_EMAILS,
            language=inquiry.language,
        )
        queue_email(
            to=settings.INQUIRY_NOTIFY_EMAILS,
            template="inquiry_staff_notice",
            context=context,
            kind="inquiry-staff-notice",
            related=inquiry,
            reply_to=[inquiry.email],
        )
    logger.info("inquiry received id=%s ip=%s", inquiry.pk, client_ip)
    return inquiry


def record_spam(reason: str, *, day: date | None = None) -> None:
    """Count one submission turned away as spam (``SpamCount.Reason``) for today."""
    day = day or timezone.localdate()
    with transaction.atomic():
        SpamCount.objects.get_or_create(day=day, reason=reason)
        SpamCount.objects.filter(day=day, reason=reason).update(count=F("count") + 1)
    logger.info("inquiry spam reason=%s", reason)


def uncount_spam(reason: str, *, day: date) -> None:
    """Take back one count of ``reason`` on ``day``: the sender turned out to be a person (a
    too-fast inquiry, confirmed). Never below zero."""
    SpamCount.objects.filter(day=day, reason=reason, count__gt=0).update(count=F("count") - 1)
    logger.info("inquiry spam uncounted reason=%s day=%s", reason, day)


def change_status(inquiry: Inquiry, *, status: str, by: AbstractBaseUser) -> StatusChange | None:
    """Move ``inquiry`` to ``status`` and record who did it. Returns the ``StatusChange``, or
    None if the inquiry already had that status."""
    with transaction.atomic():
        current = (
            Inquiry.objects.select_for_update().values_list("status", flat=True).get(pk=inquiry.pk)
        )
        inquiry.status = status
        if current == status:
            return None
        Inquiry.objects.filter(pk=inquiry.pk).update(status=status, updated_at=timezone.now())
        return StatusChange.objects.create(
            inquiry=inquiry, from_status=current, to_status=status, changed_by=by
        )
