"""Seed a benchmark database with N workshops, 5 sign-ups per workshop and 1 inquiry per 5.

Runs against whatever DATABASE_URL says (run.py points it at a separate database). Bulk inserts:
100,000 workshops and 500,000 sign-ups take well under a minute.

    DATABASE_URL=... python benchmarks/seed.py --workshops 100000
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pdsite.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from workshops import geo  # noqa: E402
from workshops.models import Course, Enrollment, Workshop, new_token  # noqa: E402

BATCH = 5000
SIGNUPS_PER_WORKSHOP = 5
WORKSHOPS_PER_INQUIRY = 5


def standard_zips():
    by_zip, _ = geo._tables()
    return sorted(z for z, place in by_zip.items() if place.time_zone)


def seed(n_workshops, seed_value=1):
    rng = random.Random(seed_value)
    zips = standard_zips()
    by_zip, _ = geo._tables()
    course, _ = Course.objects.get_or_create(
        slug="bench-course", defaults={"name": "Benchmark course", "grades": "K-5"}
    )
    now = timezone.now()
    started = time.monotonic()
    workshop_ids = []
    for start in range(0, n_workshops, BATCH):
        batch = []
        for i in range(start, min(start + BATCH, n_workshops)):
            place = by_zip[zips[rng.randrange(len(zips))]]
            # 80% upcoming over the next year, 20% in the past (a programme's history).
            offset = timedelta(
                days=rng.randint(-700, -1) if rng.random() < 0.2 else rng.randint(1, 365)
            )
            starts = (now + offset).replace(hour=14, minute=0, second=0, microsecond=0)
            batch.append(
                Workshop(
                    title=f"Computer science fundamentals workshop #{i}",
                    course=course,
                    venue_name=f"{place.city} Elementary School",
                    street_address=f"{100 + i % 900} Main Street",
                    city=place.city,
                    state=place.state,
                    zip_code=place.zip_code,
                    latitude=place.latitude,
                    longitude=place.longitude,
                    time_zone=place.time_zone,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=6),
                    capacity=rng.choice([20, 25, 30, 40]),
                    facilitator_names="Benchmark Facilitator",
                    facilitator_email="facilitator@example.com",
                    status=Workshop.Status.PUBLISHED,
                    published_at=now,
                )
            )
        with transaction.atomic():
            created = Workshop.objects.bulk_create(batch, batch_size=BATCH)
        workshop_ids.extend(w.pk for w in created)
    print(f"  {len(workshop_ids)} workshops in {time.monotonic() - started:.1f}s", flush=True)

    started = time.monotonic()
    rows = []
    n_enrollments = 0
    for workshop_id in workshop_ids:
        for j in range(SIGNUPS_PER_WORKSHOP):
            rows.append(
                Enrollment(
                    workshop_id=workshop_id,
                    first_name="Teacher",
                    last_name=f"N{j}",
                    email=f"teacher{workshop_id}-{j}@example.com",
                    school_name="Benchmark Elementary",
                    school_zip="60601",
                    role=Enrollment.Role.CLASSROOM_TEACHER,
                    grades="K,1",
                    status=Enrollment.Status.ENROLLED,
                    token=new_token(),
                )
            )
        if len(rows) >= BATCH * 4:
            with transaction.atomic():
                Enrollment.objects.bulk_create(rows, batch_size=BATCH)
            n_enrollments += len(rows)
            rows = []
    if rows:
        Enrollment.objects.bulk_create(rows, batch_size=BATCH)
        n_enrollments += len(rows)
    print(f"  {n_enrollments} sign-ups in {time.monotonic() - started:.1f}s", flush=True)

    if apps.is_installed("inquiries"):
        seed_inquiries(n_workshops // WORKSHOPS_PER_INQUIRY, rng)


def seed_inquiries(n, rng):
    """Inquiries through the model's own fields, whatever they are named: the inquiry app's
    ``benchmark_rows`` helper builds them when it exists."""
    started = time.monotonic()
    try:
        from inquiries.benchmark import build_inquiries
    except ImportError:
        print("  (no inquiries.benchmark.build_inquiries: inquiries not seeded)")
        return
    from inquiries.models import Inquiry

    for start in range(0, n, BATCH):
        with transaction.atomic():
            Inquiry.objects.bulk_create(build_inquiries(start, min(BATCH, n - start), rng))
    print(f"  {n} inquiries in {time.monotonic() - started:.1f}s", flush=True)


def write_paths(path, rng_seed=2):
    """The request paths each benchmarked page is measured over."""
    rng = random.Random(rng_seed)
    upcoming = list(Workshop.objects.upcoming().values_list("pk", "zip_code")[:20000])
    rng.shuffle(upcoming)
    zips = sorted({zip_code for _, zip_code in upcoming})
    rng.shuffle(zips)
    base = "/professional-development-workshops"
    paths = {
        "bare": ["/bench/bare"],
        "overview": ["/"],
        "k5": ["/k5"],
        "philosophy": ["/educate/professional-development-philosophy"],
        "districts": ["/educate/districts"],
        "finder-browse": [base],
        "workshop": [f"{base}/{pk}" for pk, _ in upcoming[:1000]],
        "finder-spread": [f"{base}?q={zip_code}&distance=50" for zip_code in zips[:1000]],
        "finder-popular": [f"{base}?q=Chicago%2C+IL&distance=50"],
    }
    Path(path).write_text(json.dumps(paths, indent=1))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workshops", type=int, default=1000)
    parser.add_argument("--paths", help="Write the benchmark request paths (JSON) here.")
    args = parser.parse_args()
    call_command("migrate", verbosity=0, interactive=False)
    if Workshop.objects.exists():
        print(f"  database already seeded ({Workshop.objects.count()} workshops)")
        if args.paths:
            write_paths(args.paths)
        return
    call_command("load_pages", verbosity=0)
    started = time.monotonic()
    seed(args.workshops)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics on both databases
    print(f"  seeded in {time.monotonic() - started:.1f}s")
    if args.paths:
        write_paths(args.paths)


if __name__ == "__main__":
    main()
