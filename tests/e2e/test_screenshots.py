"""Layout of every public page: nothing wider than a 320 px phone, and screenshots to look at.

``make screenshots`` saves full-page PNGs of each page at 1280, 375 and 320 px wide into
``test-artifacts/screenshots/`` (the screenshot test runs only with ``--screenshots``).
"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.public_pages import page_params

from .helpers import DESKTOP, NARROWEST, PHONE, open_public_page

SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"

_WIDEST_ELEMENTS = """() => [...document.querySelectorAll("body *")]
  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .slice(0, 5)
  .map(el => `<${el.tagName.toLowerCase()} class="${el.className}"> right edge at `
             + Math.round(el.getBoundingClientRect().right) + " px")"""


@pytest.mark.parametrize("public_page", page_params())
def test_page_fits_a_320px_screen(site, page, public_page):
    page.set_viewport_size(NARROWEST)
    open_public_page(page, site, public_page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, (
        f"{public_page.name} is {width} px wide at 320 px; too wide:\n  "
        + "\n  ".join(page.evaluate(_WIDEST_ELEMENTS))
    )


@pytest.mark.screenshots
@pytest.mark.parametrize(
    "viewport", [DESKTOP, PHONE, NARROWEST], ids=["desktop", "phone", "narrowest"]
)
@pytest.mark.parametrize("public_page", page_params())
def test_screenshot(site, page, public_page, viewport):
    page.set_viewport_size(viewport)
    open_public_page(page, site, public_page)
    # Maps are drawn when they come near the screen: scroll through once, as a reader would.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(300)
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{public_page.name}-{viewport['width']}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000


@pytest.mark.screenshots
@pytest.mark.parametrize("name", ["zoe", "minh"])
def test_certificate_png(transactional_db, name):
    """The certificate as a teacher prints it: the PDF made into a PNG by poppler's pdftoppm
    (Debian's poppler-utils; skipped with a message where it is missing)."""
    import shutil
    import subprocess

    from certificates.pdf import certificate_pdf
    from tests.certificates.conftest import MINH, ZOE, make_certificate

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is missing: apt-get install poppler-utils for the certificate PNG")
    certificate = make_certificate(
        ({"zoe": ZOE, "minh": MINH}[name],), title="Computer science fundamentals, K-5"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SCREENSHOTS / f"certificate-{name}.pdf"
    pdf.write_bytes(certificate_pdf(certificate))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-singlefile", str(pdf), str(pdf.with_suffix(""))],
        check=True,
    )
    pdf.unlink()
    assert pdf.with_suffix(".png").stat().st_size > 10000
