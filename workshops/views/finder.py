"""The public workshop finder, state listings, workshop pages and their .ics (finder issue)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Min
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify

from pdsite import pagecache
from pdsite.links import site_url
from pdsite.us_states import STATE_NAMES
from workshops import caching, map_names, search, structured_data
from workshops.forms.search import SearchForm
from workshops.geo import DISTANCES
from workshops.ics import workshop_ics
from workshops.models import Workshop
from workshops.templatetags.finder_tags import seats_left

STATE_PAGE_SIZE = 50
BROWSE_CITIES = 12


@pagecache.cacheable
def finder(request):
    """Search by place, distance and dates; without a search, browse by state and city."""
    if not request.GET:
        # Kept for a minute at most: the counts change as workshops start.
        version = caching.version()
        stamp = caching.page_stamp(version)
        context = {"form": SearchForm(), **cached_browse(version)}
        response = render(request, "workshops/finder.html", context)
        return pagecache.keep(response, stamp, timeout=caching.BROWSE_TIMEOUT)
    # A search page is the same for any anonymous visitor with this query and this version of
    # the workshops (their seats included): it is kept (``pdsite.pagecache``) under the
    # workshops' version, until the soonest of its matches starts.
    version = caching.version()  # read before the rows, so a change after it changes it
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "workshops/finder.html", {"form": form, **cached_browse()})
    data, place = form.cleaned_data, form.place
    matches = search.Matches(
        search.nearest(place, data["distance"], data["date_from"], data["date_to"]),
        request.GET.get("page"),
    )
    page = Paginator(matches, search.PER_PAGE).get_page(request.GET.get("page"))
    stamp = caching.page_stamp(version)
    # Nothing within reach: the nearest workshops, however far.
    nearest = [] if page.object_list else search.nearest_anywhere(place, *dates(data))
    response = results(request, form, page, nearest)
    # The page changes on its own when one of the workshops found starts (it leaves the list).
    starts = [w.starts_at for w in nearest] + ([matches.soonest] if matches.soonest else [])
    soonest = min(starts).timestamp() if starts else None
    return pagecache.keep(response, stamp, valid_until=soonest)


def dates(data):
    return data["date_from"], data["date_to"]


def results(request, form, page, nearest=()):
    data, place = form.cleaned_data, form.place
    context = {
        "form": form,
        "nearest": nearest,
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
        "map": {**data, "cluster_name": map_names.workshop_cluster()},
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def locations(workshops, start=1):
    """Map markers: one per venue location, listing every workshop there (with its number)."""
    places = {}
    for number, workshop in enumerate(workshops, start=start):
        key = (workshop.latitude, workshop.longitude)
        place = f"{workshop.city}, {workshop.state}"
        places.setdefault(key, {"lat": key[0], "lng": key[1], "place": place, "workshops": []})
        places[key]["workshops"].append(
            {
                "number": number,
                "title": workshop.title,
                "url": workshop.get_absolute_url(),
                "when": workshop.local_when,
                "where": f"{workshop.venue_name}, {workshop.city}, {workshop.state}",
                "seats": seats_left(workshop),
            }
        )
    for place in places.values():
        numbers = [w["number"] for w in place["workshops"]]
        place["name"] = map_names.workshops_in(len(numbers), place.pop("place"), numbers)
    return list(places.values())


def cached_browse(version=None):
    """``browse()``, kept for a minute (and until a workshop changes: ``workshops.caching``)."""
    return caching.cached("browse", (), browse, caching.BROWSE_TIMEOUT, token=version)


def browse():
    """Upcoming workshops counted by state, then city (one aggregate query).

    Each state lists (and the map marks) its BROWSE_CITIES cities with the most workshops, in
    alphabetical order; its page lists them all. A national programme has thousands of cities:
    listing every one would make this page megabytes."""
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
    city_total = len(cities)
    for state in states.values():
        state["city_count"] = len(state["cities"])
        if state["city_count"] > BROWSE_CITIES:
            top = sorted(state["cities"], key=lambda c: (-c["count"], c["name"]))[:BROWSE_CITIES]
            state["cities"] = sorted(top, key=lambda c: c["name"])
            state["more_cities"] = state["city_count"] - BROWSE_CITIES
    cities = [city for state in states.values() for city in state["cities"]]
    map_data = map_context(
        {
            "locations": [
                {
                    "lat": round(city["lat"], 5),
                    "lng": round(city["lng"], 5),
                    "count": city["count"],
                    "label": f"{city['name']}, {city['state']}",
                    "name": map_names.workshops_in(
                        city["count"], f"{city['name']}, {city['state']}"
                    ),
                    "url": city["url"],
                }
                for city in cities
            ],
            "view": "us",  # the lower 48, with buttons for Alaska, Hawaii and Puerto Rico
        }
    )
    ordered = sorted(states.values(), key=lambda s: s["name"])
    return {
        "states": ordered,
        "total": sum(s["count"] for s in ordered),
        "city_total": city_total,
        **map_data,
    }


@pagecache.cacheable
def state(request, state):
    """One state's upcoming workshops, by city then date."""
    code = state.upper()
    if code not in STATE_NAMES:
        raise Http404("No such state.")
    if state != code:
        return redirect("workshops:state", state=code, permanent=True)
    version = caching.version()  # read before the rows, so a change after it changes it
    upcoming = Workshop.objects.upcoming().filter(state=code)
    workshops = upcoming.select_related("course").order_by("city", "starts_at", "pk")
    page = Paginator(workshops, STATE_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    stamp = caching.page_stamp(version)
    for number, workshop in enumerate(page.object_list, start=page.start_index()):
        workshop.number = number
    cities, soonest = state_cities(upcoming)
    context = {
        "cities": cities,
        "state_code": code,
        "state_name": STATE_NAMES[code],
        "page": page,
        **map_context({"locations": locations(page.object_list, start=page.start_index())}),
    }
    response = render(request, "workshops/state.html", context)
    # The page changes on its own when any of the state's workshops starts (counts, pages).
    return pagecache.keep(response, stamp, valid_until=soonest and soonest.timestamp())


def state_cities(upcoming):
    """The state's cities with their count of workshops and the page where each begins, and
    the soonest start among them all (one query)."""
    rows = upcoming.values("city").annotate(count=Count("pk"), soonest=Min("starts_at"))
    cities, seen = [], 0
    for row in rows.order_by("city"):
        first_page = seen // STATE_PAGE_SIZE + 1
        anchor = f"city-{slugify(row['city'])}"
        cities.append({**row, "page": first_page, "anchor": anchor})
        seen += row["count"]
    return cities, min((city["soonest"] for city in cities), default=None)


def _public(queryset):
    """Workshops the public may see: published, cancelled or past, never drafts."""
    return queryset.exclude(status=Workshop.Status.DRAFT)


@pagecache.cacheable
def detail(request, pk):
    """A workshop's page. Its HTML is cached for anonymous visitors under all it shows that can
    change: the workshops' version, its seats included (one cache round trip, no query), until
    the moment it closes on its own (start, end)."""
    stamp = caching.page_stamp()  # read before the row, so a change after it changes it
    workshop = _public(Workshop.objects.select_related("course")).filter(pk=pk).first()
    if workshop is None:
        raise Http404("No such workshop.")
    response = render_detail(request, workshop)
    return pagecache.keep(response, stamp, valid_until=next_change(workshop))


def next_change(workshop, now=None):
    """When the workshop's page changes with the clock (Unix time): it starts, then it ends."""
    now = now or timezone.now()
    for moment in (workshop.starts_at, workshop.ends_at):
        if moment > now:
            return moment.timestamp()
    return None


def render_detail(request, workshop):
    closed = workshop.closed_reason()
    context = {
        "workshop": workshop,
        "state_name": STATE_NAMES.get(workshop.state, workshop.state),
        "closed_reason": closed,
        "event": structured_data.event(workshop, closed=bool(closed), base=site_url(request)),
        **map_context(
            {
                "zoom": 14,
                "locations": [
                    {
                        "lat": workshop.latitude,
                        "lng": workshop.longitude,
                        "label": f"{workshop.venue_name}, {workshop.city}, {workshop.state}",
                        "name": map_names.venue(
                            f"{workshop.venue_name}, {workshop.city}, {workshop.state}"
                        ),
                    }
                ],
            }
        ),
    }
    return render(request, "workshops/detail.html", context)


def ics(request, pk):
    workshop = get_object_or_404(_public(Workshop.objects.select_related("course")), pk=pk)
    response = HttpResponse(
        workshop_ics(workshop, site_url=site_url(request)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="workshop-{workshop.pk}.ics"'
    return response
