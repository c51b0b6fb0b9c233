"""The admin's import page: the same import as the command, from an uploaded file."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.workshops.factories_admin import make_course
from tests.workshops.test_import import CHICAGO, DENVER, HEADER, HONOLULU
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:workshops_workshop_import")


@pytest.fixture(autouse=True)
def course(db):
    return make_course("Course C (Grade 2)", "course-c")


def upload(*rows, name="workshops.csv", content=None):
    data = content if content is not None else ("\n".join([HEADER, *rows]) + "\n").encode()
    return SimpleUploadedFile(name, data, content_type="text/csv")


def post(client, file, **options):
    return client.post(IMPORT, {"csv_file": file, **options})


def test_the_changelist_links_to_the_import_page(admin_client):
    html = admin_client.get(reverse("admin:workshops_workshop_changelist")).content.decode()
    assert f'<a href="{IMPORT}" class="addlink">Import from CSV</a>' in html


def test_the_page_offers_a_dry_run_by_default(admin_client):
    response = admin_client.get(IMPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<input type="checkbox" name="dry_run" id="id_dry_run" checked>' in html
    assert '<input type="checkbox" name="skip_invalid" id="id_skip_invalid">' in html


def test_dry_run_shows_what_would_be_imported(admin_client):
    response = post(admin_client, upload(DENVER, CHICAGO), dry_run="on")

    report = response.context["report"]
    assert report.summary == "Dry run: 2 workshops would be imported. Nothing was saved."
    assert [row for row, _ in report.valid] == [2, 3]
    assert Workshop.objects.count() == 0
    html = response.content.decode()
    assert "Dry run: 2 workshops would be imported. Nothing was saved." in html
    assert "Would be imported (2)" in html


def test_import_saves_the_rows(admin_client):
    response = post(admin_client, upload(DENVER, CHICAGO, HONOLULU))

    assert response.context["report"].summary == "Imported 3 workshops."
    assert sorted(Workshop.objects.values_list("title", flat=True)) == [
        "CS Fundamentals Denver",
        "CS Fundamentals Honolulu",
        "CS Fundamentals, Chicago",
    ]
    denver = Workshop.objects.get(title="CS Fundamentals Denver")
    assert reverse("admin:workshops_workshop_change", args=[denver.pk]) in (
        response.content.decode()
    )


def test_a_bad_row_saves_nothing_and_the_page_names_it(admin_client):
    response = post(admin_client, upload(DENVER, CHICAGO.replace("Illinois", "Ohio")))

    assert Workshop.objects.count() == 0
    report = response.context["report"]
    assert report.lines() == [
        "Nothing imported: 1 of 2 rows have errors. Correct them and import the file again, or "
        "choose to import only the valid rows.",
        "row 3: state: ZIP code 60605 is in Illinois (IL), not OH - correct the state or the ZIP "
        "code.",
    ]
    html = response.content.decode()
    assert (
        "<tr><td>3</td><td>state</td><td>ZIP code 60605 is in Illinois (IL), not OH - correct "
        "the state or the ZIP code.</td></tr>"
    ) in html


def test_skip_invalid_from_the_page(admin_client):
    response = post(
        admin_client, upload(DENVER, CHICAGO.replace("Illinois", "Ohio")), skip_invalid="on"
    )
    assert response.context["report"].summary == "Imported 1 workshop (1 row with errors skipped)."
    assert list(Workshop.objects.values_list("title", flat=True)) == ["CS Fundamentals Denver"]


def test_an_oversized_file_is_refused(admin_client):
    big = (HEADER + "\n" + (DENVER + "\n") * 20000).encode()
    assert len(big) > 2 * 1024 * 1024

    response = post(admin_client, upload(content=big))

    assert response.context["form"].errors == {
        "csv_file": [
            f"The file is {len(big) / 1024 / 1024:.1f} MB; the limit is 2 MB - split it into "
            "smaller files."
        ]
    }
    assert response.context["report"] is None
    assert Workshop.objects.count() == 0


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (
            SimpleUploadedFile("sheet.xlsx", b"PK\x03\x04binary"),
            '"sheet.xlsx" is not a .csv file - save the sheet as "CSV UTF-8" and upload that.',
        ),
        (
            SimpleUploadedFile("latin.csv", "title\nCaf\u00e9".encode("latin-1")),
            '"latin.csv" is not UTF-8 text - save the sheet as "CSV UTF-8" and try again.',
        ),
        (SimpleUploadedFile("nul.csv", b"title\x00course"), '"nul.csv" is not a CSV text file.'),
    ],
)
def test_files_that_are_not_csv_text_are_refused(admin_client, file, message):
    response = post(admin_client, file)
    assert response.context["form"].errors == {"csv_file": [message]}


def test_a_csv_without_the_columns(admin_client):
    response = post(admin_client, upload(content=b"name,email\nA,b@example.com\n"))
    assert response.context["report"].summary.startswith(
        "Nothing imported: The header row has no column title, course, venue_name,"
    )


def test_the_template_has_the_columns(admin_client):
    response = admin_client.get(reverse("admin:workshops_workshop_import_template"))
    assert response.content.decode().splitlines()[0] == HEADER


def test_staff_without_add_permission_cannot_import(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw-123456789", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_workshop"))
    client.force_login(user)

    assert client.get(IMPORT).status_code == 403
    assert post(client, upload(DENVER), dry_run="").status_code == 403
    assert Workshop.objects.count() == 0


def test_the_report_shows_each_workshop_in_its_venues_time_zone(admin_client):
    """A Billings, MT row at 09:00 is reported at 9:00 AM Mountain time, not at the server's
    11:00 AM Eastern."""
    billings = (
        "CS Fundamentals Billings,course-c,Parmly Billings Library,510 N Broadway,Billings,MT,"
        "59101,2035-07-11,09:00,15:00,25,Ana Ruiz,ana@example.org,,"
    )
    response = post(admin_client, upload(billings, HONOLULU), dry_run="on")

    html = " ".join(response.content.decode().split())
    assert (
        "CS Fundamentals Billings - Parmly Billings Library, Billings, MT - "
        "Wed, Jul 11, 2035, 9:00 AM - 3:00 PM MDT (Published)"
    ) in html
    assert "Everly Hall, Honolulu, HI - Fri, Mar 2, 2035, 9:00 AM - 4:00 PM HST" in html
    assert "11:00 AM" not in html
