"""What each map pin is called (its accessible name and its hover title): what it stands for,
in words, e.g. "2 workshops in Newark, NJ", never just the numbers drawn on it."""

from django.utils.translation import gettext, ngettext


def workshops_in(count, place, numbers=()):
    """A pin for ``count`` workshops at ``place`` ("Newark, NJ"), with their numbers in the
    list beside the map, if any."""
    name = ngettext(
        "%(count)s workshop in %(place)s", "%(count)s workshops in %(place)s", count
    ) % {"count": count, "place": place}
    if numbers:
        listed = ", ".join(str(number) for number in numbers)
        name += ngettext(
            ": number %(numbers)s in the list", ": numbers %(numbers)s in the list", len(numbers)
        ) % {"numbers": listed}
    return name


def venue(place):
    return gettext("Workshop venue: %(place)s") % {"place": place}


def workshop_cluster():
    """A group of pins drawn as one; the map puts the number of workshops in {count}."""
    return gettext("{count} workshops near here")
