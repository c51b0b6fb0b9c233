"""Where teachers are waiting: confirmed alerts grouped by state and by area, with the distance
from each area to the nearest upcoming workshop. Read-only; drives the admin demand map."""

import csv
import io
from dataclasses import dataclass

from django.db.models import Avg, Case, CharField, Count, F, Max, Min, When
from django.db.models.functions import Substr
from django.utils.translation import gettext, ngettext

from pdsite.csv_safe import safe_cell
from pdsite.us_states import STATE_NAMES
from workshops import geo
from workshops.models import Workshop

from .models import Alert


@dataclass
class Area:
    state: str
    key: str  # a 3-digit ZIP prefix, or a city name for alerts given as "City, ST"
    example_city: str
    count: int
    latitude: float
    longitude: float
    distance_asked: int  # the largest distance any alert in the area asked for
    nearest: float | None = None  # miles from the area's centre to the nearest workshop
    nearest_workshop: str = ""

    @property
    def label(self):
        if self.key.isdigit():
            return f"ZIP {self.key}xx ({self.example_city})"
        return f"{self.key}, {self.state}"

    @property
    def unserved(self):
        return self.nearest is None or self.nearest > self.distance_asked


@dataclass
class StateDemand:
    state: str
    count: int = 0
    unserved: int = 0
    areas: int = 0

    @property
    def name(self):
        return STATE_NAMES.get(self.state, self.state)


def _areas():
    area_key = Case(
        When(zip_code="", then=F("city")),
        default=Substr("zip_code", 1, 3),
        output_field=CharField(),
    )
    rows = (
        Alert.objects.confirmed()
        .annotate(area=area_key)
        .values("state", "area")
        .annotate(
            count=Count("pk"),
            lat=Avg("latitude"),
            lng=Avg("longitude"),
            asked=Max("distance_miles"),
            example_city=Min("city"),
        )
        .order_by()
    )
    return [
        Area(
            state=row["state"],
            key=row["area"],
            example_city=row["example_city"],
            count=row["count"],
            latitude=row["lat"],
            longitude=row["lng"],
            distance_asked=row["asked"],
        )
        for row in rows
    ]


def demand(now=None):
    """(areas, states), each sorted so the largest unserved groups come first.

    Two queries: the alerts grouped in the database, and the upcoming workshops' positions;
    the nearest workshop to each area's centre is then found in Python."""
    areas = _areas()
    workshops = {}
    for latitude, longitude, city, state in Workshop.objects.upcoming(now).values_list(
        "latitude", "longitude", "city", "state"
    ):
        workshops.setdefault((latitude, longitude), f"{city}, {state}")
    for area in areas:
        for (latitude, longitude), place in workshops.items():
            miles = geo.distance_miles(area.latitude, area.longitude, latitude, longitude)
            if area.nearest is None or miles < area.nearest:
                area.nearest, area.nearest_workshop = miles, place
    areas.sort(
        key=lambda a: (not a.unserved, -a.count, -(a.nearest or float("inf")), a.state, a.key)
    )
    states = {}
    for area in areas:
        state = states.setdefault(area.state, StateDemand(area.state))
        state.count += area.count
        state.areas += 1
        state.unserved += area.count if area.unserved else 0
    ordered = sorted(states.values(), key=lambda s: (-s.unserved, -s.count, s.state))
    return areas, ordered


def demand_map(areas):
    """The demand map's data, for the finder's map script: one pin per area, counting its
    confirmed alerts, red where no workshop is within reach."""
    return {
        "locations": [
            {
                "lat": round(area.latitude, 5),
                "lng": round(area.longitude, 5),
                "count": area.count,
                "name": ngettext(
                    "%(count)s confirmed alert in %(area)s%(unserved)s",
                    "%(count)s confirmed alerts in %(area)s%(unserved)s",
                    area.count,
                )
                % {
                    "count": area.count,
                    "area": area.label if area.key.isdigit() else f"{area.key}, {area.state}",
                    "unserved": gettext(", no workshop within reach") if area.unserved else "",
                },
                "unserved": area.unserved,
            }
            for area in areas
        ],
        "cluster_name": gettext("{count} confirmed alerts near here"),
        "view": "us",
    }


CSV_HEADER = [
    "State",
    "Area",
    "Confirmed alerts",
    "Largest distance asked (miles)",
    "Nearest upcoming workshop (miles)",
    "Nearest workshop",
    "Unserved",
]


def demand_csv(areas):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for area in areas:
        writer.writerow(
            [
                safe_cell(cell)
                for cell in (
                    area.state,
                    area.label,
                    area.count,
                    area.distance_asked,
                    "" if area.nearest is None else round(area.nearest),
                    area.nearest_workshop,
                    "yes" if area.unserved else "no",
                )
            ]
        )
    return out.getvalue()
