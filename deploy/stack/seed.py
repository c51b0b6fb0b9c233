"""Part of `make stack`: the stack's workshops near Chicago, made after `migrate`. Prints their
ids as JSON: {"journey": id, "capacity": id, "fresh": id, "load": [ids]}."""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pdsite.settings")

# name, ZIP code, seats
WORKSHOPS = [
    ("journey", "60601", 30),
    ("capacity", "60614", 10),
    ("fresh", "60622", 20),
    ("load", "60657", 40),
    ("load", "60302", 40),
    ("load", "60601", 40),
    ("load", "60614", 40),
]


def create_workshop(course, *, title, zip_code, capacity, days):
    """A published workshop at a school in ``zip_code``, ``days`` from now."""
    from django.utils import timezone

    from workshops import geo
    from workshops.models import Workshop

    place = geo.lookup_zip(zip_code)
    start = timezone.now() + timedelta(days=days)
    return Workshop.objects.create(
        title=title,
        course=course,
        venue_name="Stack School",
        street_address="1 Main St",
        city=place.city,
        state=place.state,
        zip_code=zip_code,
        latitude=place.latitude,
        longitude=place.longitude,
        time_zone=place.time_zone,
        starts_at=start,
        ends_at=start + timedelta(hours=6),
        capacity=capacity,
        facilitator_names="Stack Facilitator",
        facilitator_email="facilitator@example.com",
        status=Workshop.Status.PUBLISHED,
    )


def main():
    import django

    django.setup()
    from workshops.models import Course

    course, _ = Course.objects.get_or_create(slug="stack", defaults={"name": "Stack course"})
    ids = {"load": []}
    for i, (name, zip_code, seats) in enumerate(WORKSHOPS):
        workshop = create_workshop(
            course,
            title=f"Stack workshop {i} ({name})",
            zip_code=zip_code,
            capacity=seats,
            days=10 + i,
        )
        if name == "load":
            ids["load"].append(workshop.pk)
        else:
            ids[name] = workshop.pk
    print(json.dumps(ids))


if __name__ == "__main__":
    main()
