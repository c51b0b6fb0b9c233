"""The reminder emails (queued in the caller's transaction, like every email)."""

from urllib.parse import quote

from django.conf import settings
from django.utils import translation

from outbox.services import queue_email
from workshops.emails import _context, _ics

DIRECTIONS = "https://www.google.com/maps/dir/?api=1&destination="


def reminder(enrollment, due):
    workshop = enrollment.workshop
    context = _context(
        workshop,
        enrollment,
        days=int(due.kind.removeprefix("days_")) if due.kind.startswith("days_") else None,
        directions_url=DIRECTIONS + quote(workshop.address_line, safe=""),
        position=enrollment.waitlist_position,
    )
    waitlisted = due.kind == "waitlist"
    with translation.override(enrollment.language):
        attachments = [] if waitlisted else [_ics(workshop)]
    return queue_email(
        to=[enrollment.email],
        template="reminder_waitlist" if waitlisted else "reminder_seat",
        context=context,
        kind=f"reminder-{due.kind}",
        related=enrollment,
        reply_to=[workshop.facilitator_email],
        attachments=attachments,
        language=enrollment.language,
    )


def workshop_changed(workshop, before, changes, *, enrollment=None, to=None):
    """What changed (old, then new) with the updated .ics: to a teacher or a facilitator."""
    context = _context(
        workshop,
        enrollment,
        before=before,
        when_changed=bool({"starts_at", "ends_at"} & set(changes)),
        where_changed=bool(set(changes) - {"starts_at", "ends_at"}),
    )
    # A teacher reads it in their language; a facilitator (staff) in English.
    language = enrollment.language if enrollment else settings.LANGUAGE_CODE
    with translation.override(language):
        ics = _ics(workshop)
    return queue_email(
        to=[enrollment.email if enrollment else to],
        template="workshop_changed",
        context=context,
        kind="workshop-changed",
        related=enrollment or workshop,
        reply_to=[workshop.facilitator_email],
        attachments=[ics],
        language=language,
    )
