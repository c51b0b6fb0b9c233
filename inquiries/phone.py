"""US phone numbers: validated and stored in one format, e.g. "(312) 555-0100 ext. 12"."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INVALID = _(
    "Enter a US phone number with its area code, for example (312) 555-0100, or leave it empty."
)

_EXTENSION = re.compile(r"\s*(?:ext\.?|extension|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)
_ALLOWED = re.compile(r"^[\d\s().+\-]+$")


def normalise_us_phone(value):
    """Return ``value`` as "(NXX) NXX-XXXX[ ext. N]" or raise ``ValidationError``.

    Accepts the usual ways of writing a North American number: 312-555-0100, (312) 555 0100,
    312.555.0100, +1 312 555 0100, 1-312-555-0100, with an optional "ext. 12" / "x12"."""
    text = value.strip()
    extension = ""
    match = _EXTENSION.search(text)
    if match:
        extension = match.group(1)
        text = text[: match.start()]
    if not text or not _ALLOWED.match(text) or text.count("+") > 1 or "+" in text[1:]:
        raise ValidationError(INVALID, code="invalid_phone")
    digits = re.sub(r"\D", "", text)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    elif text.startswith("+"):
        raise ValidationError(INVALID, code="invalid_phone")
    # North American numbering: area code and exchange never start with 0 or 1.
    if len(digits) != 10 or digits[0] in "01" or digits[3] in "01":
        raise ValidationError(INVALID, code="invalid_phone")
    number = f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return f"{number} ext. {extension}" if extension else number
