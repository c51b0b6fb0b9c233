"""`make stack`: the deploy/ recipe run on loopback and checked (issue 19).

Brings up its own PostgreSQL cluster, redis-server, two gunicorn app servers (deploy/
gunicorn.conf.py) and nginx (deploy/nginx/pdsite.conf with a self-signed certificate), all on
127.0.0.1 under one temporary folder, then checks journeys, capacity, freshness, the client's
address, failover, Redis and PostgreSQL restarts and a graceful reload, and prints a table.
Everything it started is stopped and the folder removed, also when a check fails or on Ctrl-C.

    python -m deploy.stack [--seconds 60] [--visitors 5] [--keep]
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import checks, envfile, faults, nginx
from .client import Log, summary
from .processes import ROOT, AppServer, Nginx, Postgres, Redis, free_port
from .site import Database

TIME_LIMIT = 900  # seconds: the whole run, set-up included, is stopped after this


class Stack:
    pass


def app_env(stack):
    """The recipe's environment template, with this machine's addresses filled in."""
    env = {**os.environ, **envfile.read()[0]}
    env.update(
        {
            "SECRET_KEY": "stack-" + "k" * 60,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"https://127.0.0.1:{stack.https_port}",
            "DATABASE_URL": stack.pg.url,
            "REDIS_URL": stack.redis.url,
            "STATIC_ROOT": str(stack.folder / "static"),
            # No SMTP server here: emails are still written to the outbox, then dropped.
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_HOST_PASSWORD": "",
            # The checks send inquiries as fast as a script; the limit is small to reach it quickly.
            "INQUIRY_MIN_SECONDS": "0",
            "INQUIRY_RATE_LIMIT": "3",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def manage(stack, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=stack.env,
        check=True,
        capture_output=True,
    )


def set_up(stack, workers):
    stack.pg.start()
    stack.pg.create_database()
    stack.redis.start()
    stack.env = app_env(stack)
    manage(stack, "migrate", "--no-input")
    manage(stack, "collectstatic", "--no-input")
    manage(stack, "load_pages")
    stack.staff_password = "stack-staff-password-1"
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "createsuperuser",
            "--no-input",
            "--username",
            "staff",
            "--email",
            "staff@example.org",
        ],
        cwd=ROOT,
        env={**stack.env, "DJANGO_SUPERUSER_PASSWORD": stack.staff_password},
        check=True,
        capture_output=True,
    )
    seeded = subprocess.run(
        [sys.executable, "deploy/stack/seed.py"],
        cwd=ROOT,
        env=stack.env,
        check=True,
        capture_output=True,
        text=True,
    )
    ids = json.loads(seeded.stdout.strip().splitlines()[-1])
    stack.a = AppServer("A", stack.folder, stack.env, workers)
    stack.b = AppServer("B", stack.folder, stack.env, workers)
    stack.a.start()
    stack.b.start()
    stack.cert, key = nginx.make_certificate(stack.folder)
    config = nginx.write(
        stack.folder / "nginx",
        http_port=stack.http_port,
        https_port=stack.https_port,
        cert=stack.cert,
        key=key,
        upstreams=[stack.a.address, stack.b.address],
        static_root=stack.folder / "static",
    )
    stack.nginx = Nginx(stack.folder / "nginx", config)
    stack.nginx.start(stack.https_port)
    return ids


def backup_restore(stack):
    """The README's backup and restore, done: pg_dump, pg_restore into a new database, and the
    same rows come back."""
    dump = stack.pg.folder / "backup.dump"
    url = stack.pg.url
    subprocess.run(
        [*stack.pg.pg_tool("pg_dump"), "--format=custom", f"--file={dump}", url],
        check=True,
        capture_output=True,
    )
    restored = url.rsplit("/", 1)[0] + "/pdsite_restored"
    subprocess.run(
        [
            *stack.pg.pg_tool("createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(stack.pg.port),
            "-U",
            "postgres",
            "pdsite_restored",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [*stack.pg.pg_tool("pg_restore"), "--no-owner", f"--dbname={restored}", str(dump)],
        check=True,
        capture_output=True,
    )
    sql = (
        "SELECT (SELECT count(*) FROM workshops_enrollment), "
        "(SELECT count(*) FROM inquiries_inquiry), (SELECT count(*) FROM auth_user)"
    )
    before, after = stack.db.one(sql), Database(restored).one(sql)
    return [
        checks.check(
            "backup: pg_dump, then pg_restore into a new database, same rows",
            before == after,
            f"sign-ups, inquiries, users: {before} -> {after}",
        )
    ]


PHASES = ["journeys", "capacity", "freshness", "address", "failover", "redis", "postgres", "deploy"]


def table(log):
    lines = [f"{'phase':<28}{'requests':>9}  {'p50 ms':>7}{'p95 ms':>8}  errors by kind"]
    phases = []
    for record in log.records:
        if record.phase not in phases:
            phases.append(record.phase)
    for phase in phases:
        s = summary(log.of(phase))
        errors = ", ".join(f"{k} x{n}" for k, n in sorted(s["errors"].items())) or "-"
        lines.append(f"{phase:<28}{s['requests']:>9}  {s['p50']:>7.0f}{s['p95']:>8.0f}  {errors}")
    s = summary(log.records)
    lines.append(f"{'all':<28}{s['requests']:>9}  {s['p50']:>7.0f}{s['p95']:>8.0f}")
    return "\n".join(lines)


def signups_table(loads):
    lines = [f"{'load':<10}{'confirmed':>10}{'rows':>6}{'missing':>9}{'twice':>7}"]
    for name, (confirmed, rows, missing, doubled) in loads.items():
        lines.append(f"{name:<10}{confirmed:>10}{rows:>6}{missing:>9}{doubled:>7}")
    return "\n".join(lines)


def stop_all(stack):
    for name in ("nginx", "a", "b", "redis", "pg"):
        part = getattr(stack, name, None)
        if part is None:
            continue
        try:
            part.stop()
        except Exception as exc:  # keep stopping the others
            print(f"could not stop {name}: {exc}", file=sys.stderr)


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=60, help="the failover load (60)")
    parser.add_argument("--visitors", type=int, default=5, help="concurrent visitors (5)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--keep", action="store_true", help="keep the folder (logs)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGALRM, _interrupt)
    signal.alarm(TIME_LIMIT)
    began = time.monotonic()
    stack = Stack()
    stack.folder = Path(tempfile.mkdtemp(prefix="pdsite-stack-"))
    stack.folder.chmod(0o755)  # the postgres user and nginx's workers look inside
    stack.http_port, stack.https_port = free_port(), free_port()
    stack.pg, stack.redis = Postgres(stack.folder), Redis(stack.folder)
    stack.db = Database(stack.pg.url)
    log = Log()
    results, stack.signups = [], {}
    try:
        ids = set_up(stack, args.workers)
        print(
            f"stack up in {time.monotonic() - began:.0f} s: nginx https://127.0.0.1:"
            f"{stack.https_port}, app servers A {stack.a.address} and B {stack.b.address}, "
            f"PostgreSQL :{stack.pg.port}, Redis :{stack.redis.port}",
            flush=True,
        )
        results += checks.journeys(stack, log, ids)
        results += checks.capacity(stack, log, ids)
        results += checks.freshness(stack, log, ids)
        results += checks.real_address(stack, log)
        v = args.visitors
        results += faults.failover(stack, log, ids, seconds=args.seconds, visitors=v)
        results += faults.redis_restart(stack, log, ids, seconds=30, visitors=v)
        results += faults.postgres_restart(stack, log, ids, seconds=30, visitors=v)
        results += faults.deploy(stack, log, ids, seconds=40, visitors=v)
        over, twice = stack.db.over_capacity(), stack.db.duplicates()
        results.append(
            checks.check(
                "capacity holds after everything: no workshop over, no sign-up twice",
                not over and not twice,
                f"over {over}, twice {twice}",
            )
        )
        results += backup_restore(stack)
    except BaseException as exc:
        results.append(checks.check("the run itself", False, f"{type(exc).__name__}: {exc}"))
        for name in ("gunicorn-A.log", "gunicorn-B.log", "nginx/error.log"):
            path = stack.folder / name
            if path.exists():
                print(f"--- last lines of {name}", file=sys.stderr)
                print("\n".join(path.read_text().splitlines()[-15:]), file=sys.stderr)
    finally:
        signal.alarm(0)
        stop_all(stack)
        if args.keep:
            print(f"kept {stack.folder}")
        else:
            shutil.rmtree(stack.folder, ignore_errors=True)
    print()
    print(table(log))
    print()
    print(signups_table(stack.signups) if stack.signups else "")
    print()
    for r in results:
        print(f"{'PASS' if r.ok else 'FAIL'}  {r.name}" + (f"  ({r.detail})" if r.detail else ""))
    passed = all(r.ok for r in results)
    print(
        f"\nmake stack: {'PASS' if passed else 'FAIL'} "
        f"({sum(r.ok for r in results)}/{len(results)} checks, "
        f"{time.monotonic() - began:.0f} s)"
    )
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
