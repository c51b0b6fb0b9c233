"""iCalendar (.ics) for workshops, in the venue's own time zone (with its VTIMEZONE)."""

import datetime

from django.conf import settings
from icalendar import Calendar, Event, vText

PRODID = "-//pdsite//K-5 workshops//EN"


def _event(workshop):
    event = Event()
    event.add("uid", f"workshop-{workshop.pk}@pdsite")
    # One more at each change of date, time or place: calendar apps then move the event.
    event.add("sequence", workshop.sequence)
    event.add("summary", workshop.title)
    event.add("dtstart", workshop.local_starts_at)
    event.add("dtend", workshop.local_ends_at)
    event.add("dtstamp", workshop.updated_at or workshop.starts_at)
    event.add(
        "location",
        vText(
            f"{workshop.venue_name}, {workshop.street_address}, {workshop.city}, "
            f"{workshop.state} {workshop.zip_code}"
        ),
    )
    event.add("url", settings.SITE_URL + workshop.get_absolute_url())
    event.add(
        "description",
        f"Free one-day K-5 computer science workshop ({workshop.course}). "
        f"Facilitator: {workshop.facilitator_names} <{workshop.facilitator_email}>. "
        f"Details: {settings.SITE_URL}{workshop.get_absolute_url()}",
    )
    event.add("status", "CANCELLED" if workshop.is_cancelled else "CONFIRMED")
    return event


def calendar(workshops, name="K-5 computer science workshops"):
    """A VCALENDAR (as bytes) with one VEVENT per workshop and the VTIMEZONEs they use."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", vText(name))  # escaped like any text (a title may hold a newline)
    for workshop in workshops:
        cal.add_component(_event(workshop))
    # Time-zone rules from a few years back to well after the last workshop, not since 1970.
    cal.add_missing_timezones(
        first_date=datetime.date(2020, 1, 1), last_date=datetime.date(2040, 1, 1)
    )
    return cal.to_ical()


def workshop_ics(workshop):
    """One workshop's .ics file, as bytes."""
    return calendar([workshop], name=workshop.title)
