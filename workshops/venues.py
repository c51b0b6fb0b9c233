"""A venue as staff type it: its ZIP code, its state, and wall-clock times at the venue (the admin's
form, the CSV import, copies and the demo data)."""

import datetime
import re
import zoneinfo

import us
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from . import geo


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


def _exists(naive, zone):
    aware = naive.replace(tzinfo=zone)
    return aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) == naive


def _ambiguous(naive, zone):
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    return first.utcoffset() != second.utcoffset() and _exists(naive, zone)


def _span(naive, zone, test):
    """The first minute of the run of minutes around ``naive`` that pass ``test``, and the first
    minute after it: the hour the clocks skip or repeat."""
    minute = datetime.timedelta(minutes=1)
    start = naive.replace(second=0, microsecond=0)
    while test(start - minute, zone):
        start -= minute
    end = naive.replace(second=0, microsecond=0) + minute
    while test(end, zone):
        end += minute
    return start, end


def _clock(moment):
    return f"{moment:%-I:%M %p}"


def local_time_problem(naive, time_zone):
    """Why a wall-clock time at the venue is not one moment, in words for staff, or None.

    On the night clocks go forward, 2:30 AM never happens (Python would quietly read it as
    3:30 AM); on the night they go back, 1:30 AM happens twice."""
    if naive is None or timezone.is_aware(naive):
        return None
    zone = zoneinfo.ZoneInfo(time_zone)
    day = f"{naive:%A, %B %-d, %Y}"
    if not _exists(naive, zone):
        start, end = _span(naive, zone, lambda m, z: not _exists(m, z))
        return _(
            "There is no %(time)s on %(day)s at this venue: that night the clocks go forward "
            "from %(start)s straight to %(end)s. Choose a time before %(start)s or from %(end)s."
        ) % {"time": _clock(naive), "day": day, "start": _clock(start), "end": _clock(end)}
    if _ambiguous(naive, zone):
        start, end = _span(naive, zone, _ambiguous)
        return _(
            "%(time)s on %(day)s happens twice at this venue: that night the clocks go back "
            "from %(end)s to %(start)s, so %(start)s to %(last)s comes round twice. Choose a "
            "time outside that hour."
        ) % {
            "time": _clock(naive),
            "day": day,
            "start": _clock(start),
            "end": _clock(end),
            "last": _clock(end - datetime.timedelta(minutes=1)),
        }
    return None


def venue_datetime(naive, time_zone):
    """A wall-clock time at the venue -> an aware datetime (an aware one is kept as it is)."""
    if timezone.is_aware(naive):
        return naive
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(time_zone))
