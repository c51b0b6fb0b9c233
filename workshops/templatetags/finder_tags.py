"""How workshops read on the public pages: distance, local date and time, seats left."""

from django import template
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


# The venue's date, times and address are the model's (``Workshop.local_when`` and the rest);
# these filters are their names in the templates.


@register.filter
def when(workshop):
    return workshop.local_when


@register.filter
def when_date(workshop):
    return workshop.local_date


@register.filter
def when_time(workshop):
    return workshop.local_times


@register.filter
def seats_left(workshop):
    """ "12 seats left", "1 seat left" or "Full - join the waitlist"."""
    left = workshop.seats_left
    if left == 0:
        return _("Full - join the waitlist")
    return ngettext("%(count)s seat left", "%(count)s seats left", left) % {"count": left}


@register.filter
def full_address(workshop):
    return workshop.address_line
