"""The checks under load: failover of an app server, Redis and PostgreSQL restarted, and a
graceful reload of both app servers. A few visitors loop over mixed pages and sign-ups for a
bounded time while a controller breaks and mends the stack on a schedule."""

import random
import threading
import time

from . import site
from .checks import check
from .client import Visitor

MAX_REQUESTS_PER_VISITOR = 5000  # a bound besides the clock


class Load:
    def __init__(self, stack, log, ids, name, visitors):
        self.stack, self.log, self.ids, self.name = stack, log, ids, name
        self.visitors = visitors
        self.confirmed, self.lock = [], threading.Lock()
        self.friendly_500 = self.bare_500 = 0

    def visitor(self, n, deadline):
        rng = random.Random(f"{self.name}-{n}")
        v = Visitor(self.stack.https_port, self.stack.cert, self.log)
        for i in range(MAX_REQUESTS_PER_VISITOR):
            if time.monotonic() >= deadline:
                break
            roll = rng.random()
            pk = rng.choice(self.ids["load"])
            if roll < 0.4:
                response = v.request("GET", site.SEARCH, kind="search")
            elif roll < 0.75:
                response = v.request("GET", f"{site.BASE}/{pk}", kind="page")
            else:
                email = f"{self.name}-{n}-{i}@example.com"
                response = site.signup(v, pk, email, kind="signup")
                if site.confirmed(response):
                    with self.lock:
                        self.confirmed.append(email)
            if response is not None and response.status == 500:
                with self.lock:
                    if site.FRIENDLY in response.text:
                        self.friendly_500 += 1
                    else:
                        self.bare_500 += 1
            time.sleep(0.02)
        v.close()

    def run(self, seconds, schedule):
        """Load for ``seconds``; ``schedule`` is [(at_seconds, phase, action or None)]. Returns
        {phase: monotonic time it began}."""
        started = time.monotonic()
        deadline = started + seconds
        threads = [
            threading.Thread(target=self.visitor, args=(n, deadline), daemon=True)
            for n in range(self.visitors)
        ]
        began = {}
        for t in threads:
            t.start()
        for at, phase, action in schedule:
            time.sleep(max(0.0, started + at - time.monotonic()))
            self.log.phase = phase
            if action:
                action()
            began[phase] = time.monotonic()
        for t in threads:
            t.join(timeout=seconds + 60)
        return began

    def signups(self):
        """(confirmed by the server, rows in the database, confirmed but missing, rows
        present twice) for this load's sign-ups."""
        rows = self.stack.db.rows_like(f"{self.name}-%")
        emails = [email for email, _, _ in rows]
        missing = set(self.confirmed) - set(emails)
        doubled = len(emails) - len(set(emails))
        counts = len(self.confirmed), len(rows), len(missing), doubled
        self.stack.signups[self.name] = counts  # for the table
        return counts


def failover(stack, log, ids, seconds=60, visitors=5):
    """App server A is killed (SIGKILL, master and workers) at 1/3 and restarted at 2/3."""
    load = Load(stack, log, ids, "failover", visitors)
    a = stack.a
    killed = {}

    def kill():
        killed["at"] = time.monotonic()
        a.kill()
        killed["dead"] = time.monotonic()  # every process of A has exited

    third = seconds / 3
    began = load.run(
        seconds,
        [
            (0, "failover: both up", None),
            (third, "failover: A killed", kill),
            (2 * third, "failover: A restarted", a.start),
        ],
    )
    records = [r for r in log.records if r.phase.startswith("failover")]
    failed = [r for r in records if r.status is None or r.status >= 500]
    # A dies over a few milliseconds, not at an instant: until its last process has exited the
    # kernel still accepts connections on its port, and a request nginx sends there then is
    # reset unanswered (a POST is not retried, as it must not be). So "in flight when A died"
    # is any request on A that overlapped the kill, from the signal to the port closing.
    in_flight_on_a = [
        r
        for r in failed
        if a.address in r.upstream and r.started <= killed["dead"] and r.ended >= killed["at"]
    ]
    confirmed, rows, missing, doubled = load.signups()
    back = [r for r in log.of("failover: A restarted") if r.upstream == a.address]
    if not back:  # A came back late on a busy machine: ask until nginx tries it again
        v = Visitor(stack.https_port, stack.cert, log)
        deadline = time.monotonic() + 30
        while not back and time.monotonic() < deadline:
            response = v.request("GET", site.SEARCH, kind="search")
            back = [response] if response.upstream == a.address else []
            time.sleep(0.2)
        v.close()
    return [
        check(
            "failover: only requests in flight on A when it died failed",
            len(failed) == len(in_flight_on_a),
            f"{len(records)} requests, {len(failed)} failed, of which {len(in_flight_on_a)} "
            f"were in flight on A at the kill"
            + (": " if failed else "")
            + ", ".join(
                f"{r.kind} {r.status or r.error} on {r.upstream or 'no server'} "
                f"{r.started - killed['at']:+.2f}s..{r.ended - killed['at']:+.2f}s"
                for r in failed
            )
            + f" (A took {killed['dead'] - killed['at']:.2f} s to die)",
        ),
        check(
            "failover: A takes requests again after its restart",
            back,
            f"{len(back)} answered by A after the restart "
            f"(up {began['failover: A restarted'] - began['failover: A killed']:.0f} s after "
            "the kill)",
        ),
        check(
            "failover: no duplicate sign-ups, every confirmed one saved",
            missing == 0 and doubled == 0,
            f"confirmed {confirmed}, rows {rows} (a sign-up committed on A just before the "
            f"kill may be a row without an answer), missing {missing}, twice {doubled}",
        ),
    ]


def restart_under_load(stack, log, ids, name, service, seconds, visitors):
    """Load for ``seconds``; ``service`` stopped at 30% of it and started again at 55%."""
    load = Load(stack, log, ids, name, visitors)
    began = load.run(seconds, [
        (0, f"{name}: up", None),
        (seconds * 0.3, f"{name}: down", service.stop),
        (seconds * 0.55, f"{name}: back", service.start),
    ])  # fmt: skip
    return load, began


def redis_restart(stack, log, ids, seconds=30, visitors=5):
    load, _ = restart_under_load(stack, log, ids, "redis", stack.redis, seconds, visitors)
    records = [r for r in log.records if r.phase.startswith("redis")]
    errors = [r for r in records if r.status is None or r.status >= 500]
    log.phase = "redis: after"
    stale = []
    v = Visitor(stack.https_port, stack.cert, log)
    for pk in ids["load"]:
        expected = site.seats_text(stack.db.seats_left(pk))
        for _ in range(2):  # round robin: one answer from each app server
            page = v.request("GET", f"{site.BASE}/{pk}", kind="page")
            search = v.request("GET", site.SEARCH, kind="search")
            for response, shown in (
                (page, site.seats_on_page(page.text)),
                (search, site.seats_in_results(search.text, pk)),
            ):
                if shown != expected:
                    stale.append(f"{pk} on {response.upstream}: {shown!r} not {expected!r}")
    v.close()
    confirmed, rows, missing, doubled = load.signups()
    return [
        check(
            "redis restarted mid-load: no 5xx, no failed request",
            not errors,
            f"{len(records)} requests, {len(errors)} errors",
        ),
        check(
            "redis back: every seat count shown equals the database",
            not stale,
            "; ".join(stale[:3])
            or f"{len(ids['load'])} workshops x page and search x both servers",
        ),
        check(
            "redis: every confirmed sign-up saved once",
            missing == 0 and doubled == 0,
            f"confirmed {confirmed}, rows {rows}",
        ),
    ]


def postgres_restart(stack, log, ids, seconds=30, visitors=5):
    load, began = restart_under_load(stack, log, ids, "postgres", stack.pg, seconds, visitors)
    back = began["postgres: back"]
    down = log.of("postgres: down")
    down_signups = [r for r in down if r.kind == "signup"]
    first_ok = min(
        (
            r.ended
            for r in log.of("postgres: back")
            if r.kind == "signup" and r.status == 302 and r.started >= back
        ),
        default=None,
    )
    # pg_ctl start -w returned at `back`: the time to the first sign-up saved after it.
    recovered = None if first_ok is None else first_ok - back
    records = [r for r in log.records if r.phase.startswith("postgres")]
    no_answer = [r for r in records if r.status is None or r.status in (502, 503, 504)]
    confirmed, rows, missing, doubled = load.signups()
    half = stack.db.half_saved()
    statuses = sorted({r.status for r in down_signups if r.status})
    return [
        check(
            "postgres down: sign-ups get the friendly error page, never a bare 500",
            load.bare_500 == 0 and 500 in statuses,
            f"{len(down_signups)} sign-up requests during the outage, answers {statuses}; "
            f"friendly 500 pages {load.friendly_500}, bare {load.bare_500}",
        ),
        check(
            "postgres down: nothing half-saved, no confirmed sign-up lost",
            half == 0 and missing == 0 and doubled == 0,
            f"sign-ups without their emails {half}; confirmed {confirmed}, rows {rows}",
        ),
        check(
            "postgres back: the site recovers by itself within 10 s",
            recovered is not None and recovered < 10,
            f"first sign-up saved {recovered:.1f} s after PostgreSQL was up"
            if recovered is not None
            else "no sign-up saved after the restart",
        ),
        check(
            "postgres: no app server dropped out (no 502/504 or no answer)",
            not no_answer,
            f"{len(no_answer)}",
        ),
    ]


def deploy(stack, log, ids, seconds=40, visitors=5):
    """A deploy: both app servers reloaded (HUP), one after the other, under load."""
    load = Load(stack, log, ids, "deploy", visitors)
    began = load.run(seconds, [
        (0, "deploy: before", None),
        (seconds * 0.2, "deploy: A reloading", stack.a.reload),
        (seconds * 0.2, "deploy: B reloading", stack.b.reload),
        (seconds * 0.2, "deploy: after", None),
    ])  # fmt: skip
    records = [r for r in log.records if r.phase.startswith("deploy")]
    lost = [r for r in records if r.status is None or r.status >= 500]
    confirmed, rows, missing, doubled = load.signups()
    took = began["deploy: B reloading"] - began["deploy: before"] - seconds * 0.2
    return [
        check("zero-downtime deploy: HUP of both app servers under load loses no request",
              not lost and missing == 0 and doubled == 0,
              f"{len(records)} requests, {len(lost)} lost; confirmed {confirmed}, rows {rows}; "
              f"the two reloads took {took:.0f} s"),
    ]  # fmt: skip
