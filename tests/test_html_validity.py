"""Every public page is valid HTML by the Nu HTML Checker (npm ``vnu-jar``, run on Java).

The pages are rendered with Django's test client (no browser), written to a temporary folder and
checked by ONE run of the checker over all of them: the JVM starts once for the whole list.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client, RequestFactory

from pdsite.views import server_error
from tests.public_pages import ALL_PAGES, page_params

# The pages are rendered once per module (see ``checked_pages``); the mark makes pytest-django
# create the test database for this module.
pytestmark = pytest.mark.django_db

SERVER_ERROR = "server-error"
VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _skip_reason():
    if not shutil.which("java"):
        return "HTML checker skipped: no `java` on PATH (install Java 17 to run the Nu checker)"
    if not VNU_JAR.exists():
        return f"HTML checker skipped: {VNU_JAR} is missing (run `npm ci`)"
    return None


def render_public_pages(pages):
    """{page name: (status, html)} for each page, its rows created in a rolled-back transaction."""
    rendered = {}
    with transaction.atomic():
        call_command("load_pages", verbosity=0)
        client = Client()
        for page in pages:
            path = page.resolve()
            page.sign_in(client)
            response = client.get(path)
            if page.submit_empty and response.status_code == 200:
                response = client.post(path, {})
            rendered[page.name] = (path, response.status_code, response.content.decode())
        transaction.set_rollback(True)
    # The page shown when the server fails (a plain template, no database needed).
    response = server_error(RequestFactory().get("/"))
    rendered[SERVER_ERROR] = ("500.html", response.status_code, response.content.decode())
    return rendered


def run_checker(files):
    """The checker's error messages for each file, by file name."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"The HTML checker did not answer in JSON:\n{result.stderr}\n{result.stdout}")
    by_file = {Path(f).name: [] for f in files}
    for message in messages:
        name = Path(unquote(urlparse(message.get("url", "")).path)).name
        by_file.setdefault(name, []).append(message)
    return by_file


def describe(message):
    where = f"line {message.get('lastLine', '?')}, column {message.get('firstColumn', '?')}"
    extract = message.get("extract", "").replace("\n", " ").strip()
    return f"  {where}: {message['message']}\n      near: {extract}"


@pytest.fixture(scope="module")
def rendered_pages(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return render_public_pages(ALL_PAGES)


@pytest.fixture(scope="module")
def checked_pages(rendered_pages, tmp_path_factory):
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    rendered = rendered_pages
    folder = tmp_path_factory.mktemp("html")
    files = []
    for name, (_path, _status, html) in rendered.items():
        file = folder / f"{name}.html"
        file.write_text(html, encoding="utf-8")
        files.append(file)
    errors = run_checker(files)
    return {name: (*rendered[name], errors[f"{name}.html"]) for name in rendered}


@pytest.mark.parametrize("page", page_params())
def test_page_is_valid_html(page, checked_pages):
    path, status, html, errors = checked_pages[page.name]
    assert status == page.status, f"{path} answered {status}, expected {page.status}"
    assert "<!DOCTYPE html>" in html[:200]
    assert errors == [], f"{path}: {len(errors)} HTML error(s)\n" + "\n".join(
        describe(message) for message in errors
    )


def test_server_error_page_is_valid_html(checked_pages):
    path, status, html, errors = checked_pages[SERVER_ERROR]
    assert status == 500
    assert "<h1>Something went wrong on our side</h1>" in html
    assert errors == [], f"{path}: {len(errors)} HTML error(s)\n" + "\n".join(
        describe(message) for message in errors
    )


def head_metadata(html):
    """The page's <title>, meta description, canonical link and Open Graph tags."""

    def first(pattern):
        found = re.search(pattern, html)
        return found.group(1) if found else None

    metadata = {
        "title": first(r"<title>([^<]*)</title>"),
        "description": first(r'<meta name="description" content="([^"]*)">'),
        "canonical": first(r'<link rel="canonical" href="([^"]*)">'),
    }
    for tag in ["title", "description", "url", "type", "site_name"]:
        metadata[f"og:{tag}"] = first(rf'<meta property="og:{tag}" content="([^"]*)">')
    return metadata


ERROR_STATES = {page.name for page in ALL_PAGES if page.shows_errors}


def test_each_page_has_its_own_title_description_and_canonical_link(rendered_pages):
    """Search results and shared links tell the pages apart (the 404 page is not indexed).

    A page showing form errors is the same page in another state: its title starts with
    "Error: " (read out first by screen readers), the rest may repeat the page's own."""
    found = {
        name: head_metadata(html)
        for name, (_path, status, html) in rendered_pages.items()
        if status == 200
    }
    assert set(found) >= ERROR_STATES
    for key in ["title", "description", "canonical"]:
        values = {}
        for name, metadata in found.items():
            assert metadata[key], f"{name}: no {key}"
            if name not in ERROR_STATES:
                values.setdefault(metadata[key], []).append(name)
        shared = {value: names for value, names in values.items() if len(names) > 1}
        assert shared == {}, f"pages sharing a {key}: {shared}"
    for name, metadata in found.items():
        assert metadata["canonical"].startswith(settings.SITE_URL + "/"), name
        assert len(metadata["description"]) >= 50, f"{name}: description too short for search"
        assert metadata["title"].startswith("Error: ") == (name in ERROR_STATES), name
        # Open Graph: what a shared link shows.
        assert metadata["og:url"] == metadata["canonical"], name
        assert metadata["og:type"] == "website", name
        assert metadata["og:site_name"] == settings.SITE_NAME, name
        assert metadata["og:title"] and metadata["og:description"], name
        assert metadata["og:title"] != settings.SITE_NAME, f"{name}: og:title is the site's name"
