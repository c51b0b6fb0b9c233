"""Absolute links follow the server they were asked from in development (``PORT=8200 make
run``), and ``make run`` sets SITE_URL from HOST and PORT for emails sent outside a request."""

import datetime
import subprocess
from pathlib import Path

import pytest

from tests.alerts.factories import make_workshop

pytestmark = pytest.mark.django_db

HERE = "http://127.0.0.1:8200"
ELSEWHERE = "http://127.0.0.1:8000"


@pytest.fixture
def development(settings):
    settings.SITE_URL = ELSEWHERE
    settings.SITE_URL_FROM_REQUEST = True


def get(client, url, **query):
    return client.get(url, query, HTTP_HOST="127.0.0.1:8200")


def test_feed_links_follow_the_request(client, development):
    workshops = [
        make_workshop(day=datetime.date(2027, 1, 4) + datetime.timedelta(days=n)) for n in range(3)
    ]
    data = get(client, "/professional-development-workshops.json", per_page=2).json()
    assert data["next"] == f"{HERE}/professional-development-workshops.json?page=2&per_page=2"
    assert [w["url"] for w in data["workshops"]] == [
        f"{HERE}/professional-development-workshops/{w.pk}" for w in workshops[:2]
    ]
    geojson = get(client, "/professional-development-workshops.geojson").json()
    assert [f["properties"]["url"] for f in geojson["features"]] == [
        f"{HERE}/professional-development-workshops/{w.pk}" for w in workshops
    ]
    for url in (
        "/professional-development-workshops.ics",
        f"/professional-development-workshops/{workshops[0].pk}/calendar.ics",
    ):
        body = get(client, url).content.decode()
        assert f"URL:{HERE}/professional-development-workshops/{workshops[0].pk}\r\n" in body
        assert ELSEWHERE not in body


def test_pages_sitemap_and_robots_follow_the_request(client, development):
    workshop = make_workshop()
    robots = get(client, "/robots.txt").content.decode()
    assert f"Sitemap: {HERE}/sitemap.xml\n" in robots
    sitemap = get(client, "/sitemap.xml").content.decode()
    assert f"<loc>{HERE}/professional-development-workshops/{workshop.pk}</loc>" in sitemap
    assert ELSEWHERE not in sitemap
    partners = get(client, "/professional-development-workshops/partners").content.decode()
    assert f"<code>{HERE}/professional-development-workshops.json</code>" in partners
    assert ELSEWHERE not in partners
    page = get(client, f"/professional-development-workshops/{workshop.pk}").content.decode()
    url = f"{HERE}/professional-development-workshops/{workshop.pk}"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'"url": "{url}"' in page  # the Event JSON-LD
    assert ELSEWHERE not in page


def test_a_cached_page_is_kept_per_host(client, development):
    workshop = make_workshop()
    url = f"/professional-development-workshops/{workshop.pk}"
    assert HERE in get(client, url).content.decode()
    other = client.get(url, HTTP_HOST="localhost:8300").content.decode()
    assert "http://localhost:8300/professional-development-workshops/" in other
    assert HERE not in other


def test_outside_development_links_use_site_url(client, settings):
    settings.SITE_URL = "https://pd.example.org"
    settings.SITE_URL_FROM_REQUEST = False
    assert (
        get(client, "/robots.txt")
        .content.decode()
        .endswith("Sitemap: https://pd.example.org/sitemap.xml\n")
    )


def test_make_run_sets_site_url_from_host_and_port():
    root = Path(__file__).resolve().parents[2]
    commands = subprocess.run(
        ["make", "-n", "-B", "run", "HOST=0.0.0.0", "PORT=8200"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "SITE_URL=${SITE_URL:-http://0.0.0.0:8200}" in commands
    assert "manage.py runserver 0.0.0.0:8200" in commands


def test_favicon_ico_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response["Cache-Control"] == "max-age=86400, public"
    icon = response.content
    assert icon[:6] == b"\x00\x00\x01\x00\x03\x00"  # an icon file holding three sizes
    assert icon[6 + 3 * 16 : 6 + 3 * 16 + 8] == b"\x89PNG\r\n\x1a\n"
