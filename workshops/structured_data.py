"""schema.org ``Event`` data for a workshop page (JSON-LD), built here and escaped by the
template filter ``json_data`` so that no venue name can end the script block."""

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _

SCHEMA = "https://schema.org/"


def availability(workshop, closed):
    """The offer's availability and a note: open seats, full (waitlist) or closed."""
    if closed:
        return SCHEMA + "Discontinued", _("This workshop takes no more sign-ups.")
    if workshop.is_full:
        return SCHEMA + "SoldOut", _("Full: sign up to join the waitlist.")
    return SCHEMA + "InStock", _("Free: sign up on the workshop's page.")


def event(workshop, closed=False, base=None):
    """The workshop as a schema.org Event (a dict, ready for JSON); links start with ``base``."""
    base = base or settings.SITE_URL
    url = base + workshop.get_absolute_url()
    available, note = availability(workshop, closed)
    status = "EventCancelled" if workshop.is_cancelled else "EventScheduled"
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": workshop.title,
        "description": (
            _("A free one-day computer science workshop for K-5 teachers: %(course)s.")
            % {"course": workshop.course}
        ),
        "startDate": workshop.local_starts_at.isoformat(),
        "endDate": workshop.local_ends_at.isoformat(),
        "eventStatus": SCHEMA + status,
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": workshop.venue_name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": workshop.street_address,
                "addressLocality": workshop.city,
                "addressRegion": workshop.state,
                "postalCode": workshop.zip_code,
                "addressCountry": "US",
            },
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": workshop.latitude,
                "longitude": workshop.longitude,
            },
        },
        "image": [base + static("img/workshop.png")],
        "performer": [{"@type": "Person", "name": name} for name in workshop.facilitator_name_list],
        "isAccessibleForFree": True,
        "offers": {
            "@type": "Offer",
            "price": 0,
            "priceCurrency": "USD",
            "availability": available,
            "description": note,
            "url": url,
            # Sign-ups open when the workshop is published.
            "validFrom": timezone.localtime(
                workshop.published_at or workshop.created_at, workshop.tz
            ).isoformat(),
        },
        "organizer": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": base + "/",
        },
        "url": url,
    }
