"""The survey: an invitation per attendee (made with the certificate), answered from its link."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workshops.models import Enrollment

from .models import RATINGS, Response

logger = logging.getLogger(__name__)
FIELDS = [*RATINGS, "worked", "improve"]


class FeedbackError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def invite(*, enrollment: Enrollment) -> Response:
    """The attendee's survey (its token is the link in the certificate email)."""
    return Response.objects.get_or_create(enrollment=enrollment)[0]


def answer(*, response: Response, data: dict) -> Response:
    """Save the answers. The first answer can be changed for ``CHANGE_WINDOW``, then no more."""
    now = timezone.now()
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        if not response.can_change(now):
            raise FeedbackError(
                _("Your answers were saved more than 14 days ago and can no longer change.")
            )
        for field in FIELDS:
            setattr(response, field, data.get(field) if field in RATINGS else data.get(field, ""))
        if response.answered_at is None:
            response.answered_at = now
        else:
            response.changed_at = now
        response.save()
    logger.info("feedback answered id=%s", response.pk)
    return response
