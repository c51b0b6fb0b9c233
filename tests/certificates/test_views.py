import re

import pytest

from certificates import services
from certificates.numbers import new_number, normalise

from .conftest import MINH, ZOE, make_certificate

pytestmark = pytest.mark.django_db


def visible_text(response):
    main = re.search(r"<main[^>]*>(.*)</main>", response.content.decode(), re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_a_valid_number_shows_exactly_the_four_fields(client):
    certificate = make_certificate((MINH,), title="Computer science fundamentals, K-5")
    enrollment = certificate.enrollment

    response = client.get(f"/certificates/{certificate.number}")

    assert response.status_code == 200
    date = enrollment.workshop.local_starts_at.strftime("%B %-d, %Y")
    assert visible_text(response) == (
        f"Certificate of completion Number {certificate.number} "
        "Valid This certificate was issued by CS Educators Alliance. "
        "Name Nguyễn Thị Minh Khai Workshop Computer science fundamentals, K-5 "
        f"Date {date} Professional development hours 5 Verify another certificate"
    )
    page = response.content.decode()
    for private in [enrollment.email, enrollment.school_name, enrollment.token, "Chicago"]:
        assert private not in page
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_revoked_certificate_says_so(client):
    certificate = make_certificate()
    services.revoke(certificate=certificate, reason="Left at lunch")

    text = visible_text(client.get(f"/certificates/{certificate.number}"))

    assert "Revoked This certificate was revoked and is no longer valid." in text
    assert "Valid" not in text.replace("no longer valid", "")
    assert "Left at lunch" not in text


def test_a_made_up_number_is_a_plain_404(client):
    make_certificate()
    for number in [new_number(), "nonsense", "K7Q4-M9XD-2HTW-8PR\x00"]:
        response = client.get(f"/certificates/{number}")
        assert response.status_code == 404
        assert "We can't find that page" in response.content.decode()


def test_a_typed_number_is_forgiving_and_redirects_to_its_page(client):
    certificate = make_certificate()
    typed = certificate.number.replace("-", " ").lower()
    assert normalise(typed) == certificate.number

    response = client.get("/certificates", {"number": typed})

    assert response.status_code == 302
    assert response["Location"] == f"/certificates/{certificate.number}"


def test_the_form_says_what_is_wrong_next_to_the_field(client):
    make_certificate()
    short = client.get("/certificates", {"number": "ABC"})
    unknown_number = new_number()
    unknown = client.get("/certificates", {"number": unknown_number})

    assert short.context["form"].errors == {
        "number": ["A certificate number has 16 letters and digits, e.g. K7Q4-M9XD-2HTW-8PRN."]
    }
    assert unknown.context["form"].errors == {
        "number": [
            f"No certificate has the number {unknown_number}. Check it against the certificate."
        ]
    }
    assert unknown.context["form"]["number"].value() == unknown_number


def test_100_wrong_guesses_from_one_address_are_rate_limited(client, settings):
    certificate = make_certificate()
    statuses = [client.get(f"/certificates/{new_number()}").status_code for _ in range(100)]

    assert statuses == [404] * settings.CERTIFICATE_GUESS_LIMIT + [429] * (
        100 - settings.CERTIFICATE_GUESS_LIMIT
    )
    limited = client.get(f"/certificates/{certificate.number}")
    assert limited.status_code == 429
    assert limited["Retry-After"] == "3600"
    assert client.get("/certificates", {"number": certificate.number}).status_code == 429
    # Another address is not affected.
    other = client.get(f"/certificates/{certificate.number}", REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200


def test_right_numbers_are_never_limited(client, settings):
    certificate = make_certificate()
    for _ in range(settings.CERTIFICATE_GUESS_LIMIT + 5):
        assert client.get(f"/certificates/{certificate.number}").status_code == 200


def test_the_sign_up_page_offers_the_pdf_the_correction_and_the_survey(client):
    certificate = make_certificate(((ZOE[0], "Nunez"),))
    token = certificate.enrollment.token
    page = client.get(certificate.enrollment.get_absolute_url()).content.decode()
    assert f'href="/professional-development-workshops/signup/{token}/certificate.pdf"' in page
    assert f'href="/professional-development-workshops/signup/{token}/certificate/name"' in page
    assert f'href="/feedback/{certificate.enrollment.feedback.token}"' in page

    pdf = client.get(f"/professional-development-workshops/signup/{token}/certificate.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert (
        pdf["Content-Disposition"] == f'attachment; filename="certificate-{certificate.number}.pdf"'
    )
    assert pdf.content.startswith(b"%PDF-")


def test_correcting_the_name_from_the_sign_up_page(client, pdf_text):
    certificate = make_certificate((("Zoe", "Nunez"),))
    url = f"/professional-development-workshops/signup/{certificate.enrollment.token}"

    same = client.post(f"{url}/certificate/name", {"name": "Zoe Nunez"})
    assert same.context["form"].errors == {
        "name": ["This is the name already on your certificate: change the spelling, or go back."]
    }
    empty = client.post(f"{url}/certificate/name", {"name": "   "})
    assert empty.context["form"].errors == {"name": ["Enter your name."]}
    done = client.post(f"{url}/certificate/name", {"name": "Zoë Núñez-O'Brien"}, follow=True)
    assert done.redirect_chain == [(f"{url}#certificate", 302)]
    assert [str(m) for m in done.context["messages"]] == [
        "Your name is corrected. Your certificate now shows the new spelling."
    ]
    again = client.get(f"{url}/certificate/name", follow=True)
    assert [str(m) for m in again.context["messages"]] == [
        "The name on your certificate was corrected already."
    ]

    certificate.refresh_from_db()
    assert (certificate.name, certificate.original_name) == ("Zoë Núñez-O'Brien", "Zoe Nunez")
    _reader, text = pdf_text(client.get(f"{url}/certificate.pdf").content)
    assert "Zoë Núñez-O'Brien" in text.splitlines()
    assert "Zoe Nunez" not in text


def test_another_token_or_a_revoked_certificate_gets_nothing(client):
    certificate = make_certificate()
    url = "/professional-development-workshops/signup/{}/certificate.pdf"
    assert client.get(url.format("x" * 43)).status_code == 404
    assert client.get(url.format("short")).status_code == 404
    services.revoke(certificate=certificate)
    assert client.get(url.format(certificate.enrollment.token)).status_code == 404


def test_certificates_never_are_guessable():
    numbers = {new_number() for _ in range(2000)}
    assert len(numbers) == 2000
    assert all(
        re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", n) for n in numbers
    )
    assert normalise("k7q4 m9xd 2htw 8prn") == "K7Q4-M9XD-2HTW-8PRN"
    assert normalise("O1IL-0000-0000-0000") == "0111-0000-0000-0000"
    assert normalise("K7Q4-M9XD-2HTW-8PRU") is None  # U is not in the alphabet
