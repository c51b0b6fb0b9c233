"""iCalendar (.ics) for workshops, in the venue's own time zone (with its VTIMEZONE)."""

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText

from .vtimezone import vtimezone

PRODID = "-//pdsite//K-5 workshops//EN"


def _event(workshop, site_url):
    url = site_url + workshop.get_absolute_url()
    event = Event()
    event.add("uid", f"workshop-{workshop.pk}@pdsite")
    # One more at each change of date, time or place: calendar apps then move the event.
    event.add("sequence", workshop.sequence)
    event.add("summary", workshop.title)
    event.add("dtstart", workshop.local_starts_at)
    event.add("dtend", workshop.local_ends_at)
    event.add("dtstamp", workshop.updated_at or workshop.starts_at)
    event.add("location", vText(workshop.address_line))
    event.add("url", url)
    event.add(
        "description",
        _(
            "Free one-day K-5 computer science workshop: %(title)s. "
            "Facilitator: %(facilitator)s <%(email)s>. Details: %(url)s"
        )
        % {
            "title": workshop.title_with_course,
            "facilitator": workshop.facilitator_names,
            "email": workshop.facilitator_email,
            "url": url,
        },
    )
    event.add("status", "CANCELLED" if workshop.is_cancelled else "CONFIRMED")
    return event


def calendar(workshops, name=None, site_url=None):
    """A VCALENDAR (as bytes) with one VEVENT per workshop and the VTIMEZONEs they use.

    ``site_url`` starts the links (the request's own address when there is one)."""
    site_url = site_url or settings.SITE_URL
    name = name or _("K-5 computer science workshops")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", vText(name))  # escaped like any text (a title may hold a newline)
    zones = []
    for workshop in workshops:
        cal.add_component(_event(workshop, site_url))
        if workshop.tz.key not in zones:
            zones.append(workshop.tz.key)
    for zone in zones:
        cal.add_component(vtimezone(zone))
    return cal.to_ical()


def workshop_ics(workshop, site_url=None):
    """One workshop's .ics file, as bytes."""
    return calendar([workshop], name=workshop.title, site_url=site_url)
