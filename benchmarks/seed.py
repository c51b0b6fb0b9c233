"""Seed a benchmark database with N workshops, 5 sign-ups per workshop and 1 inquiry per 5.

Runs against whatever DATABASE_URL says (run.py points it at a separate database). Bulk inserts:
100,000 workshops and 500,000 sign-ups take well under a minute.

    DATABASE_URL=... python benchmarks/seed.py --workshops 100000
"""

import argparse
import functools
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
from workshops.models import STATE_CODES, Course, Enrollment, Workshop  # noqa: E402

BATCH = 5000
SIGNUPS_PER_WORKSHOP = 5
WORKSHOPS_PER_INQUIRY = 5


def insert(model, objs=(), template=None, varying=(), rows=()):
    """Insert rows in bulk, much faster than ``bulk_create``: COPY on PostgreSQL,
    ``executemany`` on SQLite. Either ``objs`` (unsaved instances) or, faster, ``template`` (one
    unsaved instance: the defaults and constants of every row) with ``rows`` of database-ready
    values for the fields named in ``varying``. No ids come back: read them afterwards."""
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key or f.generated)]

    def prepared(obj):
        return [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]

    if template is not None:
        base = prepared(template)
        positions = [[f.attname for f in fields].index(name) for name in varying]

        def full(row):
            values = base.copy()
            for position, value in zip(positions, row, strict=True):
                values[position] = value
            return values

        rows = [full(row) for row in rows]
    else:
        rows = [prepared(obj) for obj in objs]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                copy.write("".join(map(copy_line, rows)))
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608
    return len(rows)


def copy_line(row):
    """One row in COPY's text format (the seeded values hold no tab, newline or backslash)."""
    return "\t".join("\\N" if value is None else str(value) for value in row) + "\n"


@functools.cache
def db_datetime(value):
    return connection.ops.adapt_datetimefield_value(value)


def standard_zips():
    by_zip, _ = geo._tables()
    states = set(STATE_CODES)  # no military (AA, AE, AP) or freely associated state ZIPs
    return sorted(z for z, p in by_zip.items() if p.time_zone and p.state in states)


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
    template = Workshop(
        title="",
        course=course,
        facilitator_names="Benchmark Facilitator",
        facilitator_email="facilitator@example.com",
        status=Workshop.Status.PUBLISHED,
        published_at=now,
        seats_taken=SIGNUPS_PER_WORKSHOP,  # the sign-ups inserted below, all enrolled
    )
    varying = [
        "title", "venue_name", "street_address", "city", "state", "zip_code", "latitude",
        "longitude", "time_zone", "starts_at", "ends_at", "capacity",
    ]  # fmt: skip
    for start in range(0, n_workshops, BATCH):
        rows = []
        for i in range(start, min(start + BATCH, n_workshops)):
            place = by_zip[zips[rng.randrange(len(zips))]]
            # 80% upcoming over the next year, 20% in the past (a programme's history).
            days = rng.randint(-700, -1) if rng.random() < 0.2 else rng.randint(1, 365)
            starts = (now + timedelta(days=days)).replace(
                hour=14, minute=0, second=0, microsecond=0
            )
            rows.append((
                f"Computer science fundamentals workshop #{i}",
                f"{place.city} Elementary School",
                f"{100 + i % 900} Main Street",
                place.city,
                place.state,
                place.zip_code,
                place.latitude,
                place.longitude,
                place.time_zone,
                db_datetime(starts),
                db_datetime(starts + timedelta(hours=6)),
                rng.choice([20, 25, 30, 40]),
            ))  # fmt: skip
        insert(Workshop, template=template, varying=varying, rows=rows)
    workshop_ids = list(Workshop.objects.order_by("pk").values_list("pk", flat=True))
    print(f"  {len(workshop_ids)} workshops in {time.monotonic() - started:.1f}s", flush=True)

    started = time.monotonic()
    template = Enrollment(
        workshop_id=workshop_ids[0] if workshop_ids else None,
        first_name="Teacher",
        school_name="Benchmark Elementary",
        school_zip="60601",
        role=Enrollment.Role.CLASSROOM_TEACHER,
        grades="K,1",
        status=Enrollment.Status.ENROLLED,
    )
    varying = ["workshop_id", "last_name", "email", "token"]
    rows = []
    n_enrollments = 0
    for workshop_id in workshop_ids:
        for j in range(SIGNUPS_PER_WORKSHOP):
            email = f"teacher{workshop_id}-{j}@example.com"
            rows.append((workshop_id, f"N{j}", email, f"bench-{workshop_id}-{j}"))
        if len(rows) >= BATCH * 4:
            n_enrollments += insert(Enrollment, template=template, varying=varying, rows=rows)
            rows = []
    if rows:
        n_enrollments += insert(Enrollment, template=template, varying=varying, rows=rows)
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
        insert(Inquiry, build_inquiries(start, min(BATCH, n - start), rng))
    print(f"  {n} inquiries in {time.monotonic() - started:.1f}s", flush=True)


def write_paths(path, rng_seed=2):
    """The request paths each benchmarked page is measured over."""
    rng = random.Random(rng_seed)
    upcoming = list(Workshop.objects.upcoming().values_list("pk", "zip_code")[:20000])
    rng.shuffle(upcoming)
    zips = sorted({zip_code for _, zip_code in upcoming})
    states = sorted(set(Workshop.objects.upcoming().values_list("state", flat=True).distinct()))
    rng.shuffle(zips)
    base = "/professional-development-workshops"
    split = min(1000, len(upcoming) // 2)
    paths = {
        "bare": ["/bench/bare"],
        "overview": ["/"],
        "k5": ["/k5"],
        "philosophy": ["/educate/professional-development-philosophy"],
        "districts": ["/educate/districts"],
        "finder-browse": [base],
        "workshop": [f"{base}/{pk}" for pk, _ in upcoming[:split]],
        # First visits: up to 2,000 other workshops (wrk also gives each request its own query
        # string, so a page asked for again is still a first visit).
        "workshop-cold": [f"{base}/{pk}" for pk, _ in upcoming[split : split + 2000]],
        "signup": [f"{base}/{pk}/signup" for pk, _ in upcoming[:1000]],
        "finder-state": [f"{base}/state/{code}" for code in states],
        "finder-spread": [f"{base}?q={zip_code}&distance=50" for zip_code in zips[:1000]],
        "finder-popular": [f"{base}?q=Chicago%2C+IL&distance=50"],
        # The same two pages in Spanish (issue 18: within 10% of the English figures).
        "es-overview": ["/es/"],
        "es-finder-popular": [f"/es{base}?q=Chicago%2C+IL&distance=50"],
    }
    Path(path).write_text(json.dumps(paths, indent=1))


def analyze():
    """Fresh planner statistics on both databases; on PostgreSQL also the visibility map, so
    the finder's covering index answers without reading the table (autovacuum does this on a
    live site)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workshops", type=int, default=1000)
    parser.add_argument("--paths", help="Write the benchmark request paths (JSON) here.")
    args = parser.parse_args()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_pages", verbosity=0)  # creates only the pages that are missing
    if Workshop.objects.exists():
        print(f"  database already seeded ({Workshop.objects.count()} workshops)")
        analyze()  # a migration may have added an index
        if args.paths:
            write_paths(args.paths)
        return
    started = time.monotonic()
    seed(args.workshops)
    analyze()
    print(f"  seeded in {time.monotonic() - started:.1f}s")
    if args.paths:
        write_paths(args.paths)


if __name__ == "__main__":
    main()
