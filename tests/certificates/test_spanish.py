"""A teacher who signed up in Spanish gets the certificate and its email in Spanish, whatever
language the page or job that makes them is in."""

import pytest
from django.core import mail
from django.utils import translation

from attendance import services as attendance
from certificates.pdf import certificate_pdf

from .conftest import MINH, make_attended_workshop
from .test_pdf import _when

pytestmark = pytest.mark.django_db


def test_a_spanish_teachers_certificate_and_its_email_are_in_spanish(
    django_capture_on_commit_callbacks, pdf_text, settings
):
    settings.SITE_URL = "https://pd.example.org"
    workshop, facilitator, (minh,) = make_attended_workshop(
        (MINH,), title="Ciencias de la computación en K-5", **_when(zip_code="60601")
    )
    minh.language = "es"
    minh.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        attendance.close_attendance(workshop=workshop, by=facilitator)
    certificate = minh.certificate

    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([minh.email], "Su certificado de finalización: Ciencias de la computación en K-5"),
    ]
    with translation.override("en"):  # an English page or job still draws it in Spanish
        _, text = pdf_text(certificate_pdf(certificate))
    lines = [line.strip() for line in text.splitlines()]
    assert lines[1:5] == [
        "Certificado de finalización",
        "Se certifica que",
        "Nguyễn Thị Minh Khai",
        "completó el taller de desarrollo profesional",
    ]
    assert "6 de marzo de 2027 · Chicago, IL" in lines
    assert "5 horas de desarrollo profesional" in lines
    assert "Facilitador(a)" in lines
    assert f"Número de certificado: {certificate.number}" in lines
    assert lines[-1].startswith("Verifíquelo en https://pd.example.org/")
