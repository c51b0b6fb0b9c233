"""US places, offline: ZIP codes and city/state names to coordinates and time zones.

Data comes from the ``zipcodes`` package (a centroid and a time zone for every US ZIP). The
lookup tables are built once per process, on first use, and kept in memory (a few MB).
"""

import math
import re
from dataclasses import dataclass
from functools import cache

import us
import zipcodes
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

EARTH_RADIUS_MILES = 3958.8
# How far a search, a feed or an alert reaches: the one list of distances (miles).
DISTANCES = (10, 25, 50, 100)
# Each label written out whole, so the translators see every one.
DISTANCE_CHOICES = [
    (10, gettext_lazy("10 miles")),
    (25, gettext_lazy("25 miles")),
    (50, gettext_lazy("50 miles")),
    (100, gettext_lazy("100 miles")),
]


@dataclass(frozen=True)
class Place:
    label: str  # what to show the visitor, e.g. "Chicago, IL" or "94103 (San Francisco, CA)"
    latitude: float
    longitude: float
    time_zone: str
    city: str
    state: str
    zip_code: str = ""


@cache
def _tables():
    by_zip = {}
    by_city = {}
    for row in zipcodes.list_all():
        if not row["lat"] or not row["long"]:
            continue
        place = Place(
            label=f"{row['zip_code']} ({row['city'].title()}, {row['state']})",
            latitude=float(row["lat"]),
            longitude=float(row["long"]),
            time_zone=row["timezone"] if "/" in (row["timezone"] or "") else "",
            city=row["city"].title(),
            state=row["state"],
            zip_code=row["zip_code"],
        )
        by_zip[row["zip_code"]] = place
        if row["zip_code_type"] == "STANDARD":
            by_city.setdefault((row["city"].lower(), row["state"]), []).append(place)
    cities = {}
    for (city, state), places in by_city.items():
        cities[(city, state)] = Place(
            label=f"{places[0].city}, {state}",
            latitude=sum(p.latitude for p in places) / len(places),
            longitude=sum(p.longitude for p in places) / len(places),
            time_zone=places[0].time_zone,
            city=places[0].city,
            state=state,
        )
    return by_zip, cities


def warm():
    """Build the lookup tables now (pdsite/wsgi.py calls this when a server process starts)."""
    _tables()
    us_time_zones()


@cache
def us_time_zones():
    """Every time zone a US ZIP code can have (a short, fixed list)."""
    return sorted({place.time_zone for place in _tables()[0].values() if place.time_zone})


def lookup_zip(zip_code):
    """The Place of a five-digit ZIP code (a ZIP+4 is accepted), or None."""
    match = re.fullmatch(r"\s*(\d{5})(?:-\d{4})?\s*", zip_code or "")
    if not match:
        return None
    return _tables()[0].get(match.group(1))


def lookup_state(text):
    """A us.states.State for 'IL', 'il' or 'Illinois', or None."""
    state = us.states.lookup(text.strip().rstrip(".")) if text and text.strip() else None
    return state


def places_phrase(codes):
    """How many states, and which others: "50 states, DC and Puerto Rico", "1 state and Guam".

    DC and the territories are not states, so they are named, not counted as states."""
    state_codes = {state.abbr for state in us.states.STATES}
    count = sum(1 for code in codes if code in state_codes)
    others = sorted(
        ("DC" if code == "DC" else getattr(us.states.lookup(code), "name", code))
        for code in codes
        if code not in state_codes
    )
    parts = [ngettext("%(n)d state", "%(n)d states", count) % {"n": count}] if count else []
    parts += others
    if len(parts) < 2:
        return "".join(parts)
    return _("%(list)s and %(last)s") % {"list": ", ".join(parts[:-1]), "last": parts[-1]}


def lookup_city(city, state_text):
    state = lookup_state(state_text)
    if state is None:
        return None
    key = (" ".join(city.lower().replace(".", "").split()), state.abbr)
    cities = _tables()[1]
    place = cities.get(key)
    if place is None and key[0].startswith("saint "):
        place = cities.get(("st " + key[0][6:], state.abbr))
    if place is None and key[0].startswith("st "):
        place = cities.get(("saint " + key[0][3:], state.abbr))
    return place


@cache
def _cities_by_name():
    names = {}
    for (city, _state), place in _tables()[1].items():
        names.setdefault(city, []).append(place)
    return {name: sorted(places, key=lambda p: p.state) for name, places in names.items()}


def places_named(city):
    """Every city called ``city`` ("Springfield": Springfield, IL; Springfield, MA; ...), by
    state. For a search that named no state, or a state without that city."""
    key = " ".join(city.lower().replace(".", "").split())
    return _cities_by_name().get(key, [])


def find_place(query):
    """A ZIP code ('94103') or a city with a state ('Chicago, IL', 'Chicago Illinois',
    'St. Louis MO', 'New York, New York') -> Place, or None when nothing matches."""
    query = " ".join((query or "").split())
    if not query or len(query) > 100:
        return None
    if re.fullmatch(r"\d{5}(-\d{4})?", query):
        return lookup_zip(query)
    if "," in query:
        city, _, state = query.rpartition(",")
        return lookup_city(city, state)
    words = query.split(" ")
    # The state is the last one or two (or three: "District of Columbia") words.
    for n in (1, 2, 3):
        if len(words) > n:
            place = lookup_city(" ".join(words[:-n]), " ".join(words[-n:]))
            if place:
                return place
    return None


def bounding_box(latitude, longitude, miles):
    """(min_lat, max_lat, min_lng, max_lng) of a box that contains the circle of ``miles``."""
    dlat = math.degrees(miles / EARTH_RADIUS_MILES)
    cos_lat = max(math.cos(math.radians(latitude)), 0.01)
    dlng = min(math.degrees(miles / (EARTH_RADIUS_MILES * cos_lat)), 180.0)
    return latitude - dlat, latitude + dlat, longitude - dlng, longitude + dlng


LAT_BANDS_PER_DEGREE = 2  # Workshop.lat_band: FLOOR(latitude * 2)


def lat_bands(min_lat, max_lat):
    """The ``Workshop.lat_band`` of every latitude from ``min_lat`` to ``max_lat``."""
    return list(
        range(
            math.floor(min_lat * LAT_BANDS_PER_DEGREE),
            math.floor(max_lat * LAT_BANDS_PER_DEGREE) + 1,
        )
    )


def distance_miles(lat1, lng1, lat2, lng2):
    """Great-circle distance (haversine), in miles."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))
