"""Oversized POST bodies, too many fields and failed CSRF checks on the public forms: the site's
own error page with a plain message, nothing saved, never a crash."""

import logging

import pytest
from django.apps import apps
from django.test import Client

from inquiries.models import Inquiry
from tests.workshops.conftest import make_workshop

pytestmark = pytest.mark.django_db

TOO_LARGE = (
    "What you sent is too large for us to read. Shorten the longest answers "
    "(a message of a few paragraphs is plenty) and send the form again."
)
TOO_MANY = (
    "What you sent has far more answers than any of our forms asks for. Reload the "
    "form and fill it in again."
)


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"workshops", "inquiries", "alerts", "pdsite"}
        and not model._meta.proxy
    }


@pytest.fixture
def form_urls(db):
    workshop = make_workshop("60601")
    return [
        f"/professional-development-workshops/{workshop.pk}/signup",
        "/educate/districts",
        "/professional-development-workshops/alerts",
    ]


def assert_site_page(response, status, heading, message):
    assert response.status_code == status
    html = response.content.decode()
    assert [t.name for t in response.templates][0] in {"400.html", "403_csrf.html"}
    assert f"<h1>{heading}</h1>" in html
    assert f'<p class="lead">{message}</p>' in html
    assert 'class="site-header"' in html  # the site's look: base.html with its header
    assert "Traceback" not in html


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_body_over_the_upload_limit_gets_a_413_page(client, form_urls, settings, encoding):
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    before = row_counts()
    for url in form_urls:
        if encoding == "multipart":
            response = client.post(url, {"first_name": big, "message": "hi"})
        else:
            response = client.post(
                url, f"first_name={big}", content_type="application/x-www-form-urlencoded"
            )
        assert_site_page(response, 413, "We could not read that request", TOO_LARGE)
    assert row_counts() == before


def test_too_many_fields_get_a_400_page(client, form_urls, settings):
    fields = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    before = row_counts()
    for url in form_urls:
        response = client.post(url, fields)
        assert_site_page(response, 400, "We could not read that request", TOO_MANY)
    assert row_counts() == before


def test_an_oversized_body_is_logged_with_the_request_id(client, form_urls, settings, caplog):
    from pdsite.middleware import RequestIdFilter

    caplog.handler.addFilter(RequestIdFilter())
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    with caplog.at_level(logging.WARNING):
        client.post(form_urls[1], {"message": big}, headers={"X-Request-ID": "req-big"})
    records = [r for r in caplog.records if r.name == "django.security.RequestDataTooBig"]
    assert [r.request_id for r in records] == ["req-big"]
    assert records[0].getMessage() == (
        "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE."
    )


def test_a_form_without_its_csrf_token_gets_the_sites_403_page(form_urls):
    client = Client(enforce_csrf_checks=True)
    for url in form_urls:
        response = client.post(url, {"email": "jane@example.org"})
        assert_site_page(
            response,
            403,
            "Please send the form again",
            "We could not accept the form: the page it came from was open for too long, or "
            "your browser blocks cookies for this site. Nothing you sent was saved.",
        )
    assert Inquiry.objects.count() == 0


def test_a_request_the_site_cannot_read_gets_the_generic_400_page(rf):
    from django.core.exceptions import SuspiciousOperation

    from pdsite.views import bad_request

    request = rf.get("/")
    response = bad_request(request, SuspiciousOperation("odd"))
    assert response.status_code == 400
    assert (
        '<p class="lead">We could not read what your browser sent. Reload the page and try '
        "again.</p>" in response.content.decode()
    )


def test_an_import_file_over_its_limit_is_refused_on_the_page(client, db):
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile

    from workshops.csv_files import MAX_IMPORT_BYTES
    from workshops.models import Workshop

    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "pw"))
    header = b"title,course,venue_name\n"
    big = header + b"x" * (MAX_IMPORT_BYTES + 1 - len(header))
    response = client.post(
        "/admin/workshops/workshop/import/",
        {"csv_file": SimpleUploadedFile("workshops.csv", big, "text/csv"), "dry_run": ""},
    )
    assert response.status_code == 200
    assert (
        "The file is 2.0 MB; the limit is 2 MB - split it into smaller files."
        in response.content.decode()
    )
    assert Workshop.objects.count() == 0
