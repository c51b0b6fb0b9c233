"""How workshops read on the public pages: distance, local date and time, seats left."""

from django import template
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from workshops.geo import places_phrase

register = template.Library()


@register.filter
def states_phrase(states):
    """The browse list's states (dicts with a ``code``) -> "50 states, DC and Puerto Rico"."""
    return places_phrase([state["code"] for state in states])


@register.filter
def miles(distance):
    """3.24 -> "3.2 miles"."""
    if distance is None:
        return ""
    return _("%(miles)s miles") % {"miles": f"{distance:.1f}"}


def _day(moment):
    """ "Sat, Mar 6, 2027" ("sáb, 6 mar 2027"): the weekday, then the language's short date."""
    return f"{date_format(moment, 'D')}, {date_format(moment, 'SHORT_DATE_FORMAT')}"


def _times(start, end):
    """ "9:00 AM - 3:00 PM CST" in the language's time format, with the venue's zone."""
    return (
        f"{time_format(start, 'TIME_FORMAT')} - {time_format(end, 'TIME_FORMAT')} "
        f"{date_format(end, 'T')}"
    )


@register.filter
def when(workshop):
    """ "Sat, Mar 6, 2027, 9:00 AM - 3:00 PM CST", in the venue's own time zone."""
    start, end = workshop.local_starts_at, workshop.local_ends_at
    if start.date() == end.date():
        return f"{_day(start)}, {_times(start, end)}"
    return (
        f"{_day(start)}, {time_format(start, 'TIME_FORMAT')} - {_day(end)}, "
        f"{time_format(end, 'TIME_FORMAT')} {date_format(end, 'T')}"
    )


@register.filter
def when_date(workshop):
    """ "Saturday, March 6, 2027" (the venue's date, in the language's DATE_FORMAT)."""
    return date_format(workshop.local_starts_at, "DATE_FORMAT")


@register.filter
def when_time(workshop):
    """ "9:00 AM - 3:00 PM CST" (the venue's time)."""
    start, end = workshop.local_starts_at, workshop.local_ends_at
    if start.date() != end.date():
        return when(workshop)
    return _times(start, end)


@register.filter
def seats_left(workshop):
    """ "12 seats left", "1 seat left" or "Full - join the waitlist"."""
    left = workshop.seats_left
    if left == 0:
        return _("Full - join the waitlist")
    return ngettext("%(count)s seat left", "%(count)s seats left", left) % {"count": left}


@register.filter
def full_address(workshop):
    return (
        f"{workshop.venue_name}, {workshop.street_address}, {workshop.city}, "
        f"{workshop.state} {workshop.zip_code}"
    )
