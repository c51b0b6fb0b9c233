"""The checks that need no load: journeys over TLS, capacity and freshness across the two app
servers, and the client's real address behind nginx. Each returns a list of Check rows."""

import random
import re
import socket
import ssl
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass

from . import site
from .client import Visitor


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


def check(name, ok, detail=""):
    return Check(name, bool(ok), detail)


def _alpn(port, cafile):
    context = ssl.create_default_context(cafile=str(cafile))
    context.set_alpn_protocols(["h2", "http/1.1"])
    with (
        socket.create_connection(("127.0.0.1", port), timeout=5) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        return tls.selected_alpn_protocol(), tls.version()


def journeys(stack, log, ids):
    log.phase = "journeys"
    v = Visitor(stack.https_port, stack.cert, log)
    out = []
    response = _no_redirect(f"http://127.0.0.1:{stack.http_port}/k5")
    location = response.headers["Location"] or ""
    out.append(
        check(
            "http:// answers 301 to https://",
            response.status == 301 and location.startswith("https://") and location.endswith("/k5"),
            f"{response.status} -> {location}",
        )
    )
    protocol, version = _alpn(stack.https_port, stack.cert)
    out.append(check("TLS with HTTP/2 offered (ALPN)", protocol == "h2", f"{version}, {protocol}"))

    home = v.request("GET", "/", headers={"X-Request-ID": "stack-journey-1"})
    hsts = home.header("strict-transport-security")
    csp = home.header("content-security-policy")
    out.append(check("home page", home.status == 200, f"{home.status} from {home.upstream}"))
    out.append(check("HSTS as the browser sees it", "max-age=31536000" in hsts, hsts))
    out.append(
        check(
            "CSP as the browser sees it",
            "default-src 'self'" in csp and "frame-ancestors 'none'" in csp,
            csp[:60] + "...",
        )
    )
    out.append(
        check(
            "request id passed through nginx to the app and back",
            home.header("x-request-id") == "stack-journey-1",
            home.header("x-request-id"),
        )
    )

    search = v.request("GET", site.SEARCH, kind="search")
    out.append(
        check(
            "search lists the workshops",
            search.status == 200 and f'href="{site.BASE}/{ids["journey"]}"' in search.text,
            f"{search.status} from {search.upstream}",
        )
    )

    form_page = v.request("GET", f"{site.BASE}/{ids['journey']}/signup", kind="signup")
    cookies = form_page.headers.get("set-cookie", [])
    secure = [c for c in cookies if "; secure" in c.lower()]
    out.append(
        check(
            "cookies are Secure (CSRF cookie on the sign-up form)",
            cookies and len(secure) == len(cookies),
            "; ".join(c.split(";")[0].split("=")[0] + " Secure" for c in secure),
        )
    )
    posted = site.signup(v, ids["journey"], "journey@example.com")
    enrollment = posted.header("location") if posted else ""
    mine = v.request("GET", enrollment, kind="signup") if site.confirmed(posted) else None
    out.append(
        check(
            "sign-up",
            mine is not None and "Status: Enrolled" in mine.text,
            f"POST {posted.status if posted else '-'} from {posted.upstream if posted else '-'}",
        )
    )
    cancel_page = v.request("GET", enrollment + "/cancel", kind="cancel")
    cancelled = v.request(
        "POST", enrollment + "/cancel", {"csrfmiddlewaretoken": cancel_page.csrf()}, kind="cancel"
    )
    row = stack.db.one(
        "SELECT status FROM workshops_enrollment WHERE email = %s", ("journey@example.com",)
    )
    out.append(
        check(
            "cancel",
            cancelled.status == 302 and row == ("cancelled",),
            f"POST {cancelled.status} from {cancelled.upstream}; row {row[0]}",
        )
    )
    sent = site.inquiry(v, "Journey District")
    stored = stack.db.one(
        "SELECT count(*) FROM inquiries_inquiry WHERE district = %s", ("Journey District",)
    )[0]
    out.append(
        check(
            "inquiry",
            sent.status == 302 and stored == 1,
            f"POST {sent.status} from {sent.upstream}; rows {stored}",
        )
    )

    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home.text)
    static = v.request(
        "GET",
        css.group(1) if css else "/static/missing",
        headers={"Accept-Encoding": "gzip"},
        kind="static",
    )
    cache = static.header("cache-control")
    out.append(
        check(
            "static file from nginx: hashed name, gzip, cached a year",
            static.status == 200
            and static.header("content-encoding") == "gzip"
            and "immutable" in cache
            and not static.upstream,
            f"{css.group(1) if css else 'no hashed css'}: "
            f"{static.header('content-encoding')}, {cache}",
        )
    )
    big = v.request("POST", "/educate/districts", {"message": "x" * 1_100_000}, kind="inquiry")
    out.append(check("a body over 1 MB stops at nginx (413)", big.status == 413, f"{big.status}"))

    upstreams = {r.upstream for r in log.of("journeys") if r.upstream}
    out.append(
        check(
            "the journeys alternated between both app servers",
            stack.a.address in upstreams and stack.b.address in upstreams,
            ", ".join(sorted(upstreams)),
        )
    )
    v.close()
    return out


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _no_redirect(url):
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        return opener.open(url, timeout=5)
    except urllib.error.HTTPError as answer:  # the 301 itself
        return answer


def capacity(stack, log, ids, people=50):
    """50 sign-ups at once for 10 seats, spread over both app servers."""
    log.phase = "capacity"
    pk = ids["capacity"]
    visitors = [Visitor(stack.https_port, stack.cert, log) for _ in range(people)]
    tokens = [v.request("GET", f"{site.BASE}/{pk}/signup", kind="signup").csrf() for v in visitors]
    start = threading.Barrier(people)
    answers = [None] * people

    def go(n):
        form = {"csrfmiddlewaretoken": tokens[n], **site.signup_form(f"cap-{n}@example.com")}
        start.wait(timeout=30)
        answers[n] = visitors[n].request("POST", f"{site.BASE}/{pk}/signup", form, kind="signup")

    threads = [threading.Thread(target=go, args=(n,)) for n in range(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    said = {"enrolled": 0, "waitlisted": 0, "other": 0}
    servers = {}
    for n, answer in enumerate(answers):
        servers[answer.upstream] = servers.get(answer.upstream, 0) + 1
        if not site.confirmed(answer):
            said["other"] += 1
            continue
        page = visitors[n].request("GET", answer.header("location"), kind="signup")
        said["enrolled" if "Status: Enrolled" in page.text else "waitlisted"] += 1
    for v in visitors:
        v.close()
    rows = stack.db.statuses(pk)
    detail = (
        f"server said {said['enrolled']} enrolled + {said['waitlisted']} waitlisted "
        f"({said['other']} other); rows {rows.get('enrolled', 0)} + "
        f"{rows.get('waitlisted', 0)}; POSTs per server "
        + ", ".join(f"{k}: {n}" for k, n in sorted(servers.items()))
    )
    return [
        check(
            "capacity: 50 at once for 10 seats -> 10 enrolled, 40 waitlisted",
            said == {"enrolled": 10, "waitlisted": 40, "other": 0}
            and rows == {"enrolled": 10, "waitlisted": 40},
            detail,
        ),
        check(
            "capacity: the sign-ups were split across both app servers",
            len([s for s in servers if s]) == 2,
            "",
        ),
    ]


def _from_other_server(visitor, path, server, kind, tries=6):
    """GET ``path`` until an app server other than ``server`` answers (round robin: 1-2 tries)."""
    for _ in range(tries):
        response = visitor.request("GET", path, kind=kind)
        if response.upstream and response.upstream != server:
            return response
    return None


def freshness(stack, log, ids):
    """A sign-up served by one app server shows at once on pages served by the other."""
    log.phase = "freshness"
    pk = ids["fresh"]
    v = Visitor(stack.https_port, stack.cert, log)
    out = []
    for _ in range(4):  # both servers have both pages cached before the sign-up
        v.request("GET", f"{site.BASE}/{pk}", kind="page")
        v.request("GET", site.SEARCH, kind="search")
    for n in range(3):
        posted = site.signup(v, pk, f"fresh-{n}@example.com")
        server = posted.upstream if posted else ""
        expected = site.seats_text(stack.db.seats_left(pk))
        page = _from_other_server(v, f"{site.BASE}/{pk}", server, "page")
        search = _from_other_server(v, site.SEARCH, server, "search")
        shown_page = site.seats_on_page(page.text) if page else None
        shown_search = site.seats_in_results(search.text, pk) if search else None
        out.append(
            check(
                f"freshness {n + 1}: sign-up on {server}, then the other server's pages",
                site.confirmed(posted) and shown_page == expected and shown_search == expected,
                f"database {expected!r}; workshop page from {page.upstream if page else '-'} "
                f"{shown_page!r}; search from {search.upstream if search else '-'} "
                f"{shown_search!r}",
            )
        )
    v.close()
    return out


def real_address(stack, log):
    """The inquiry rate limit and the admin lockout key on the visitor's own address (the one
    nginx saw and appended to X-Forwarded-For), whatever X-Forwarded-For the visitor sends."""
    log.phase = "address"
    out = []
    rng = random.Random(1)

    def forged():
        return {"X-Forwarded-For": f"203.0.113.{rng.randrange(1, 250)}"}

    limit = int(stack.env["INQUIRY_RATE_LIMIT"])
    a = Visitor(stack.https_port, stack.cert, log, source="127.0.0.2")
    statuses = [site.inquiry(a, f"Rate {n}", headers=forged()).status for n in range(limit + 2)]
    b = Visitor(stack.https_port, stack.cert, log, source="127.0.0.3")
    other = site.inquiry(b, "Rate other", headers=forged()).status
    out.append(
        check(
            f"inquiry limit ({limit}) keys on the real address; forged X-Forwarded-For ignored",
            statuses == [302] * limit + [429, 429] and other == 302,
            f"from 127.0.0.2 with a new forged X-Forwarded-For each time: {statuses}; "
            f"from 127.0.0.3: {other}",
        )
    )

    c = Visitor(stack.https_port, stack.cert, log, source="127.0.0.4")
    wrong = [site.login(c, "wrong password", headers=forged()).status for _ in range(5)]
    right = site.login(c, stack.staff_password, headers=forged()).status
    d = Visitor(stack.https_port, stack.cert, log, source="127.0.0.5")
    logged_in = site.login(d, stack.staff_password, headers=forged())
    elsewhere = logged_in.status
    session = [c for c in logged_in.headers.get("set-cookie", []) if c.startswith("sessionid=")]
    flags = {part.strip().lower() for c in session for part in c.split(";")[1:]}
    out.append(
        check(
            "the admin's session cookie is Secure and HttpOnly",
            session and {"secure", "httponly"} <= flags,
            ", ".join(sorted(f for f in flags if "=" not in f)),
        )
    )
    rows = [
        (str(ip), n)
        for ip, n in stack.db.all("SELECT ip_address, failures_since_start FROM axes_accessattempt")
    ]
    out.append(
        check(
            "admin lockout (django-axes) keys on the real address; forged X-Forwarded-For ignored",
            wrong == [200, 200, 200, 200, 429]
            and right == 429
            and elsewhere == 302
            and [ip for ip, _ in rows] == ["127.0.0.4"],
            f"from 127.0.0.4: wrong x5 {wrong}, then right {right}; from 127.0.0.5: right "
            f"{elsewhere}; attempts {rows}",
        )
    )
    for visitor in (a, b, c, d):
        visitor.close()
    return out
