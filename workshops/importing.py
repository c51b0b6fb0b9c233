"""Importing workshops from a CSV file: shared by ``manage.py import_workshops`` and the admin.

``import_workshops(text)`` checks every row, then saves all of them in one transaction, or
none when a row has an error (unless ``skip_invalid``), and returns an ``ImportReport`` that
names each bad row and why. Row numbers are a spreadsheet's: the header is row 1.
"""

import calendar
import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import caching, services
from .geo import lookup_state
from .models import STATE_CODES, Course, Workshop
from .venues import local_time_problem, place_for_zip, state_mismatch, venue_datetime

COLUMNS = [
    "title",
    "course",
    "venue_name",
    "street_address",
    "city",
    "state",
    "zip_code",
    "date",
    "start_time",
    "end_time",
    "capacity",
    "facilitator_names",
    "facilitator_email",
    "notes",
    "status",
]
OPTIONAL_COLUMNS = {"notes", "status"}
REQUIRED_COLUMNS = [c for c in COLUMNS if c not in OPTIONAL_COLUMNS]
# What the form calls a column when it differs from the CSV's name.
FORM_TO_COLUMN = {"__all__": ""}


@dataclass
class RowProblem:
    row: int
    column: str  # "" when the problem is the whole row
    message: str

    def __str__(self):
        if self.column:
            return f"row {self.row}: {self.column}: {self.message}"
        return f"row {self.row}: {self.message}"


@dataclass
class ImportReport:
    dry_run: bool = False
    skip_invalid: bool = False
    rows: int = 0
    valid: list = field(default_factory=list)  # (row number, Workshop), saved or not
    problems: list = field(default_factory=list)
    file_error: str = ""
    saved: bool = False

    @property
    def invalid_rows(self):
        return sorted({problem.row for problem in self.problems})

    @property
    def ok(self):
        """True unless the file was refused or rows failed without ``skip_invalid``."""
        return not self.file_error and (self.skip_invalid or not self.problems)

    @property
    def workshops(self):
        return [workshop for _, workshop in self.valid]

    @property
    def summary(self):
        if self.file_error:
            return f"Nothing imported: {self.file_error}"
        bad = len(self.invalid_rows)
        if bad and not self.skip_invalid:
            return (
                f"Nothing imported: {bad} of {self.rows} rows have errors. Correct them and "
                "import the file again, or choose to import only the valid rows."
            )
        skipped = f" ({bad} {_rows(bad)} with errors skipped)" if bad else ""
        count = len(self.valid)
        if self.dry_run:
            return (
                f"Dry run: {count} {_workshops(count)} would be imported{skipped}. "
                "Nothing was saved."
            )
        return f"Imported {count} {_workshops(count)}{skipped}."

    def lines(self):
        """The report, one line each: the summary, the problems, then the workshops."""
        lines = [self.summary]
        lines += [str(problem) for problem in self.problems]
        if self.valid and (self.saved or self.dry_run) and self.ok:
            verb = "would import" if self.dry_run else "imported"
            lines += [f"row {row}: {verb} {describe(workshop)}" for row, workshop in self.valid]
        return lines


def _rows(n):
    return "row" if n == 1 else "rows"


def _workshops(n):
    return "workshop" if n == 1 else "workshops"


def describe(workshop):
    start = workshop.local_starts_at
    end = workshop.local_ends_at
    return (
        f"{workshop.title} - {workshop.venue_name}, {workshop.city}, {workshop.state} - "
        f"{start:%a %b %-d, %Y %-I:%M %p}-{end:%-I:%M %p} {start:%Z} "
        f"({workshop.get_status_display()})"
    )


class CourseField(forms.CharField):
    def __init__(self, courses, **kwargs):
        self.courses = courses
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        course = self.courses.get(text.casefold())
        if course is None:
            known = ", ".join(sorted({c.slug for c in self.courses.values()})) or "none yet"
            raise ValidationError(f'Unknown course "{text}" - use a course name or slug ({known}).')
        return course


def example_date(today=None):
    """A date for examples in messages: March 14 of next year, never one in the past."""
    return f"{(today or timezone.localdate()).year + 1}-03-14"


class ImportDateField(forms.DateField):
    """YYYY-MM-DD. A date written right that does not exist (2027-02-30) is told so, not
    asked for in another format."""

    def to_python(self, value):
        text = (value or "").strip()
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if match is None:
            if text in self.empty_values:
                return None
            raise ValidationError(
                _("Enter the date as YYYY-MM-DD, e.g. %(example)s.") % {"example": example_date()},
                code="invalid",
            )
        year, month, day = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(
                _("%(date)s does not exist: %(why)s") % {"date": text, "why": _why(year, month)},
                code="invalid_date",
            ) from None


def _why(year, month):
    if not 1 <= month <= 12:
        return _("there is no month %(month)d.") % {"month": month}
    last = calendar.monthrange(year, month)[1]
    return _("%(month)s %(year)d has %(days)d days.") % {
        "month": calendar.month_name[month],
        "year": year,
        "days": last,
    }


class RowForm(forms.ModelForm):
    """One CSV row. Times are the venue's wall-clock times."""

    state = forms.CharField(max_length=50)
    zip_code = forms.CharField(max_length=10)
    date = ImportDateField()
    start_time = forms.TimeField(
        input_formats=["%H:%M", "%H:%M:%S"],
        error_messages={"invalid": "Enter the time as HH:MM (24-hour), e.g. 09:00."},
    )
    end_time = forms.TimeField(
        input_formats=["%H:%M", "%H:%M:%S"],
        error_messages={"invalid": "Enter the time as HH:MM (24-hour), e.g. 15:30."},
    )
    capacity = forms.IntegerField(
        min_value=1,
        error_messages={
            "min_value": "Capacity must be at least 1.",
            "invalid": "Capacity must be a whole number, e.g. 30.",
        },
    )
    status = forms.CharField(required=False)

    class Meta:
        model = Workshop
        fields = [
            "title",
            "venue_name",
            "street_address",
            "city",
            "state",
            "zip_code",
            "capacity",
            "facilitator_names",
            "facilitator_email",
            "notes",
            "status",
        ]

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"] = CourseField(courses)
        self.place = None

    def clean_state(self):
        text = self.cleaned_data["state"].strip()
        state = lookup_state(text)
        if state is None or state.abbr not in STATE_CODES:
            raise ValidationError(f'Unknown state "{text}" - use the two-letter code, e.g. CO.')
        return state.abbr

    def clean_zip_code(self):
        self.place = place_for_zip(self.cleaned_data["zip_code"])
        return self.place.zip_code

    def clean_status(self):
        text = self.cleaned_data["status"].strip().lower()
        if not text:
            return Workshop.Status.PUBLISHED
        if text not in Workshop.Status.values:
            raise ValidationError(
                f'Unknown status "{text}" - use draft, published or cancelled (or leave it empty '
                "for published)."
            )
        return text

    def clean(self):
        cleaned = super().clean()
        place = self.place
        if place is None:
            return cleaned
        message = state_mismatch(place, cleaned.get("state"))
        if message:
            self.add_error("state", message)
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", "The end time must be after the start time.")
            local_start = datetime.datetime.combine(day, start)
            local_end = datetime.datetime.combine(day, end)
            for name, moment in (("start_time", local_start), ("end_time", local_end)):
                problem = local_time_problem(moment, place.time_zone)
                if problem:
                    self.add_error(name, problem)
            self.instance.starts_at = venue_datetime(local_start, place.time_zone)
            self.instance.ends_at = venue_datetime(local_end, place.time_zone)
        self.instance.latitude = place.latitude
        self.instance.longitude = place.longitude
        self.instance.time_zone = place.time_zone
        self.instance.course = cleaned.get("course")
        return cleaned


def read_rows(text):
    """(header, [(row number, {column: value})]) of CSV text; rows with no values are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        records = list(reader)
    except csv.Error as error:
        raise ValidationError(
            f"The file is not valid CSV (line {reader.line_num}: {error})."
        ) from None
    if not records:
        raise ValidationError("The file is empty.")
    header = [name.strip().lower().replace(" ", "_") for name in records[0]]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ValidationError(
            f"The header row has no column {', '.join(missing)}. Expected the columns: "
            f"{', '.join(COLUMNS)} (notes and status are optional)."
        )
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        values = {name: value.strip() for name, value in zip(header, record, strict=False)}
        rows.append((number, {column: values.get(column, "") for column in COLUMNS}))
    if not rows:
        raise ValidationError("The file has no rows under its header.")
    return header, rows


def _duplicates(report):
    """Problems for rows that are already in the database or twice in the file."""
    if not report.valid:
        return
    existing = Workshop.objects.filter(
        zip_code__in={w.zip_code for w in report.workshops},
        starts_at__in={w.starts_at for w in report.workshops},
    ).values_list("pk", "venue_name", "zip_code", "starts_at")
    known = {
        (name.casefold(), zip_code, starts_at): pk for pk, name, zip_code, starts_at in existing
    }
    seen = {}
    keep = []
    for row, workshop in report.valid:
        key = (workshop.venue_name.casefold(), workshop.zip_code, workshop.starts_at)
        if key in known:
            report.problems.append(
                RowProblem(
                    row,
                    "",
                    f"already imported: workshop #{known[key]} is at this venue at this time.",
                )
            )
        elif key in seen:
            report.problems.append(
                RowProblem(row, "", f"the same venue and time as row {seen[key]}.")
            )
        else:
            seen[key] = row
            keep.append((row, workshop))
    report.valid = keep


def import_workshops(text, *, dry_run=False, skip_invalid=False, progress=None):
    """Check every row of CSV ``text`` and save the workshops; returns an ImportReport.

    ``progress(iterable, total)`` may wrap the rows (a progress bar)."""
    report = ImportReport(dry_run=dry_run, skip_invalid=skip_invalid)
    try:
        _, rows = read_rows(text)
    except ValidationError as error:
        report.file_error = error.messages[0]
        return report
    report.rows = len(rows)
    courses = {}
    for course in Course.objects.all():
        courses[course.slug.casefold()] = course
        courses[course.name.casefold()] = course
    iterable = progress(rows, len(rows)) if progress else rows
    for number, values in iterable:
        form = RowForm(values, courses=courses)
        if form.is_valid():
            report.valid.append((number, form.instance))
            continue
        for name, messages in form.errors.items():
            for message in messages:
                report.problems.append(RowProblem(number, FORM_TO_COLUMN.get(name, name), message))
    _duplicates(report)
    report.problems.sort(key=lambda problem: problem.row)
    if dry_run or not report.ok or not report.valid:
        return report
    now = timezone.now()
    for workshop in report.workshops:
        if workshop.status == Workshop.Status.CANCELLED:
            workshop.cancelled_at = now
    with transaction.atomic():
        Workshop.objects.bulk_create(report.workshops)
        caching.bump_version()  # bulk_create sends no signals
        published = [w for w in report.workshops if w.status == Workshop.Status.PUBLISHED]
        services.publish(workshops=published, now=now)
    report.saved = True
    return report
