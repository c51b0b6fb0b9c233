"""The part every workshop factory shares (tests/workshops/conftest.py, factories_admin.py,
factories_signup.py, tests/alerts/factories.py each keep their own defaults on top of it)."""

import datetime
import zoneinfo

from workshops import caching, geo
from workshops.models import Enrollment, Workshop


def create_workshop(zip_code, start, hours=6, **fields):
    """A Workshop at ``zip_code``, whose city, state, coordinates and time zone come from the ZIP
    code (any of them may be given instead). ``start`` is the venue's wall-clock time (naive) or
    an aware datetime; the workshop ends ``hours`` later unless ``ends_at`` is given."""
    place = geo.lookup_zip(zip_code)
    if place is None:
        raise ValueError(f"Unknown ZIP code {zip_code}")
    zone_name = fields.pop("time_zone", place.time_zone)
    if start.tzinfo is None:
        start = start.replace(tzinfo=zoneinfo.ZoneInfo(zone_name))
    starts_at = fields.pop("starts_at", None) or start
    values = {
        "zip_code": zip_code,
        "city": place.city,
        "state": place.state,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "time_zone": zone_name,
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=hours),
        **fields,
    }
    return Workshop.objects.create(**values)


def create_enrollment(workshop, **fields):
    """An Enrollment saved as it is (the state a test starts from), its workshop's seat columns
    then recounted and the cached pages forgotten, as the sign-up services would have left them.
    ``workshop``'s own seat attributes are refreshed too."""
    enrollment = Enrollment.objects.create(workshop=workshop, **fields)
    Workshop.objects.filter(pk=workshop.pk).recount_seats()
    caching.bump_version()
    workshop.refresh_from_db(fields=["seats_taken", "waitlist_size"])
    return enrollment
