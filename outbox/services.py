"""Outgoing email that is never lost: the one home of the site's email.

``queue_email`` writes an ``OutgoingEmail`` row (status queued) inside the caller's transaction
and asks for it to be sent once that transaction commits. Sending marks it sending, then sent or
failed; a failed row keeps the error and ``send_pending_notifications`` (cron, every few
minutes) tries again. Two copies of that command
running at once never send the same email twice: each row is claimed under a row lock
(``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite serialises writers).
"""

import base64
import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.signals import request_finished, request_started
from django.db import models, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingEmail

Status = OutgoingEmail.Status

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
# A row being sent right now by another process is left alone for this long.
CLAIM_TIMEOUT = timedelta(minutes=5)


def one_line(text: object, limit: int = 200) -> str:
    """Header-safe text: no line breaks (no header injection), trimmed."""
    return " ".join(str(text).split())[:limit]


def queue_email(
    *,
    to: list[str],
    template: str,
    context: dict,
    kind: str,
    related: models.Model | None = None,
    reply_to: list[str] | tuple = (),
    attachments: list[dict] | tuple = (),
    headers: dict | None = None,
    send_on_commit: bool = True,
    language: str | None = None,
) -> OutgoingEmail:
    """Render ``emails/<template>_subject.txt``, ``.txt`` (and ``.html`` if present) and queue it.

    The email is written in ``language``: the person's own (``enrollment.language``...) for an
    email to a teacher or a district; English (the default) for staff, whatever language the
    request that caused it was in. Call inside the transaction that saves ``related``."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = one_line(render_to_string(f"emails/{template}_subject.txt", context))
        body = render_to_string(f"emails/{template}.txt", context)
        try:
            html_body = render_to_string(f"emails/{template}.html", context)
        except TemplateDoesNotExist:  # this email is plain text only
            html_body = ""
    outgoing = OutgoingEmail(
        to=[one_line(address, 254) for address in to],
        reply_to=[one_line(address, 254) for address in reply_to],
        subject=subject,
        body=body,
        html_body=html_body,
        headers={key: one_line(value, 900) for key, value in (headers or {}).items()},
        attachments=list(attachments),
        kind=kind,
        related=related,
    )
    if related is None:
        outgoing.object_id = ""
    outgoing.save()
    if send_on_commit:
        transaction.on_commit(lambda: send_after_response(outgoing.pk))
    return outgoing


# Emails queued while a request is being served are sent once the response has gone out
# (Django's ``request_finished`` signal fires when the WSGI server closes the response, after
# the last byte is written), so a visitor never waits for the mail server. The row is already
# committed: if the process dies before sending, ``send_pending_notifications`` sends it.
# Outside a request (commands, the shell) an email is sent at once, on commit, as before.
_pending = threading.local()


def _request_started(**kwargs) -> None:
    _pending.pks = []


def _request_finished(**kwargs) -> None:
    pks, _pending.pks = getattr(_pending, "pks", None), None
    for pk in pks or ():
        send_queued(pk)


request_started.connect(_request_started, dispatch_uid="outbox-started")
request_finished.connect(_request_finished, dispatch_uid="outbox-finished")


def send_after_response(pk: int) -> None:
    pks = getattr(_pending, "pks", None)
    if pks is None:
        send_queued(pk)
    else:
        pks.append(pk)


def _message(outgoing: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=outgoing.subject,
        body=outgoing.body,
        to=outgoing.to,
        reply_to=outgoing.reply_to or None,
        headers=outgoing.headers or None,
    )
    if outgoing.html_body:
        message.attach_alternative(outgoing.html_body, "text/html")
    for item in outgoing.attachments:
        content = item["content"]
        if item.get("encoding") == "base64":  # a binary file (a certificate's PDF)
            content = base64.b64decode(content)
        message.attach(item["filename"], content, item.get("mimetype", "text/plain"))
    return message


def _claim(pk: int) -> OutgoingEmail | None:
    """Mark the row as being sent, under a row lock, unless it is sent or claimed already."""
    now = timezone.now()
    with transaction.atomic():
        rows = OutgoingEmail.objects.pending().filter(pk=pk)
        try:
            outgoing = rows.select_for_update(skip_locked=True).get()
        except OutgoingEmail.DoesNotExist:
            return None
        if (
            outgoing.status == Status.SENDING
            and outgoing.last_attempt_at
            and now - outgoing.last_attempt_at < CLAIM_TIMEOUT
        ):
            return None
        outgoing.attempts += 1
        outgoing.last_attempt_at = now
        outgoing.status = Status.SENDING
        outgoing.save(update_fields=["attempts", "last_attempt_at", "status"])
        return outgoing


def send_queued(pk: int) -> bool:
    """Send one queued email now. Returns True if it went out. Never raises."""
    outgoing = _claim(pk)
    if outgoing is None:
        return False
    try:
        _message(outgoing).send()
    except Exception as exc:
        logger.warning(
            "email send failed id=%s kind=%s attempt=%s error=%r",
            outgoing.pk,
            outgoing.kind,
            outgoing.attempts,
            exc,
        )
        OutgoingEmail.objects.filter(pk=outgoing.pk).update(
            status=Status.FAILED,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            gave_up=outgoing.attempts >= MAX_ATTEMPTS,
        )
        return False
    OutgoingEmail.objects.filter(pk=outgoing.pk).update(
        status=Status.SENT, sent_at=timezone.now(), last_error=""
    )
    logger.info("email sent id=%s kind=%s", outgoing.pk, outgoing.kind)
    return True


def send_pending(*, limit: int = 500) -> tuple[int, int]:
    """Try every pending email once. Returns (sent, failed)."""
    sent = failed = 0
    pks = list(
        OutgoingEmail.objects.pending().order_by("created_at").values_list("pk", flat=True)[:limit]
    )
    for pk in pks:
        if send_queued(pk):
            sent += 1
        elif OutgoingEmail.objects.filter(pk=pk, status=Status.FAILED).exists():
            failed += 1
    return sent, failed


def send_again(*, emails: models.QuerySet) -> tuple[int, int]:
    """Staff's "send again" for failed emails (those that gave up too): each is tried once more
    now, its retries counted afresh. Returns (sent, still failing)."""
    pks = list(emails.failed().values_list("pk", flat=True))
    OutgoingEmail.objects.filter(pk__in=pks).update(attempts=0, gave_up=False)
    sent = sum(send_queued(pk) for pk in pks)
    return sent, len(pks) - sent
