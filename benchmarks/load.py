"""Load test (issue: hostile input, faults and load): 50 virtual users for 60 s against the site
under gunicorn on PostgreSQL with a Redis cache, mixing finder searches, workshop pages and
sign-ups on a small set of workshops. Afterwards: no workshop over capacity, and every sign-up
the server confirmed is in the database exactly once. Prints the figures; exits 1 on a failure.

    python benchmarks/load.py [--users 50] [--seconds 60] [--db sqlite]

LOAD_DATABASE (default pdsite_load) names the PostgreSQL database it drops and re-creates, and
LOAD_REDIS_URL (default redis://127.0.0.1:6379/13) the Redis database: give each developer
running it at the same time their own.
"""

import argparse
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import free_port, server_env, wait_until_up  # noqa: E402

PY = sys.executable
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def django_run(script_and_args, env):
    script, *rest = script_and_args
    out = subprocess.run(
        [PY, str(ROOT / "benchmarks" / script), *rest],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(out.stderr)
    return out.stdout


class User(threading.Thread):
    def __init__(self, n, port, ids, deadline, stats, confirmed, lock):
        super().__init__(daemon=True)
        self.n, self.port, self.ids, self.deadline = n, port, ids, deadline
        self.stats, self.confirmed, self.lock = stats, confirmed, lock
        self.rng = random.Random(n)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read().decode("utf-8", "replace")
        except OSError as exc:
            with self.lock:
                self.stats["socket errors"] += 1
            return None, str(exc), {}
        finally:
            conn.close()
        elapsed = time.perf_counter() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        with self.lock:
            self.stats[f"HTTP {response.status}"] += 1
            self.stats["latencies"].append(elapsed)
        return response.status, data, dict(response.getheaders())

    def signup(self, i):
        pk = self.rng.choice(self.ids)
        path = f"/professional-development-workshops/{pk}/signup"
        status, page, _ = self.request("GET", path)
        match = CSRF_RE.search(page or "")
        if status != 200 or not match:
            return
        email = f"load-{self.n}-{i}@example.com"
        form = {
            "csrfmiddlewaretoken": match.group(1),
            "first_name": "Load",
            "last_name": f"User {self.n}",
            "email": email,
            "school_name": "Load Elementary",
            "school_zip": "60601",
            "role": "classroom_teacher",
            "grades": ["K", "1"],
        }
        body = urllib.parse.urlencode(form, doseq=True)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{self.port}{path}",
        }
        status, _, response_headers = self.request("POST", path, body, headers)
        if status == 302 and "/signup/" in response_headers.get("Location", ""):
            with self.lock:
                self.confirmed.append(email)

    def run(self):
        i = 0
        while time.monotonic() < self.deadline:
            i += 1
            roll = self.rng.random()
            if roll < 0.4:
                q = self.rng.choice(["Chicago%2C+IL", "60601", "60302", "Evanston+IL"])
                self.request("GET", f"/professional-development-workshops?q={q}&distance=50")
            elif roll < 0.75:
                self.request(
                    "GET", f"/professional-development-workshops/{self.rng.choice(self.ids)}"
                )
            else:
                self.signup(i)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    results = ROOT / "benchmarks" / "results"
    results.mkdir(parents=True, exist_ok=True)
    if args.db == "postgresql":
        name = os.environ.get("LOAD_DATABASE", "pdsite_load")
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise SystemExit("LOAD_DATABASE must be a plain database name, like pdsite_load.")
        subprocess.run(["psql", "postgres://postgres@127.0.0.1:5432/postgres", "-qc",
                        f"DROP DATABASE IF EXISTS {name}"], check=True)  # fmt: skip
        subprocess.run(["psql", "postgres://postgres@127.0.0.1:5432/postgres", "-qc",
                        f"CREATE DATABASE {name}"], check=True)  # fmt: skip
        db_url = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        db_file = results / "load.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        db_url = f"sqlite:///{db_file}"
    env = server_env(db_url, results / "static")
    env["REDIS_URL"] = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/13")
    subprocess.run([PY, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env,
                   check=True)  # fmt: skip
    setup_env = {**env, "DJANGO_ENV": "development", "SECRET_KEY": "", "ALLOWED_HOSTS": ""}
    ids = json.loads(django_run(["load_setup.py"], setup_env).split("IDS ", 1)[1])
    port = free_port()
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
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    stats = Counter()
    stats["latencies"] = []
    confirmed, lock = [], threading.Lock()
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz")
        deadline = time.monotonic() + args.seconds
        users = [User(n, port, ids, deadline, stats, confirmed, lock) for n in range(args.users)]
        started = time.monotonic()
        for user in users:
            user.start()
        for user in users:
            user.join()
        elapsed = time.monotonic() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    emails_file = results / "load-confirmed.json"
    emails_file.write_text(json.dumps(confirmed))
    verdict = json.loads(
        django_run(["load_check.py", str(emails_file)], setup_env).split("CHECK ", 1)[1]
    )
    latencies = sorted(stats.pop("latencies"))
    total = sum(v for k, v in stats.items() if k.startswith("HTTP"))
    server_errors = sum(v for k, v in stats.items() if k.startswith("HTTP 5"))
    print(
        f"\nLoad: {args.users} users for {elapsed:.0f} s on {args.db} (+ Redis), "
        f"{args.workers} workers"
    )
    print(f"requests: {total} ({total / elapsed:.0f}/s); by status: {dict(sorted(stats.items()))}")
    if latencies:
        p50 = latencies[len(latencies) // 2] * 1000
        p95 = latencies[int(len(latencies) * 0.95)] * 1000
        print(f"latency: median {p50:.0f} ms, 95th percentile {p95:.0f} ms")
    print(f"sign-ups confirmed by the server: {len(confirmed)}; rows: {verdict['rows']} "
          f"({verdict['enrolled']} enrolled, {verdict['waitlisted']} waitlisted)")  # fmt: skip
    print(f"workshops over capacity: {verdict['over']}; confirmed but missing: "
          f"{len(verdict['missing'])}; present twice: {len(verdict['doubled'])}")  # fmt: skip
    print(f"workshops whose seat columns drifted from their sign-ups: {verdict['drift']}")
    ok = not server_errors and not verdict["over"] and not verdict["missing"]
    ok = ok and not verdict["drift"]
    ok = ok and not verdict["doubled"] and stats["socket errors"] == 0
    print("RESULT:", "PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
