"""Spam defence for the inquiry form, with no outside service.

- A honeypot: a field people never see (hidden by CSS, skipped by the keyboard, labelled
  "Leave this field empty") that bots fill in.
- A signed "form shown at" time: the form carries a token signed with the site's secret
  (``TimestampSigner``); a submission without a valid token, or sent less than
  ``INQUIRY_MIN_SECONDS`` after the form was shown, is from a script.

There is no upper limit on a token's age: a district leader who leaves the tab open overnight
must still get through."""

import time

from django.conf import settings
from django.core import signing

SALT = "inquiries.form-shown-at"
VALUE = "inquiry-form"


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


def spam_reason(honeypot, token, now=None):
    """Why a submission looks like spam (a ``SpamCount.Reason`` value), or None."""
    from .models import SpamCount

    if honeypot:
        return SpamCount.Reason.HONEYPOT
    try:
        shown_at = FormTimer().shown_at(token)
    except (signing.BadSignature, ValueError):
        return SpamCount.Reason.BAD_TOKEN
    if (time.time() if now is None else now) - shown_at < settings.INQUIRY_MIN_SECONDS:
        return SpamCount.Reason.TOO_FAST
    return None
