"""Spam defence for the inquiry form, with no outside service.

- A honeypot: a field people never see (hidden by CSS, skipped by the keyboard, labelled
  "Leave this field empty") that bots fill in.
- A signed "form shown at" time: the form carries a token signed with the site's secret
  (``TimestampSigner``); a submission without a valid token, or sent less than
  ``INQUIRY_MIN_SECONDS`` after the form was shown, is from a script.

There is no upper limit on a token's age: a district leader who leaves the tab open overnight
must still get through.

A person can be fast too (autofill, a form typed elsewhere and pasted): a submission that is
only too fast is never dropped. The sender is asked to confirm, with their answers kept, and the
page carries a signed "confirmation" token instead (``make_confirm_token``) that passes the
timer. Too-fast submissions are counted when the question is asked and uncounted when it is
answered, so the count is of what was abandoned."""

import datetime
import time

from django.conf import settings
from django.core import signing

SALT = "inquiries.form-shown-at"
VALUE = "inquiry-form"
CONFIRM_SALT = "inquiries.too-fast-confirmed"
# How long the "confirm your inquiry" step stays answerable (a copied token is no lasting key).
CONFIRM_MAX_AGE = datetime.timedelta(days=7)


class FormTimer(signing.TimestampSigner):
    def __init__(self):
        super().__init__(salt=SALT)

    def token(self, now=None):
        """A signed token holding the time the form is shown (``now``, seconds since the epoch)."""
        shown_at = signing.b62_encode(int(time.time() if now is None else now))
        return signing.Signer.sign(self, f"{VALUE}{self.sep}{shown_at}")

    def shown_at(self, token):
        """The time (seconds since the epoch) the form carrying ``token`` was shown.

        Raises ``signing.BadSignature`` if the token is missing, tampered with or not ours."""
        value, shown_at = signing.Signer.unsign(self, token or "").rsplit(self.sep, 1)
        if value != VALUE:
            raise signing.BadSignature("Not an inquiry form token.")
        return signing.b62_decode(shown_at)


def make_token(now=None):
    return FormTimer().token(now)


def make_confirm_token(day):
    """The token of the "confirm your inquiry" step; it holds the day the question was asked
    (whose too-fast count the answer takes back)."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(day.isoformat())


def confirmed_day(token):
    """The day a too-fast sender was asked to confirm, if ``token`` is a confirmation (and
    recent enough), else None."""
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            token or "", max_age=CONFIRM_MAX_AGE
        )
        return datetime.date.fromisoformat(value)
    except (signing.BadSignature, ValueError):
        return None


def spam_reason(honeypot, token, now=None):
    """Why a submission looks like spam (a ``SpamCount.Reason`` value), or None."""
    from .models import SpamCount

    if honeypot:
        return SpamCount.Reason.HONEYPOT
    if confirmed_day(token):
        return None
    try:
        shown_at = FormTimer().shown_at(token)
    except (signing.BadSignature, ValueError):
        return SpamCount.Reason.BAD_TOKEN
    if (time.time() if now is None else now) - shown_at < settings.INQUIRY_MIN_SECONDS:
        return SpamCount.Reason.TOO_FAST
    return None
