"""The sign-up emails. Each function queues one email with ``outbox.services.queue_email``; call
them inside the transaction that changes the sign-up (``workshops.services`` does)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from outbox.services import queue_email

from .ics import workshop_ics


def _context(workshop, enrollment=None, language=None, **extra):
    """Links to the pages in ``language``: the teacher's own unless given (staff: English)."""
    language = language or (enrollment.language if enrollment else settings.LANGUAGE_CODE)
    with translation.override(language):
        return _localized_context(workshop, enrollment, **extra)


def _localized_context(workshop, enrollment=None, **extra):
    context = {
        "workshop": workshop,
        "enrollment": enrollment,
        "workshop_url": settings.SITE_URL + workshop.get_absolute_url(),
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "finder_url": settings.SITE_URL + reverse("workshops:finder"),
        **extra,
    }
    if enrollment is not None:
        context["enrollment_url"] = settings.SITE_URL + enrollment.get_absolute_url()
        context["cancel_url"] = settings.SITE_URL + reverse(
            "workshops:cancel", kwargs={"token": enrollment.token}
        )
    return context


def _ics(workshop, language=None):
    """The workshop's .ics in the teacher's language (its description and link), whoever's
    request sends it (a cancellation in English can promote a Spanish-speaking teacher).
    Without a language, the active one: reminders.emails calls it so (the reminder command's
    language, English) until it passes the teacher's."""
    with translation.override(language or translation.get_language()):
        content = workshop_ics(workshop).decode("utf-8")
    return {
        "filename": f"workshop-{workshop.pk}.ics",
        "content": content,
        "mimetype": "text/calendar",
    }


def signed_up(enrollment):
    """To the teacher: their seat (with the .ics), or their place on the waitlist."""
    workshop = enrollment.workshop
    if enrollment.status == enrollment.Status.WAITLISTED:
        return queue_email(
            to=[enrollment.email],
            language=enrollment.language,
            template="enrollment_waitlisted",
            context=_context(workshop, enrollment, position=enrollment.waitlist_position),
            kind="enrollment-waitlisted",
            related=enrollment,
            reply_to=[workshop.facilitator_email],
        )
    return queue_email(
        to=[enrollment.email],
        language=enrollment.language,
        template="enrollment_confirmed",
        context=_context(workshop, enrollment),
        kind="enrollment-confirmed",
        related=enrollment,
        reply_to=[workshop.facilitator_email],
        attachments=[_ics(workshop, enrollment.language)],
    )


def facilitator_signup_notice(enrollment):
    """To the facilitator: who signed up (Reply-To the teacher)."""
    workshop = enrollment.workshop
    return queue_email(
        to=[workshop.facilitator_email],
        template="enrollment_facilitator_notice",
        context=_context(
            workshop,
            enrollment,
            language=settings.LANGUAGE_CODE,
            position=enrollment.waitlist_position,
            seats_taken=workshop.seats_taken,
        ),
        kind="enrollment-facilitator-notice",
        related=enrollment,
        reply_to=[enrollment.email],
    )


def promoted(enrollment):
    """To a waitlisted teacher who now has a seat, with the .ics."""
    workshop = enrollment.workshop
    return queue_email(
        to=[enrollment.email],
        language=enrollment.language,
        template="enrollment_promoted",
        context=_context(workshop, enrollment),
        kind="enrollment-promoted",
        related=enrollment,
        reply_to=[workshop.facilitator_email],
        attachments=[_ics(workshop, enrollment.language)],
    )


def sign_up_cancelled(enrollment, was_waitlisted=False):
    """To the teacher who cancelled: a confirmation."""
    workshop = enrollment.workshop
    return queue_email(
        to=[enrollment.email],
        language=enrollment.language,
        template="enrollment_cancelled",
        context=_context(workshop, enrollment, was_waitlisted=was_waitlisted),
        kind="enrollment-cancelled",
        related=enrollment,
        reply_to=[workshop.facilitator_email],
    )


def facilitator_cancel_notice(enrollment):
    """To the facilitator: a teacher cancelled (Reply-To the teacher)."""
    workshop = enrollment.workshop
    return queue_email(
        to=[workshop.facilitator_email],
        template="enrollment_facilitator_cancel_notice",
        context=_context(workshop, enrollment, language=settings.LANGUAGE_CODE),
        kind="enrollment-facilitator-cancel-notice",
        related=enrollment,
        reply_to=[enrollment.email],
    )


def workshop_cancelled(enrollment, reason=""):
    """To an enrolled or waitlisted teacher: the workshop is cancelled (and why, if staff said)."""
    workshop = enrollment.workshop
    return queue_email(
        to=[enrollment.email],
        language=enrollment.language,
        template="enrollment_workshop_cancelled",
        context=_context(workshop, enrollment, reason=reason),
        kind="workshop-cancelled",
        related=enrollment,
        reply_to=[workshop.facilitator_email],
    )


def facilitator_workshop_cancelled(workshop, teachers_emailed, reason=""):
    """To the facilitator: the workshop is cancelled, why, and how many teachers were told."""
    return queue_email(
        to=[workshop.facilitator_email],
        template="workshop_cancelled_facilitator",
        context=_context(workshop, teachers_emailed=teachers_emailed, reason=reason),
        kind="workshop-cancelled-facilitator",
        related=workshop,
    )
