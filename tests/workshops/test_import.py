"""``manage.py import_workshops`` and the import logic it shares with the admin page."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from tests.workshops.factories_admin import make_course
from workshops.importing import import_workshops
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

NEXT_YEAR = datetime.date.today().year + 1

UTC = datetime.UTC
HEADER = (
    "title,course,venue_name,street_address,city,state,zip_code,date,start_time,end_time,"
    "capacity,facilitator_names,facilitator_email,notes,status"
)
DENVER = (
    "CS Fundamentals Denver,course-c,Denver Public Library,10 W 14th Ave,Denver,CO,80202,"
    "2035-01-16,09:00,15:30,30,Ana Ruiz,ana@example.org,Park in the east lot.,"
)
CHICAGO = (
    '"CS Fundamentals, Chicago",Course C (Grade 2),Harold Washington Library,400 S State St,'
    "Chicago,Illinois,60605,2035-07-11,08:30,15:00,25,Sam Lee and Mei Kim,sam@example.org,,draft"
)
HONOLULU = (
    "CS Fundamentals Honolulu,COURSE-C,Everly Hall,1776 University Ave,Honolulu,HI,96822,"
    "2035-03-02,09:00,16:00,20,Kai Akana,kai@example.org,,published"
)


@pytest.fixture(autouse=True)
def course(db):
    return make_course("Course C (Grade 2)", "course-c")


def write(tmp_path, *rows, header=HEADER):
    path = tmp_path / "workshops.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return str(path)


def text(*rows):
    return "\n".join([HEADER, *rows]) + "\n"


def run(path, *args):
    out, err = [], []

    class Sink:
        def __init__(self, lines):
            self.lines = lines

        def write(self, text):
            self.lines.append(text)

        def flush(self):
            pass

    call_command("import_workshops", path, *args, stdout=Sink(out), stderr=Sink(err))
    return "".join(out), "".join(err)


def test_a_valid_file_imports_exactly_its_rows(tmp_path, course):
    out, err = run(write(tmp_path, DENVER, CHICAGO, HONOLULU))

    rows = list(
        Workshop.objects.order_by("starts_at").values_list(
            "title",
            "course__slug",
            "venue_name",
            "street_address",
            "city",
            "state",
            "zip_code",
            "time_zone",
            "starts_at",
            "ends_at",
            "capacity",
            "facilitator_names",
            "facilitator_email",
            "notes",
            "status",
        )
    )
    assert rows == [
        (
            "CS Fundamentals Denver",
            "course-c",
            "Denver Public Library",
            "10 W 14th Ave",
            "Denver",
            "CO",
            "80202",
            "America/Denver",
            datetime.datetime(2035, 1, 16, 16, 0, tzinfo=UTC),
            datetime.datetime(2035, 1, 16, 22, 30, tzinfo=UTC),
            30,
            "Ana Ruiz",
            "ana@example.org",
            "Park in the east lot.",
            "published",
        ),
        (
            "CS Fundamentals Honolulu",
            "course-c",
            "Everly Hall",
            "1776 University Ave",
            "Honolulu",
            "HI",
            "96822",
            "Pacific/Honolulu",
            datetime.datetime(2035, 3, 2, 19, 0, tzinfo=UTC),
            datetime.datetime(2035, 3, 3, 2, 0, tzinfo=UTC),
            20,
            "Kai Akana",
            "kai@example.org",
            "",
            "published",
        ),
        (
            "CS Fundamentals, Chicago",
            "course-c",
            "Harold Washington Library",
            "400 S State St",
            "Chicago",
            "IL",
            "60605",
            "America/Chicago",
            datetime.datetime(2035, 7, 11, 13, 30, tzinfo=UTC),
            datetime.datetime(2035, 7, 11, 20, 0, tzinfo=UTC),
            25,
            "Sam Lee and Mei Kim",
            "sam@example.org",
            "",
            "draft",
        ),
    ]
    published = Workshop.objects.filter(status="published")
    assert all(w.published_at is not None and w.latitude for w in published)
    assert Workshop.objects.get(status="draft").published_at is None
    assert out.splitlines() == [
        "row 2: imported CS Fundamentals Denver - Denver Public Library, Denver, CO - "
        "Tue Jan 16, 2035 9:00 AM-3:30 PM MST (Published)",
        "row 3: imported CS Fundamentals, Chicago - Harold Washington Library, Chicago, IL - "
        "Wed Jul 11, 2035 8:30 AM-3:00 PM CDT (Draft (not public))",
        "row 4: imported CS Fundamentals Honolulu - Everly Hall, Honolulu, HI - "
        "Fri Mar 2, 2035 9:00 AM-4:00 PM HST (Published)",
        "Imported 3 workshops.",
    ]
    assert "Checking rows" in err
    assert "3/3" in err


def test_dry_run_saves_nothing_and_says_what_it_would_import(tmp_path):
    out, _ = run(write(tmp_path, DENVER, CHICAGO), "--dry-run")

    assert Workshop.objects.count() == 0
    assert out.splitlines()[0].startswith("row 2: would import CS Fundamentals Denver - ")
    assert out.splitlines()[-1] == "Dry run: 2 workshops would be imported. Nothing was saved."


def test_one_bad_row_saves_nothing_and_names_the_row(tmp_path):
    bad = DENVER.replace("80202", "00000")
    with pytest.raises(CommandError) as raised:
        run(write(tmp_path, CHICAGO, bad, HONOLULU))

    assert Workshop.objects.count() == 0
    assert str(raised.value) == (
        "Nothing imported: 1 of 3 rows have errors. Correct them and import the file again, or "
        "choose to import only the valid rows."
    )


def test_the_report_lists_each_problem(tmp_path):
    report = import_workshops(text(CHICAGO, DENVER.replace("80202", "00000")))
    assert report.lines() == [
        "Nothing imported: 1 of 2 rows have errors. Correct them and import the file again, or "
        "choose to import only the valid rows.",
        "row 3: zip_code: No US ZIP code 00000 - check the five digits.",
    ]
    assert not report.ok and not report.saved


def test_skip_invalid_imports_the_good_rows(tmp_path):
    bad = HONOLULU.replace(",20,", ",0,")
    out, _ = run(write(tmp_path, DENVER, bad, CHICAGO), "--skip-invalid")

    assert sorted(Workshop.objects.values_list("title", flat=True)) == [
        "CS Fundamentals Denver",
        "CS Fundamentals, Chicago",
    ]
    assert "row 3: capacity: Capacity must be at least 1." in out.splitlines()
    assert out.splitlines()[-1] == "Imported 2 workshops (1 row with errors skipped)."


def denver(**changes):
    columns = HEADER.split(",")
    values = dict(zip(columns, DENVER.split(","), strict=True))
    values.update(changes)
    return ",".join(values[c] for c in columns)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"zip_code": "00000"}, "zip_code: No US ZIP code 00000 - check the five digits."),
        ({"zip_code": "8020"}, "zip_code: Enter the five digits of the ZIP code, e.g. 80202."),
        ({"state": "XX"}, 'state: Unknown state "XX" - use the two-letter code, e.g. CO.'),
        (
            {"state": "NY"},
            "state: ZIP code 80202 is in Colorado (CO), not NY - correct the state or the ZIP "
            "code.",
        ),
        ({"end_time": "08:00"}, "end_time: The end time must be after the start time."),
        (
            {"date": "16/01/2035"},
            f"date: Enter the date as YYYY-MM-DD, e.g. {NEXT_YEAR}-03-14.",
        ),
        ({"date": "2035-02-30"}, "date: 2035-02-30 does not exist: February 2035 has 28 days."),
        ({"date": "2036-02-30"}, "date: 2036-02-30 does not exist: February 2036 has 29 days."),
        ({"date": "2035-04-31"}, "date: 2035-04-31 does not exist: April 2035 has 30 days."),
        ({"date": "2035-13-01"}, "date: 2035-13-01 does not exist: there is no month 13."),
        ({"start_time": "9am"}, "start_time: Enter the time as HH:MM (24-hour), e.g. 09:00."),
        (
            {"date": "2035-03-11", "start_time": "02:30"},
            "start_time: There is no 2:30 AM on Sunday, March 11, 2035 at this venue: that "
            "night the clocks go forward from 2:00 AM straight to 3:00 AM. Choose a time before "
            "2:00 AM or from 3:00 AM.",
        ),
        ({"capacity": "0"}, "capacity: Capacity must be at least 1."),
        ({"capacity": "many"}, "capacity: Capacity must be a whole number, e.g. 30."),
        (
            {"course": "Course Z"},
            'course: Unknown course "Course Z" - use a course name or slug (course-c).',
        ),
        ({"facilitator_email": "ana@"}, "facilitator_email: Enter a valid email address."),
        ({"title": ""}, "title: This field is required."),
        ({"venue_name": ""}, "venue_name: This field is required."),
        (
            {"status": "maybe"},
            'status: Unknown status "maybe" - use draft, published or cancelled (or leave it '
            "empty for published).",
        ),
    ],
)
def test_each_kind_of_bad_row(changes, problem, tmp_path):
    report = import_workshops(text(DENVER, denver(**changes)))

    assert [str(p) for p in report.problems] == [f"row 3: {problem}"]
    assert Workshop.objects.count() == 0


def test_a_row_already_imported_or_twice_in_the_file(tmp_path):
    run(write(tmp_path, DENVER))
    report = import_workshops(text(CHICAGO, DENVER, CHICAGO))

    assert [str(p) for p in report.problems] == [
        f"row 3: already imported: workshop #{Workshop.objects.get().pk} is at this venue at "
        "this time.",
        "row 4: the same venue and time as row 2.",
    ]
    assert Workshop.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Nothing imported: The file is empty."),
        (
            "title,course\nA,B\n",
            "Nothing imported: The header row has no column venue_name, street_address, city, "
            "state, zip_code, date, start_time, end_time, capacity, facilitator_names, "
            "facilitator_email. Expected the columns: title, course, venue_name, street_address, "
            "city, state, zip_code, date, start_time, end_time, capacity, facilitator_names, "
            "facilitator_email, notes, status (notes and status are optional).",
        ),
        (HEADER + "\n", "Nothing imported: The file has no rows under its header."),
    ],
)
def test_files_that_are_not_a_workshop_list(text, message):
    report = import_workshops(text)
    assert report.summary == message
    assert not report.ok


def test_command_refuses_an_undecodable_file(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes(HEADER.encode() + b"\n\xff\xfe\x00binary")
    with pytest.raises(CommandError) as raised:
        run(str(path))
    assert str(raised.value) == (
        '"sheet.csv" is not UTF-8 text - save the sheet as "CSV UTF-8" and try again.'
    )


def test_command_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError) as raised:
        run(str(tmp_path / "nope.csv"))
    assert str(raised.value) == f"Cannot read {tmp_path / 'nope.csv'}: No such file or directory."


def test_a_spreadsheet_export_with_bom_and_blank_lines(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(("\ufeff" + HEADER + "\r\n" + DENVER + "\r\n,,,,,,,,,,,,,,\r\n").encode())
    out, _ = run(str(path))
    assert out.splitlines()[-1] == "Imported 1 workshop."


def test_an_import_emails_each_matching_alert_one_digest(tmp_path):
    from outbox.models import OutgoingEmail
    from tests.alerts.factories import make_alert

    make_alert(email="denver@example.org", where="80202", distance=25)
    make_alert(email="hilo@example.org", where="96720", distance=10)  # far from Honolulu
    second_denver = DENVER.replace("Denver Public Library", "Denver Central Library").replace(
        "CS Fundamentals Denver", "CS Fundamentals Denver 2"
    )

    run(write(tmp_path, DENVER, second_denver, CHICAGO, HONOLULU), "--dry-run")
    assert OutgoingEmail.objects.filter(kind="workshop-alert").count() == 0

    run(write(tmp_path, DENVER, second_denver, CHICAGO, HONOLULU))
    sent = list(OutgoingEmail.objects.filter(kind="workshop-alert"))
    assert [email.to for email in sent] == [["denver@example.org"]]
    assert "2 new free K-5 computer science workshops are open" in sent[0].body
    assert "* CS Fundamentals Denver (" in sent[0].body
    assert "* CS Fundamentals Denver 2 (" in sent[0].body
    assert "Honolulu" not in sent[0].body
