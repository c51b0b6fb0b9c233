"""Where a cold finder search spends its time, in-process: no gunicorn, no wrk, no network.

Runs the bench's spread searches (each with a query string no cache has seen, the caches
emptied first) through Django's WSGI handler against a database `make bench` seeded, and
prints the mean time per search and the share of its parts.

    python benchmarks/cold_search.py                       # SQLite, 100,000 workshops
    python benchmarks/cold_search.py --db postgresql --workshops 1000
"""

import argparse
import collections
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--workshops", type=int, default=100000)
    parser.add_argument("--searches", type=int, default=300)
    return parser.parse_args()


def main():
    args = parse_args()
    from run import REDIS_URL, RESULTS, database_url, server_env

    paths_json = RESULTS / f"paths-{args.db}-{args.workshops}.json"
    if not paths_json.exists():
        raise SystemExit(f"{paths_json} is missing: run make bench (or run.py) first")
    os.environ.update(server_env(database_url(args.db, args.workshops), RESULTS / "static"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pdsite.settings")
    import django

    django.setup()
    import redis
    from django.core.cache import caches
    from django.core.handlers.wsgi import WSGIHandler

    from pdsite import pagecache
    from workshops import caching, search
    from workshops.views import finder

    redis.Redis.from_url(REDIS_URL).flushdb()
    for cache in caches.all():
        cache.clear()
    app = WSGIHandler()
    spent = collections.Counter()

    def timed(module, name, label):
        function = getattr(module, name)

        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - started

        setattr(module, name, wrapper)

    timed(search.Matches, "rows", "rows: ids, count and the page's workshops (2 queries)")
    timed(finder, "render", "template")
    timed(caching, "page_stamp", "the workshops' version (Redis)")
    timed(pagecache, "store", "storing the page")
    timed(pagecache, "get_entry", "page cache lookup (a miss)")

    def get(path, n):
        address, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": address,
            "QUERY_STRING": f"{query}&request={n}",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
        }
        status = []
        b"".join(app(environ, lambda s, headers, *_: status.append(s)))
        assert status[0].startswith("200"), (path, status)

    paths = json.loads(paths_json.read_text())["finder-spread"]
    for n, path in enumerate(paths[:50]):  # warm the process up (not the pages)
        get(path, n)
    spent.clear()
    measured = paths[100 : 100 + args.searches]
    started = time.perf_counter()
    for n, path in enumerate(measured):
        get(path, 10**6 + n)
    total = (time.perf_counter() - started) / len(measured) * 1000
    print(f"{args.db}, {args.workshops:,} workshops: {total:.2f} ms per cold search")
    for label, seconds in spent.most_common():
        ms = seconds / len(measured) * 1000
        print(f"  {ms:5.2f} ms  {100 * ms / total:3.0f}%  {label}")
    rest = total - sum(spent.values()) / len(measured) * 1000
    print(f"  {rest:5.2f} ms  {100 * rest / total:3.0f}%  the rest (middleware, form, Django)")


if __name__ == "__main__":
    main()
