"""Browser tests: Playwright on Chromium against Django's live server.

Debian's Chromium at /usr/bin/chromium is used when present (CI installs it); otherwise
Playwright's own build (`make test` installs it). Every page is watched for console errors and
failed requests; a test fails if any occur.
"""

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {
        **browser_type_launch_args,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
    if os.path.exists(CHROMIUM) or shutil.which("chromium"):
        args["executable_path"] = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    return args


@pytest.fixture
def site(live_server, transactional_db):
    """The live site with the PD pages loaded. Returns its base URL."""
    from django.core.management import call_command

    call_command("load_pages", verbosity=0)
    return live_server.url


@pytest.fixture
def watched_page(page):
    """A Playwright page that records console errors and failed requests.

    Tests call ``watched_page.problems()`` at the end (or use ``assert_clean``)."""
    errors = []
    page.on(
        "console",
        lambda msg: (
            errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on(
        "requestfailed",
        lambda req: (
            errors.append(f"request failed: {req.url} ({req.failure})")
            if "tile.openstreetmap.org" not in req.url
            # Cancelled by the browser because the page was left (a map tile still loading
            # when the form is sent): not a fault. A missing file is a 404, reported below.
            and req.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    page.on(
        "response",
        lambda resp: (
            errors.append(f"HTTP {resp.status}: {resp.url}")
            if resp.status >= 400 and "tile.openstreetmap.org" not in resp.url
            else None
        ),
    )
    page.problems = errors
    yield page


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots",
        action="store_true",
        default=False,
        help="Also save full-page screenshots of every public page (make screenshots).",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "screenshots: saves screenshots; runs only with --screenshots"
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
    # Screenshot tests only write files: deselected unless asked for with --screenshots.
    try:
        wanted = config.getoption("--screenshots")
    except ValueError:  # option not registered (this conftest loaded late)
        wanted = False
    if not wanted:
        skipped = [item for item in items if item.get_closest_marker("screenshots")]
        if skipped:
            config.hook.pytest_deselected(items=skipped)
            items[:] = [item for item in items if not item.get_closest_marker("screenshots")]


@pytest.fixture(autouse=True)
def _map_tiles_from_the_site(settings):
    """The maps' tiles come from the site itself: no request leaves the machine, so a page's
    console stays clean (a failed tile fetch is logged as a console error)."""
    settings.MAP_TILE_URL = "/static/img/blank-tile.png"
