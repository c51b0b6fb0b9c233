"""Open feeds of upcoming workshops for partners and calendar apps: JSON, GeoJSON, iCalendar.

Public facts only (no facilitator email, no sign-ups). Read-only, readable from any origin
(CORS). Bad parameters get a 400 with a clear message.

Cached by the same rule as the HTML pages (``pdsite.pagecache``): a feed is kept under the
workshops' version, seats included, until its soonest workshop starts, so the site itself never
serves a feed older than the data. Browsers and partners' proxies may keep it ``max-age``
seconds (``Cache-Control``)."""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Min
from django.http import HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from pdsite import pagecache
from pdsite.links import site_url
from pdsite.us_states import STATE_CODES, STATE_NAMES

from .. import caching, geo, ics
from ..models import Workshop

DEFAULT_DISTANCE = 50
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
CACHE_SECONDS = 60


class BadRequest(Exception):
    pass


def state_error(state):
    return _("'state' must be a two-letter US state code like IL, not '%(state)s'.") % {
        "state": state[:20]
    }


def _positive_int(params, name, default, largest=None):
    raw = params.get(name, "")
    if raw == "":
        return default
    # ASCII digits only: "²" is a digit to str.isdigit() but not to int().
    digits = raw.lstrip("0")
    if not (raw.isascii() and raw.isdigit()) or not digits:
        raise BadRequest(
            _("'%(name)s' must be a whole number of 1 or more, not '%(value)s'.")
            % {"name": name, "value": raw[:20]}
        )
    # Longer than that is just very large (and int() refuses more than 4,300 digits).
    value = int(digits) if len(digits) <= 18 else 10**18
    if largest is not None and value > largest:
        raise BadRequest(
            _("'%(name)s' can be at most %(largest)s.") % {"name": name, "largest": largest}
        )
    return value


def _filters(params):
    """The workshops the query asks for, and the place it searched around (or None)."""
    workshops = Workshop.objects.upcoming()
    state = params.get("state", "").strip().upper()
    if state:
        if state not in STATE_CODES:
            raise BadRequest(state_error(state))
        workshops = workshops.filter(state=state)
    zip_code = params.get("zip", "").strip()
    raw_distance = params.get("distance", "")
    if not zip_code:
        if raw_distance:
            raise BadRequest(
                _("'distance' needs a 'zip' to measure from, e.g. zip=60601&distance=50.")
            )
        return workshops, None
    place = geo.lookup_zip(zip_code)
    if place is None:
        raise BadRequest(
            _("'zip' must be a five-digit US ZIP code, and '%(zip)s' is not one.")
            % {"zip": zip_code[:20]}
        )
    distance = DEFAULT_DISTANCE
    if raw_distance:
        if raw_distance.lstrip("0") not in {str(miles) for miles in geo.DISTANCES}:
            raise BadRequest(_("'distance' must be one of 10, 25, 50 or 100 (miles)."))
        distance = int(raw_distance)
    workshops = workshops.near(place.latitude, place.longitude, distance).order_by(
        "distance", "starts_at", "pk"
    )
    return workshops, place


class PastTheEnd(Exception):
    pass


def _page(params, address):
    """(workshops on this page, the place searched around, page facts, the soonest start of
    all matches) or raises BadRequest (or PastTheEnd: a page after the last one, which is a
    404, not an empty page that links to another empty page)."""
    page = _positive_int(params, "page", 1)
    per_page = _positive_int(params, "per_page", DEFAULT_PER_PAGE, largest=MAX_PER_PAGE)
    workshops, place = _filters(params)
    found = workshops.order_by().aggregate(total=Count("pk"), soonest=Min("starts_at"))
    total = found["total"]
    start = (page - 1) * per_page
    if page > 1 and start >= total:  # checked before any OFFSET: a huge page is no query
        last = max((total + per_page - 1) // per_page, 1)
        message = _("There is no page %(page)s: the last page is %(last)s.")
        raise PastTheEnd(message % {"page": page, "last": last})
    rows = list(workshops.select_related("course")[start : start + per_page])

    def link(number):
        query = params.copy()
        query["page"] = number
        return f"{address}?{urlencode(sorted(query.items()))}"

    facts = {
        "count": total,
        "page": page,
        "per_page": per_page,
        "next": link(page + 1) if start + per_page < total else None,
        "previous": link(page - 1) if page > 1 else None,
    }
    return rows, place, facts, found["soonest"]


def workshop_facts(workshop, place=None, base=None):
    """The public facts of a workshop, as the feeds give them (links start with ``base``)."""
    facts = {
        "id": workshop.pk,
        "title": workshop.title,
        "course": workshop.course.name,
        "venue": workshop.venue_name,
        "address": workshop.street_address,
        "city": workshop.city,
        "state": workshop.state,
        "zip": workshop.zip_code,
        "latitude": workshop.latitude,
        "longitude": workshop.longitude,
        "starts_at": workshop.local_starts_at.isoformat(),
        "ends_at": workshop.local_ends_at.isoformat(),
        "time_zone": workshop.time_zone,
        "seats_left": workshop.seats_left,
        "url": (base or settings.SITE_URL) + workshop.get_absolute_url(),
    }
    if place is not None:
        facts["distance_miles"] = round(workshop.distance, 1)
    return facts


def _open(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message, status=400):
    return _open(JsonResponse({"error": message}, status=status))


def _feed(request, shape):
    version = caching.version()  # read before the rows, so a change after it changes it
    try:
        rows, place, facts, soonest = _page(request.GET, site_url(request) + request.path)
    except BadRequest as exc:
        return _error(str(exc))
    except PastTheEnd as exc:
        return _error(str(exc), status=404)
    return _kept(_open(shape(rows, place, facts, site_url(request))), version, soonest)


def _kept(response, version, soonest):
    """Kept while the workshops are unchanged, until the soonest of them starts."""
    valid_until = soonest.timestamp() if soonest else None
    return pagecache.keep(response, caching.page_stamp(version), valid_until=valid_until)


def _json(rows, place, facts, base):
    return JsonResponse({**facts, "workshops": [workshop_facts(w, place, base) for w in rows]})


def _geojson(request):
    """Every upcoming workshop the query asks for, in one response: a map needs them all."""
    workshops, place = _filters(request.GET)
    rows = list(workshops.select_related("course"))
    base = site_url(request)
    features = []
    for workshop in rows:
        properties = workshop_facts(workshop, place, base)
        longitude, latitude = properties.pop("longitude"), properties.pop("latitude")
        features.append(
            {
                "type": "Feature",
                "id": workshop.pk,
                "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
                "properties": properties,
            }
        )
    response = JsonResponse(
        {"type": "FeatureCollection", "count": len(features), "features": features},
        content_type="application/geo+json",
    )
    return response, min((workshop.starts_at for workshop in rows), default=None)


@pagecache.cacheable
@require_GET
@cache_control(public=True, max_age=CACHE_SECONDS)
def workshops_json(request):
    return _feed(request, _json)


@pagecache.cacheable
@require_GET
@cache_control(public=True, max_age=CACHE_SECONDS)
def workshops_geojson(request):
    version = caching.version()  # read before the rows, so a change after it changes it
    try:
        response, soonest = _geojson(request)
    except BadRequest as exc:
        return _error(str(exc))
    return _kept(_open(response), version, soonest)


@pagecache.cacheable
@require_GET
@cache_control(public=True, max_age=CACHE_SECONDS * 5)
def workshops_ics(request):
    """Every upcoming published workshop (or one state's) as a calendar to subscribe to."""
    version = caching.version()  # read before the rows, so a change after it changes it
    workshops = Workshop.objects.upcoming().select_related("course")
    name = _("K-5 computer science workshops")
    state = request.GET.get("state", "").strip().upper()
    if state:
        if state not in STATE_CODES:
            return _open(
                HttpResponse(
                    state_error(state) + "\n",
                    status=400,
                    content_type="text/plain; charset=utf-8",
                )
            )
        workshops = workshops.filter(state=state)
        name = _("K-5 computer science workshops in %(state)s") % {"state": STATE_NAMES[state]}
    workshops = list(workshops)  # soonest first
    response = HttpResponse(
        ics.calendar(workshops, name=name, site_url=site_url(request)),
        content_type="text/calendar",
    )
    response["Content-Disposition"] = 'inline; filename="workshops.ics"'
    return _kept(_open(response), version, workshops[0].starts_at if workshops else None)


def example(base):
    """The JSON feed's real answer around the soonest workshop's ZIP code, one per page, and
    its query (None when nothing is upcoming): the partners page shows it, so its example
    always matches the feed."""
    zip_code = Workshop.objects.upcoming().values_list("zip_code", flat=True).first()
    if zip_code is None:
        return None
    query = QueryDict(mutable=True)
    query.update({"zip": zip_code, "distance": "10", "per_page": "1"})
    rows, place, facts, _soonest = _page(query, base + reverse("workshops:feed-json"))
    answer = {**facts, "workshops": [workshop_facts(w, place, base) for w in rows]}
    return {"query": query.urlencode(), "json": json.dumps(answer, indent=2)}


def partners(request):
    context = {
        "max_per_page": MAX_PER_PAGE,
        "default_per_page": DEFAULT_PER_PAGE,
        "example": example(site_url(request)),
    }
    return render(request, "workshops/partners.html", context)
