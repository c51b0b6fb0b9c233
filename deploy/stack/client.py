"""A visitor over real TLS (http.client, the stack's own certificate trusted), and a record of
every request it makes: when, which phase, what came back, which app server answered."""

import http.client
import re
import ssl
import statistics
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int | None  # None: no HTTP answer (the connection failed)
    text: str = ""
    headers: dict = field(default_factory=dict)  # lower-case name -> list of values
    error: str = ""

    def header(self, name):
        return (self.headers.get(name.lower()) or [""])[0]

    @property
    def upstream(self):
        return self.header("x-upstream")

    def csrf(self):
        match = CSRF_RE.search(self.text)
        return match.group(1) if match else ""


@dataclass
class Record:
    phase: str
    kind: str  # page, search, signup, cancel, inquiry, login...
    started: float
    ended: float
    status: int | None
    upstream: str
    error: str


class Log:
    """Every request, thread-safe."""

    def __init__(self):
        self.records, self.lock = [], threading.Lock()
        self.phase = "setup"

    def add(self, record):
        with self.lock:
            self.records.append(record)

    def of(self, phase):
        return [r for r in self.records if r.phase == phase]


def outcome(record):
    if record.status is None:
        return "no answer"
    if record.status >= 500:
        return f"HTTP {record.status}"
    if record.status == 429:
        return "HTTP 429"
    return "ok"


def summary(records):
    """Requests, errors by kind and p50/p95 for a list of records."""
    latencies = sorted((r.ended - r.started) * 1000 for r in records)
    errors = Counter(outcome(r) for r in records)
    errors.pop("ok", None)
    if len(latencies) >= 2:
        cuts = statistics.quantiles(latencies, n=20)
        p50, p95 = statistics.median(latencies), cuts[18]
    else:
        p50 = p95 = latencies[0] if latencies else 0.0
    return {"requests": len(records), "errors": dict(errors), "p50": p50, "p95": p95}


class Visitor:
    """One browser: its own cookies and its own keep-alive TLS connection to nginx."""

    def __init__(self, port, cafile, log, source="127.0.0.1"):
        self.port, self.log, self.source = port, log, source
        self.context = ssl.create_default_context(cafile=str(cafile))
        self.cookies = {}
        self.connection = None
        self.origin = f"https://127.0.0.1:{port}"

    def _connection(self):
        if self.connection is None:
            self.connection = http.client.HTTPSConnection(
                "127.0.0.1",
                self.port,
                context=self.context,
                timeout=40,
                source_address=(self.source, 0),
            )
        return self.connection

    def request(self, method, path, form=None, kind="page", headers=None):
        headers = {"Accept-Encoding": "identity", **(headers or {})}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.monotonic()
        phase = self.log.phase
        try:
            connection = self._connection()
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            text = raw.read().decode("utf-8", "replace")
            response_headers = {}
            for name, value in raw.getheaders():
                response_headers.setdefault(name.lower(), []).append(value)
            response = Response(raw.status, text, response_headers)
            if raw.will_close:
                self.close()
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            response = Response(None, error=type(exc).__name__)
        self.log.add(
            Record(
                phase,
                kind,
                started,
                time.monotonic(),
                response.status,
                response.upstream,
                response.error,
            )
        )
        for value in response.headers.get("set-cookie", []):
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None
