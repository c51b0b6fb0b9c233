"""The .ics sent to a Spanish-speaking teacher is in Spanish, whoever's request sends it."""

import pytest
from django.core import mail
from django.utils import translation

from workshops import services

from .factories_signup import make_course, make_enrollment, make_workshop

pytestmark = pytest.mark.django_db


def unfolded(ics):
    """iCalendar folds long lines (RFC 5545 3.1): a line break followed by a space."""
    return ics.replace("\r\n ", "")


def test_a_promoted_teacher_gets_the_calendar_in_her_language(django_capture_on_commit_callbacks):
    workshop = make_workshop(
        title="Taller de Denver", capacity=1, course=make_course(name="Course C", name_es="Curso C")
    )
    seated = make_enrollment(workshop, email="first@example.org")
    waiting = make_enrollment(workshop, email="lucia@example.org", status="waitlisted")
    waiting.language = "es"
    waiting.save(update_fields=["language"])
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.cancel_enrollment(seated)  # the English-speaking teacher cancels
    [promoted] = [m for m in mail.outbox if m.to == ["lucia@example.org"]]
    [(filename, content, _mimetype)] = promoted.attachments
    lines = unfolded(content).splitlines()
    url = f"http://127.0.0.1:8000/es/professional-development-workshops/{workshop.pk}"
    assert (
        "DESCRIPTION:Taller gratuito de un día de ciencias de la computación para K-5: Taller de "
        "Denver (Curso C). Facilitación: Maria Lopez <maria.lopez@example.org>. Detalles: " + url
    ) in lines
