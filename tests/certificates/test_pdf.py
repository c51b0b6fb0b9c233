import datetime
from decimal import Decimal

import pypdfium2
import pytest
import zxingcpp

from certificates.pdf import certificate_pdf, hours_text

from .conftest import MINH, ZOE, make_certificate

pytestmark = pytest.mark.django_db

MARCH_6 = {"local_start": datetime.datetime(2027, 3, 6, 9, 0), "hours": 6}


def _when(**kw):
    # The factory's local_start wins over make_today_workshop's defaults.
    from tests.workshops.conftest import make_workshop

    workshop = make_workshop(**MARCH_6, title="Computer science fundamentals, K-5", **kw)
    return {"starts_at": workshop.starts_at, "ends_at": workshop.ends_at}


@pytest.mark.parametrize("names", [(ZOE,), (MINH,)], ids=["zoe", "minh"])
def test_the_pdf_reads_back_with_the_exact_fields(names, pdf_text, settings):
    settings.SITE_URL = "https://pd.example.org"
    certificate = make_certificate(
        names, title="Computer science fundamentals, K-5", **_when(zip_code="60601")
    )
    reader, text = pdf_text(certificate_pdf(certificate))
    lines = [line.strip() for line in text.splitlines()]

    name = " ".join(names[0])
    assert certificate.name == name
    assert lines == [
        "CS EDUCATORS ALLIANCE",
        "Certificate of Completion",
        "This certifies that",
        name,
        "has completed the professional development workshop",
        "Computer science fundamentals, K-5",
        "Course A (grades K-1)",
        "March 6, 2027 · Chicago, IL",
        "5 professional development hours",
        "Jordan Lee",
        "Facilitator",
        "CS Educators Alliance",
        "Organisation",
        f"Certificate number: {certificate.number}",
        f"Verify at https://pd.example.org/certificates/{certificate.number}",
    ]
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (792, 612)


def test_the_qr_code_in_the_pdf_decodes_to_the_verification_address(settings):
    settings.SITE_URL = "https://pd.example.org"
    certificate = make_certificate((MINH,))
    document = pypdfium2.PdfDocument(certificate_pdf(certificate))
    image = document[0].render(scale=3).to_pil()

    found = zxingcpp.read_barcodes(image)

    assert [(b.format, b.text) for b in found] == [
        (zxingcpp.BarcodeFormat.QRCode, f"https://pd.example.org/certificates/{certificate.number}")
    ]


def test_hours_are_the_day_less_lunch_unless_staff_set_them():
    from tests.workshops.conftest import make_workshop

    assert make_workshop(hours=6).certified_hours == Decimal("5.00")
    assert make_workshop(hours=7.5).certified_hours == Decimal("6.50")
    assert make_workshop(hours=3).certified_hours == Decimal("3.00")  # a half day: no lunch
    assert make_workshop(hours=6, pd_hours=Decimal("5.5")).certified_hours == Decimal("5.5")
    assert [hours_text(Decimal(h)) for h in ["5.00", "5.50", "5.25", "1.00"]] == [
        "5",
        "5.5",
        "5.25",
        "1",
    ]
