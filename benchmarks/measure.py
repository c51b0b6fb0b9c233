"""In-process measurements for run.py: SQL queries and bytes per page, admin change-list
timings, and the finder page's first-visit weight. Prints one JSON object.

    DATABASE_URL=... python benchmarks/measure.py PATHS_JSON
"""

import gzip
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pdsite.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def queries_and_bytes(client, paths):
    counts, sizes = [], []
    for path in paths:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        counts.append(len(ctx.captured_queries))
        sizes.append(len(response.content))
    return {"queries_max": max(counts), "bytes_median": int(statistics.median(sizes))}


def admin_timings(client, path, runs=15):
    """Median time and most queries of a change list, or None when the model has no admin."""
    if client.get(path).status_code == 404:
        return None
    times, counts = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        counts.append(len(ctx.captured_queries))
    return {"median_ms": round(statistics.median(times[2:]), 1), "queries": max(counts)}


def first_visit_weight(client, path):
    """gzip size of the HTML plus every stylesheet and script it references."""
    html = client.get(path).content
    total = len(gzip.compress(html))
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    for asset in sorted(set(assets)):
        name = asset.decode()[len(settings.STATIC_URL) :]
        collected = Path(settings.STATIC_ROOT) / name  # what the server sends (hashed names)
        found = collected if collected.is_file() else finders.find(name)
        if not found:
            raise SystemExit(f"static file {name} not found: is node_modules installed?")
        total += len(gzip.compress(Path(found).read_bytes()))
    return {"first_visit_kb": round(total / 1024, 1), "assets": len(set(assets))}


def main():
    setup_test_environment()
    pages = json.loads(Path(sys.argv[1]).read_text())
    client = Client()
    result = {"pages": {}}
    for name, paths in pages.items():
        if name == "bare":
            continue
        result["pages"][name] = queries_and_bytes(client, paths[:20])
    result["weight"] = first_visit_weight(client, pages["finder-popular"][0])

    user_model = get_user_model()
    admin = user_model.objects.filter(username="bench-admin").first()
    if admin is None:
        admin = user_model.objects.create_superuser("bench-admin", "bench@example.com", "x")
    staff = Client()
    staff.force_login(admin)
    admin_url = "/" + settings.ADMIN_URL
    result["admin"] = {
        "workshops": admin_timings(staff, admin_url + "workshops/workshop/"),
    }
    if "inquiries" in settings.INSTALLED_APPS:
        result["admin"]["inquiries"] = admin_timings(staff, admin_url + "inquiries/inquiry/")
    # Not a target of the issue, but the biggest table (5 sign-ups per workshop).
    result["admin"]["sign-ups"] = admin_timings(staff, admin_url + "workshops/enrollment/")
    print("MEASUREJSON " + json.dumps(result))


if __name__ == "__main__":
    main()
