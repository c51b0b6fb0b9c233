"""Checks shared by the workshop admin form and the CSV import: ZIP code, state, local time."""

import re
import zoneinfo

import us
from django.core.exceptions import ValidationError
from django.utils import timezone

from . import geo

MAX_IMPORT_BYTES = 2 * 1024 * 1024


def place_for_zip(zip_code):
    """The geo.Place of a ZIP code typed by staff, or a ValidationError that says what is wrong."""
    text = (zip_code or "").strip()
    if not re.fullmatch(r"\d{5}(-\d{4})?", text):
        raise ValidationError("Enter the five digits of the ZIP code, e.g. 80202.")
    place = geo.lookup_zip(text)
    if place is None:
        raise ValidationError(f"No US ZIP code {text[:5]} - check the five digits.")
    if not place.time_zone:
        raise ValidationError(
            f"ZIP code {place.zip_code} has no time zone on record - use the ZIP code of a "
            "street address nearby."
        )
    return place


def state_mismatch(place, state):
    """The error text when ``state`` (a code) is not the ZIP code's state, else None."""
    if state and state != place.state:
        found = us.states.lookup(place.state)
        where = f"{found.name} ({place.state})" if found else place.state
        return (
            f"ZIP code {place.zip_code} is in {where}, not {state} - correct the state or the "
            "ZIP code."
        )
    return None


def venue_datetime(naive, time_zone):
    """A wall-clock time at the venue -> an aware datetime (an aware one is kept as it is)."""
    if timezone.is_aware(naive):
        return naive
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(time_zone))


def decode_csv(data, name):
    """The text of an uploaded CSV file, or a ValidationError in plain words."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is 2 MB - split it into "
            "smaller files."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            f'"{name}" is not UTF-8 text - save the sheet as "CSV UTF-8" and try again.'
        ) from None
    if "\x00" in text:
        raise ValidationError(f'"{name}" is not a CSV text file.')
    return text
