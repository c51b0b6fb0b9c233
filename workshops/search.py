"""The finder's search: the upcoming workshops near a place, nearest first, a page at a time."""

from workshops.models import Workshop

PER_PAGE = 10


def nearest(place, miles, date_from=None, date_to=None):
    """The upcoming workshops within ``miles`` of ``place`` and between the dates, nearest
    first (then soonest), with ``distance``."""
    workshops = (
        Workshop.objects.upcoming()
        .near(place.latitude, place.longitude, miles)
        .starting_between(date_from, date_to)
    )
    return workshops.order_by("distance", "starts_at", "pk")


# Ever wider circles for the nearest workshops when none is within the search's distance: each
# is read through the search index; the last one holds the whole country (and its territories).
WIDER_MILES = (250, 1000, 13000)
NEAREST_COUNT = 3


def nearest_anywhere(place, date_from=None, date_to=None):
    """The few upcoming workshops nearest to ``place``, however far (with ``distance``)."""
    for miles in WIDER_MILES:
        found = list(nearest(place, miles, date_from, date_to)[:NEAREST_COUNT])
        if len(found) == NEAREST_COUNT:
            break
    return found


class Matches:
    """A search's workshops for ``Paginator``, which asks for their count, then for a slice.

    Both come from the page the visitor asked for, read in two queries: its ids and distances,
    each carrying the count of all matches and their soonest start (``counted()``, on the
    search index alone), then its workshops by id. Only for a page number out of range does the
    count take a query of its own (then the last page is read)."""

    def __init__(self, queryset, page_number):
        self.queryset = queryset
        self.asked = asked_page(page_number)
        self.read = None  # (start, workshops) of the last slice read
        self.total = None
        self.soonest = None  # the earliest start among all matches (a datetime), or None

    def count(self):
        if self.total is None:
            start = (self.asked - 1) * PER_PAGE
            self.rows(start, start + PER_PAGE)
            if self.total is None:  # no row on that page
                self.total = self.queryset.count() if start else 0
        return self.total

    def __getitem__(self, item):
        return self.rows(item.start, item.stop)

    def rows(self, start, stop):
        """The workshops ``start:stop``, with ``distance`` and their course."""
        if self.read and self.read[0] == start:
            return self.read[1]
        found = self.ids(start, stop)
        if found:
            self.total, self.soonest = found[0][2], found[0][3]
        by_pk = Workshop.objects.select_related("course").in_bulk([row[0] for row in found])
        workshops = []
        for pk, distance, *_ in found:
            workshop = by_pk.get(pk)
            if workshop is not None and workshop.is_published:  # not deleted or cancelled since
                workshop.distance = distance
                workshops.append(workshop)
        self.read = (start, workshops)
        return workshops

    def ids(self, start, stop):
        return list(page_ids(self.queryset)[start:stop])


def page_ids(queryset):
    """(pk, distance, count of all matches, soonest start of all) of each match: columns of
    the search index alone (``workshop_search_idx``), so the database reads no table row."""
    return queryset.counted().values_list("pk", "distance", "total", "soonest")


def asked_page(number):
    """The page number asked for, if it is one (``Paginator`` checks it again), else 1."""
    number = str(number or "")
    return int(number) if number.isdigit() and 0 < len(number) < 7 and int(number) else 1
