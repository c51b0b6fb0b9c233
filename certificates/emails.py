"""The certificate emails (queued in the caller's transaction, like every email)."""

import base64

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from outbox.services import queue_email
from reminders.services import change_recipients
from workshops.emails import _context

from .pdf import hours_text


def certificate_issued(certificate, pdf: bytes):
    """To the attendee: thanks, the PDF attached, links to it and to the survey."""
    enrollment = certificate.enrollment
    workshop = enrollment.workshop
    survey = getattr(enrollment, "feedback", None)
    with translation.override(enrollment.language):  # the links in the teacher's language
        context = _context(
            workshop,
            enrollment,
            certificate=certificate,
            hours=hours_text(certificate.hours),
            download_url=settings.SITE_URL
            + reverse("certificates:download", kwargs={"token": enrollment.token}),
            survey_url=settings.SITE_URL + survey.get_absolute_url() if survey else "",
        )
    return queue_email(
        to=[enrollment.email],
        language=enrollment.language,
        template="certificate_issued",
        context=context,
        kind="certificate",
        related=certificate,
        reply_to=[workshop.facilitator_email],
        attachments=[
            {
                "filename": certificate.filename,
                "content": base64.b64encode(pdf).decode("ascii"),
                "mimetype": "application/pdf",
                "encoding": "base64",
            }
        ],
    )


def close_reminder(workshop, closes_at):
    """To the facilitators, 24 hours after the end: please complete the attendance."""
    _, addresses = change_recipients(workshop)
    context = _context(
        workshop,
        attendance_url=settings.SITE_URL
        + reverse("facilitate:attendance", kwargs={"pk": workshop.pk}),
        closes_at=closes_at,
    )
    return queue_email(
        to=addresses,
        template="attendance_close_reminder",
        context=context,
        kind="attendance-close-reminder",
        related=workshop,
    )
