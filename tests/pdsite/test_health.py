"""/healthz for the load balancer, and the request id on every response and log line."""

import logging
import re

import pytest
from django.db import OperationalError

from pdsite.middleware import RequestIdFilter

pytestmark = pytest.mark.django_db

NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"


def test_healthz_reports_database_and_cache_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response.headers["Cache-Control"] == NEVER_CACHE


def test_healthz_is_503_when_the_database_fails(client, caplog):
    def database_down(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    from django.db import connection

    with connection.execute_wrapper(database_down):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "cache": "ok"}
    assert response.headers["Cache-Control"] == NEVER_CACHE
    assert [r.getMessage() for r in caplog.records if r.name == "pdsite.views"] == [
        "healthz: database check failed"
    ]


def test_healthz_is_503_when_the_cache_server_is_unreachable(client, settings, caplog):
    # A Redis server that is not there: nothing listens on port 1.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}
    assert [r.getMessage() for r in caplog.records if r.name == "pdsite.views"] == [
        "healthz: cache check failed"
    ]


def test_healthz_answers_get_and_head_only(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_a_database_outage_shows_the_friendly_error_page_and_logs_the_request_id(pages, caplog):
    from django.db import connection
    from django.test import Client

    def database_down(execute, sql, params, many, context):
        raise OperationalError("could not connect to server")

    caplog.handler.addFilter(RequestIdFilter())
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(database_down):
        response = client.get("/k5", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == "req-500"
    html = response.content.decode()
    assert "<h1>Something went wrong on our side</h1>" in html
    assert "Traceback" not in html
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Internal Server Error: /k5"
    assert record.request_id == "req-500"
    assert record.exc_info[0] is OperationalError


# Request id -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    ["/", "/healthz", "/robots.txt", "/no-such-page-here", "/static/css/site.css"],
)
def test_every_response_carries_a_fresh_request_id(client, pages, path):
    first = client.get(path).headers["X-Request-ID"]
    second = client.get(path).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_a_sane_incoming_request_id_is_echoed(client, pages):
    response = client.get("/", headers={"X-Request-ID": "lb-7f3a.9_c-01"})
    assert response.headers["X-Request-ID"] == "lb-7f3a.9_c-01"


@pytest.mark.parametrize(
    "incoming",
    ["", "has spaces", "<script>", "x" * 65, "line\\nbreak", "ünïcode"],
)
def test_an_odd_incoming_request_id_is_replaced(client, pages, incoming):
    response = client.get("/", headers={"X-Request-ID": incoming})
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


def test_log_lines_during_a_request_carry_its_id(client, caplog):
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/no-such-page-here", headers={"X-Request-ID": "req-42"})
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Not Found: /no-such-page-here"
    assert record.request_id == "req-42"
