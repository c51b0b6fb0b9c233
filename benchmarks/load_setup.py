"""Part of benchmarks/load.py: a fresh database with five small workshops near Chicago."""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pdsite.settings")


def main():
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from workshops import geo
    from workshops.models import Course, Enrollment, Workshop

    call_command("migrate", verbosity=0)
    call_command("load_pages", verbosity=0)
    Enrollment.objects.all().delete()
    Workshop.objects.all().delete()
    course, _ = Course.objects.get_or_create(slug="load", defaults={"name": "Load course"})
    ids = []
    for i, zip_code in enumerate(["60601", "60614", "60622", "60657", "60302"]):
        place = geo.lookup_zip(zip_code)
        start = timezone.now() + timedelta(days=10 + i)
        workshop = Workshop.objects.create(
            title=f"Load workshop {i}",
            course=course,
            venue_name="Load School",
            street_address="1 Main St",
            city=place.city,
            state=place.state,
            zip_code=zip_code,
            latitude=place.latitude,
            longitude=place.longitude,
            time_zone=place.time_zone,
            starts_at=start,
            ends_at=start + timedelta(hours=6),
            capacity=10,
            facilitator_names="Load Facilitator",
            facilitator_email="facilitator@example.com",
            status=Workshop.Status.PUBLISHED,
        )
        ids.append(workshop.pk)
    print("IDS " + json.dumps(ids))


if __name__ == "__main__":
    main()
