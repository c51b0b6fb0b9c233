"""The public workshop finder, state listings, workshop pages and their .ics (finder issue)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify

from workshops import structured_data
from workshops.forms.search import DISTANCES, SearchForm, starting_between
from workshops.ics import workshop_ics
from workshops.models import STATE_CHOICES, Workshop
from workshops.templatetags.finder_tags import seats_left, when

RESULTS_PER_PAGE = 10
STATE_PAGE_SIZE = 50
STATE_NAMES = dict(STATE_CHOICES)


def finder(request):
    """Search by place, distance and dates; without a search, browse by state and city."""
    form = SearchForm(request.GET or None)
    if not form.is_bound or not form.is_valid():
        return render(request, "workshops/finder.html", {"form": form, **browse()})
    data, place = form.cleaned_data, form.place
    workshops = starting_between(
        Workshop.objects.upcoming().near(place.latitude, place.longitude, data["distance"]),
        data["date_from"],
        data["date_to"],
    )
    workshops = workshops.with_seats().select_related("course").order_by("distance", "starts_at")
    page = Paginator(workshops, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "canonical_path": search_path(data, page.number),
        "place": place,
        "distance": data["distance"],
        "date_from": data["date_from"],
        "date_to": data["date_to"],
        "page": page,
        "wider": [d for d in DISTANCES if d > data["distance"]],
        **map_context(
            {
                "center": [place.latitude, place.longitude],
                "radius_miles": data["distance"],
                "place": place.label,
                "locations": locations(page.object_list, start=page.start_index()),
            }
        ),
    }
    return render(request, "workshops/finder.html", context)


def search_path(data, page_number=1):
    """The search's own address, written one way (for its canonical link)."""
    query = {"q": data["q"], "distance": data["distance"]}
    for key in ["date_from", "date_to"]:
        if data[key]:
            query[key] = data[key].isoformat()
    if page_number > 1:
        query["page"] = page_number
    return reverse("workshops:finder") + "?" + urlencode(query)


def map_context(data):
    """The map's data (a JSON block) and its tile server (a data attribute)."""
    return {
        "map": data,
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def locations(workshops, start=1):
    """Map markers: one per venue location, listing every workshop there (with its number)."""
    places = {}
    for number, workshop in enumerate(workshops, start=start):
        key = (workshop.latitude, workshop.longitude)
        places.setdefault(key, {"lat": key[0], "lng": key[1], "workshops": []})
        places[key]["workshops"].append(
            {
                "number": number,
                "title": workshop.title,
                "url": workshop.get_absolute_url(),
                "when": when(workshop),
                "where": f"{workshop.venue_name}, {workshop.city}, {workshop.state}",
                "seats": seats_left(workshop),
            }
        )
    return list(places.values())


def browse():
    """Upcoming workshops counted by state, then city (one aggregate query)."""
    rows = (
        Workshop.objects.upcoming()
        .values("state", "city", "latitude", "longitude")
        .annotate(count=Count("pk"))
        .order_by("state", "city")
    )
    states, cities = {}, []
    for row in rows:
        code = row["state"]
        state = states.setdefault(
            code,
            {
                "code": code,
                "name": STATE_NAMES.get(code, code),
                "url": reverse("workshops:state", args=[code]),
                "count": 0,
                "cities": [],
            },
        )
        if not state["cities"] or state["cities"][-1]["name"] != row["city"]:
            page = state["count"] // STATE_PAGE_SIZE + 1
            anchor = f"#city-{slugify(row['city'])}"
            city = {
                "name": row["city"],
                "state": code,
                "count": 0,
                "url": state["url"] + (f"?page={page}" if page > 1 else "") + anchor,
                "lat": 0.0,
                "lng": 0.0,
            }
            state["cities"].append(city)
            cities.append(city)
        city = state["cities"][-1]
        # The city's marker sits at the mean of its venues' positions, weighted by workshops.
        total = city["count"] + row["count"]
        city["lat"] += (row["latitude"] - city["lat"]) * row["count"] / total
        city["lng"] += (row["longitude"] - city["lng"]) * row["count"] / total
        city["count"] = total
        state["count"] += row["count"]
    map_data = map_context(
        {
            "locations": [
                {
                    "lat": round(city["lat"], 5),
                    "lng": round(city["lng"], 5),
                    "count": city["count"],
                    "label": f"{city['name']}, {city['state']}",
                    "url": city["url"],
                }
                for city in cities
            ]
        }
    )
    ordered = sorted(states.values(), key=lambda s: s["name"])
    return {
        "states": ordered,
        "total": sum(s["count"] for s in ordered),
        "city_total": sum(len(s["cities"]) for s in ordered),
        **map_data,
    }


def state(request, state):
    """One state's upcoming workshops, by city then date."""
    code = state.upper()
    if code not in STATE_NAMES:
        raise Http404("No such state.")
    if state != code:
        return redirect("workshops:state", state=code, permanent=True)
    upcoming = Workshop.objects.upcoming().filter(state=code)
    workshops = upcoming.with_seats().select_related("course").order_by("city", "starts_at", "pk")
    page = Paginator(workshops, STATE_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for number, workshop in enumerate(page.object_list, start=page.start_index()):
        workshop.number = number
    cities, seen = [], 0
    for row in upcoming.values("city").annotate(count=Count("pk")).order_by("city"):
        first_page = seen // STATE_PAGE_SIZE + 1
        cities.append({**row, "page": first_page, "anchor": f"city-{slugify(row['city'])}"})
        seen += row["count"]
    context = {
        "cities": cities,
        "state_code": code,
        "state_name": STATE_NAMES[code],
        "page": page,
        **map_context({"locations": locations(page.object_list, start=page.start_index())}),
    }
    return render(request, "workshops/state.html", context)


def _public(queryset):
    """Workshops the public may see: published, cancelled or past, never drafts."""
    return queryset.exclude(status=Workshop.Status.DRAFT)


def closed_because(workshop, now=None):
    """Why a workshop takes no sign-ups, in plain words, or "" when it is open."""
    now = now or timezone.now()
    if workshop.is_cancelled:
        return "This workshop has been cancelled."
    if workshop.ends_at <= now:
        return "This workshop has already taken place."
    if workshop.starts_at <= now:
        return "This workshop has already started."
    return ""


def detail(request, pk):
    workshop = get_object_or_404(
        _public(Workshop.objects.with_seats().select_related("course")), pk=pk
    )
    closed = closed_because(workshop)
    context = {
        "workshop": workshop,
        "state_name": STATE_NAMES.get(workshop.state, workshop.state),
        "closed_because": closed,
        "event": structured_data.event(workshop, closed=bool(closed)),
        **map_context(
            {
                "zoom": 14,
                "locations": [
                    {
                        "lat": workshop.latitude,
                        "lng": workshop.longitude,
                        "label": f"{workshop.venue_name}, {workshop.city}, {workshop.state}",
                    }
                ],
            }
        ),
    }
    return render(request, "workshops/detail.html", context)


def ics(request, pk):
    workshop = get_object_or_404(_public(Workshop.objects.select_related("course")), pk=pk)
    response = HttpResponse(workshop_ics(workshop), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="workshop-{workshop.pk}.ics"'
    return response
