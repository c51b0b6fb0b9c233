"""Outgoing email that is never lost.

``queue_email`` writes an ``OutgoingEmail`` row inside the caller's transaction and asks for it
to be sent once that transaction commits. If sending fails, the row keeps the error and
``send_pending_notifications`` (cron, every few minutes) tries again. Two copies of that command
running at once never send the same email twice: each row is claimed under a row lock
(``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite serialises writers).
"""

import base64
import logging
import threading
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
# A row being sent right now by another process is left alone for this long.
CLAIM_TIMEOUT = timedelta(minutes=5)


def one_line(text, limit=200):
    """Header-safe text: no line breaks (no header injection), trimmed."""
    return " ".join(str(text).split())[:limit]


def queue_email(
    *,
    to,
    template,
    context,
    kind,
    related=None,
    reply_to=(),
    attachments=(),
    headers=None,
    send_on_commit=True,
):
    """Render ``emails/<template>_subject.txt``, ``.txt`` (and ``.html`` if present) and queue it.

    Call inside the transaction that saves ``related``."""
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


def _request_started(**kwargs):
    _pending.pks = []


def _request_finished(**kwargs):
    pks, _pending.pks = getattr(_pending, "pks", None), None
    for pk in pks or ():
        send_queued(pk)


request_started.connect(_request_started, dispatch_uid="pdsite-email-started")
request_finished.connect(_request_finished, dispatch_uid="pdsite-email-finished")


def send_after_response(pk):
    pks = getattr(_pending, "pks", None)
    if pks is None:
        send_queued(pk)
    else:
        pks.append(pk)


def _message(outgoing):
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


def _claim(pk):
    """Mark the row as being sent, under a row lock, unless it is sent or claimed already."""
    now = timezone.now()
    with transaction.atomic():
        rows = OutgoingEmail.objects.pending().filter(pk=pk)
        try:
            outgoing = rows.select_for_update(skip_locked=True).get()
        except OutgoingEmail.DoesNotExist:
            return None
        if (
            outgoing.last_attempt_at
            and now - outgoing.last_attempt_at < CLAIM_TIMEOUT
            and (outgoing.last_error == "sending")
        ):
            return None
        outgoing.attempts += 1
        outgoing.last_attempt_at = now
        outgoing.last_error = "sending"
        outgoing.save(update_fields=["attempts", "last_attempt_at", "last_error"])
        return outgoing


def send_queued(pk):
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
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            gave_up=outgoing.attempts >= MAX_ATTEMPTS,
        )
        return False
    OutgoingEmail.objects.filter(pk=outgoing.pk).update(sent_at=timezone.now(), last_error="")
    logger.info("email sent id=%s kind=%s", outgoing.pk, outgoing.kind)
    return True


def send_pending(limit=500):
    """Try every pending email once. Returns (sent, failed)."""
    sent = failed = 0
    pks = list(
        OutgoingEmail.objects.pending().order_by("created_at").values_list("pk", flat=True)[:limit]
    )
    for pk in pks:
        if send_queued(pk):
            sent += 1
        elif (
            OutgoingEmail.objects.filter(pk=pk, sent_at__isnull=True)
            .exclude(last_error="sending")
            .exists()
        ):
            failed += 1
    return sent, failed
