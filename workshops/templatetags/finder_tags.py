"""How workshops read on the public pages: distance, local date and time, seats left."""

from django import template

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
    return f"{distance:.1f} miles"


@register.filter
def when(workshop):
    """ "Sat, Mar 6, 2027, 9:00 AM - 3:00 PM CST", in the venue's own time zone."""
    start, end = workshop.local_starts_at, workshop.local_ends_at
    day = f"{start:%a, %b %-d, %Y}"
    start_time, end_time = f"{start:%-I:%M %p}", f"{end:%-I:%M %p %Z}"
    if start.date() == end.date():
        return f"{day}, {start_time} - {end_time}"
    return f"{day}, {start_time} - {end:%a, %b %-d, %Y}, {end_time}"


@register.filter
def when_date(workshop):
    """ "Saturday, March 6, 2027" (the venue's date)."""
    return f"{workshop.local_starts_at:%A, %B %-d, %Y}"


@register.filter
def when_time(workshop):
    """ "9:00 AM - 3:00 PM CST" (the venue's time)."""
    start, end = workshop.local_starts_at, workshop.local_ends_at
    if start.date() != end.date():
        return when(workshop)
    return f"{start:%-I:%M %p} - {end:%-I:%M %p %Z}"


@register.filter
def seats_left(workshop):
    """ "12 seats left", "1 seat left" or "Full - join the waitlist"."""
    left = workshop.seats_left
    if left == 0:
        return "Full - join the waitlist"
    return f"{left} seat left" if left == 1 else f"{left} seats left"


@register.filter
def full_address(workshop):
    return (
        f"{workshop.venue_name}, {workshop.street_address}, {workshop.city}, "
        f"{workshop.state} {workshop.zip_code}"
    )
