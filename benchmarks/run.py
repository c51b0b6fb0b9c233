"""`make bench`: seed separate databases, serve the site with gunicorn on loopback, load it with
wrk, and print a table per database and size.

Per page: requests per second, median and 95th-percentile latency, SQL queries per request,
bytes per response, and throughput as a share of a bare Django view's (the framework's ceiling,
measured in the same run). Also the admin change lists (median time, queries) and the finder
page's first-visit weight.

    python benchmarks/run.py                          # both databases, 1,000 and 100,000
    python benchmarks/run.py --db sqlite --workshops 1000 --duration 5
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PY = sys.executable
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PAGES = [
    "bare",
    "overview",
    "es-overview",
    "k5",
    "philosophy",
    "districts",
    "workshop",
    "workshop-cold",
    "signup",
    "finder-browse",
    "finder-state",
    "finder-spread",
    "finder-popular",
    "es-finder-popular",
    "bare-again",
]
# Pages whose throughput the issue sets a floor for (share of the bare view's).
TARGETS = {
    "overview": 60,
    "k5": 60,
    "philosophy": 60,
    "workshop": 60,
    "finder-spread": 25,
    "finder-popular": 50,
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(db, size):
    if db == "sqlite":
        return f"sqlite:///{RESULTS / f'bench-{size}.sqlite3'}"
    name = f"pdsite_bench_{size}"
    exists = subprocess.run(
        [
            "psql",
            f"{PG_ADMIN_URL}/postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname='{name}'",  # noqa: S608 - our own constant
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(
            ["psql", f"{PG_ADMIN_URL}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True
        )
    return f"{PG_ADMIN_URL}/{name}"


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("wrk is missing: installing Debian's wrk")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)


def server_env(db_url, static_root):
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "benchmark-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": db_url,
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(static_root),
        "BENCHMARK_VIEWS": "true",
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer {url}")


def run_wrk(base, paths, duration, connections, paths_file, unique=False):
    """wrk's figures for ``paths``, cycled; ``unique``: each request's query string made one no
    cache has seen (a counter appended: the views ignore fields they do not know)."""
    paths_file.write_text("\n".join(paths) + "\n")
    env = {**os.environ, "WRK_PATHS": str(paths_file), "WRK_UNIQUE": "1" if unique else ""}
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "benchmarks" / "paths.lua"),
        base,
    ]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    line = next(row for row in out.splitlines() if row.startswith("WRKJSON "))
    data = json.loads(line[len("WRKJSON ") :])
    seconds = data["duration_us"] / 1e6
    return {
        "rps": data["requests"] / seconds,
        "p50_ms": data["p50_us"] / 1000,
        "p95_ms": data["p95_us"] / 1000,
        "bytes": data["bytes"] / max(data["requests"], 1),
        "errors": data["non2xx"] + data["socket_errors"],
        "requests": data["requests"],
    }


def page_of(name):
    """The page a row measures ("bare-again" measures "bare" again)."""
    return name.removesuffix("-again")


def warm_up(name, paths, base, connections, tmp, pages):
    """What precedes each page's measurement: 2 s of the same paths, except for first visits."""
    if name == "finder-spread":
        # Cold: an empty cache, no warm-up with these paths, and every request a query no cache
        # has seen (wrk cycles through the 1,000 ZIP codes, each request with its own counter).
        flush_cache()
        run_wrk(base, pages["finder-popular"], 1, connections, tmp / "w")
        return
    if name == "workshop-cold":
        return  # first visits: never requested before
    if name == "workshop":
        visit_each(base, paths)  # the pages as visitors found them before
    run_wrk(base, paths, 2, connections, tmp / "warm")


def visit_each(base, paths):
    """Request each path once (a workshop page's first visit is measured as workshop-cold)."""
    for path in paths:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            response.read()


def flush_cache():
    """Empty the benchmark's own Redis database (cached pages of another run must not answer)."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def bench_one(db, size, args, static_root):
    print(f"\n== {db}, {size:,} workshops", flush=True)
    flush_cache()
    db_url = database_url(db, size)
    env = server_env(db_url, static_root)
    paths_json = RESULTS / f"paths-{db}-{size}.json"
    subprocess.run(
        [PY, "benchmarks/seed.py", "--workshops", str(size), "--paths", str(paths_json)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    pages = json.loads(paths_json.read_text())
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "pdsite.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(args.workers),
            "--access-logfile",
            "-",
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    rows = {}
    try:
        wait_until_up(base + "/healthz")
        with tempfile.TemporaryDirectory() as tmp:
            for name in [p for p in PAGES if not args.pages or page_of(p) in args.pages]:
                paths = pages[page_of(name)]
                warm_up(name, paths, base, args.connections, Path(tmp), pages)
                rows[name] = run_wrk(
                    base,
                    paths,
                    args.duration,
                    args.connections,
                    Path(tmp) / "paths",
                    unique=name in ("finder-spread", "workshop-cold"),
                )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    if args.skip_measure:
        return rows, {"pages": {}, "admin": {}, "weight": {"first_visit_kb": "(not measured)"}}
    measured = subprocess.run(
        [PY, "benchmarks/measure.py", str(paths_json)],
        cwd=ROOT,
        env={**env, "DJANGO_ENV": "development", "SECRET_KEY": "", "ALLOWED_HOSTS": ""},
        capture_output=True,
        text=True,
    )
    if measured.returncode:
        sys.stderr.write(measured.stderr)
        raise SystemExit("benchmarks/measure.py failed")
    extra = json.loads(
        next(r for r in measured.stdout.splitlines() if r.startswith("MEASUREJSON "))[12:]
    )
    return rows, extra


def print_table(db, size, rows, extra, cores):
    bare_rps = (rows["bare"]["rps"] + rows["bare-again"]["rps"]) / 2
    bare_p95 = (rows["bare"]["p95_ms"] + rows["bare-again"]["p95_ms"]) / 2
    print(f"\n### {db}, {size:,} workshops ({cores} cores)")
    print("bare = mean of the bare view measured first and last; target = the issue's floor.")
    print(
        "| page | req/s | % of bare | target | p50 ms | p95 ms | p95 / bare p95 | SQL/req "
        "| bytes | requests | errors |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, row in rows.items():
        page = extra["pages"].get(page_of(name), {})
        share = 100 * row["rps"] / bare_rps
        target = TARGETS.get(name)
        verdict = "" if target is None else f"{target}% {'ok' if share >= target else 'MISSED'}"
        print(
            f"| {name} | {row['rps']:.0f} | {share:.0f}% | {verdict} | {row['p50_ms']:.1f} "
            f"| {row['p95_ms']:.1f} | {row['p95_ms'] / bare_p95:.1f}x "
            f"| {page.get('queries_max', 0)} | {page.get('bytes_median', int(row['bytes']))} "
            f"| {row['requests']} | {row['errors']} |"
        )
    for name, figures in extra["admin"].items():
        if figures is None:
            print(f"Admin {name} change list: not registered in the admin")
            continue
        print(
            f"Admin {name} change list: median {figures['median_ms']} ms, "
            f"{figures['queries']} queries (targets: < 300 ms, < 10 queries)"
        )
    weight = extra["weight"]
    print(
        f"Finder results page, first visit (HTML+CSS+JS gzip): {weight['first_visit_kb']} KB "
        f"(target < 150 KB)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", action="append", choices=["sqlite", "postgresql"])
    parser.add_argument("--workshops", type=int, action="append")
    parser.add_argument("--duration", type=int, default=5, help="seconds per page")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2))
    parser.add_argument(
        "--pages", nargs="+", choices=PAGES[:-1], help="only these pages (and always the bare view)"
    )
    parser.add_argument("--skip-measure", action="store_true", help="no in-process measures")
    args = parser.parse_args()
    if args.pages:
        args.pages.append("bare")
    dbs = args.db or ["sqlite", "postgresql"]
    sizes = args.workshops or [1000, 100000]
    ensure_wrk()
    RESULTS.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count()
    static_root = RESULTS / "static"
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=server_env("sqlite:///" + str(RESULTS / "collect.sqlite3"), static_root),
        check=True,
    )
    tables, growth = [], []
    for db in dbs:
        medians = {}
        for size in sizes:
            rows, extra = bench_one(db, size, args, static_root)
            tables.append((db, size, rows, extra))
            if "finder-spread" in rows and "finder-popular" in rows:
                medians[size] = (rows["finder-spread"]["p50_ms"], rows["finder-popular"]["p50_ms"])
            print_table(db, size, rows, extra, cores)
        if len(medians) > 1:
            small, large = min(medians), max(medians)
            for i, name in enumerate(["finder-spread", "finder-popular"]):
                ratio = medians[large][i] / medians[small][i]
                growth.append(
                    f"Growth on {db}: {name} median {medians[large][i]:.1f} ms at {large:,} vs "
                    f"{medians[small][i]:.1f} ms at {small:,} = {ratio:.2f}x "
                    f"(target <= 1.5x: {'ok' if ratio <= 1.5 else 'MISSED'})"
                )
    print("\n\n## Summary")
    for db, size, rows, extra in tables:
        print_table(db, size, rows, extra, cores)
    print()
    for line in growth:
        print(line)


if __name__ == "__main__":
    main()
