import csv
import datetime
import io

import pytest
from django.utils import timezone

from attendance import services as attendance
from certificates.models import Certificate

from .conftest import MINH, ZOE, make_attended_workshop

pytestmark = pytest.mark.django_db


def rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def closed(names, **kw):
    workshop, facilitator, present = make_attended_workshop(names, **kw)
    attendance.close_attendance(workshop=workshop, by=facilitator)
    return workshop, present


def days_ago(days, **kw):
    start = timezone.now() - datetime.timedelta(days=days)
    return {"starts_at": start, "ends_at": start + datetime.timedelta(hours=6), **kw}


def test_pd_hours_csv_for_a_period_by_state_and_zip_prefix(admin_client):
    chicago, (zoe, minh) = closed(
        (ZOE, MINH), title='=HYPERLINK("x")', **days_ago(10, zip_code="60601")
    )
    Certificate.objects.filter(enrollment=minh).update(hours="4.5")
    minh.school_zip = "60699"
    minh.save()
    closed([("Ana", "Denver")], **days_ago(20, zip_code="80202"))
    closed([("Old", "Timer")], **days_ago(400, zip_code="60601"))
    url = "/admin/certificates/pdhoursreport/"
    today = timezone.localdate()
    period = {"start": (today - datetime.timedelta(days=30)).isoformat(), "end": today.isoformat()}

    everyone = rows(admin_client.get(url, {**period, "format": "csv"}))
    illinois = rows(admin_client.get(url, {**period, "state": "IL", "format": "csv"}))
    by_zip = rows(admin_client.get(url, {**period, "zip_prefix": "6069", "format": "csv"}))

    assert everyone[0] == [
        "Name",
        "Email",
        "School",
        "School ZIP",
        "Workshop",
        "Date",
        "City",
        "State",
        "PD hours",
        "Certificate number",
    ]
    assert [row[0] for row in everyone[1:]] == [
        "Ana Denver",
        "Nguyễn Thị Minh Khai",
        "Zoë Núñez-O'Brien",
    ]
    date = chicago.local_starts_at.date().isoformat()
    assert illinois[1:] == [
        [
            "Nguyễn Thị Minh Khai",
            minh.email,
            "Jefferson Elementary",
            "60699",
            '\'=HYPERLINK("x")',
            date,
            "Chicago",
            "IL",
            "4.50",
            minh.certificate.number,
        ],
        [
            "Zoë Núñez-O'Brien",
            zoe.email,
            "Jefferson Elementary",
            "60614",
            '\'=HYPERLINK("x")',
            date,
            "Chicago",
            "IL",
            "5.00",
            zoe.certificate.number,
        ],
    ]
    assert [row[0] for row in by_zip[1:]] == ["Nguyễn Thị Minh Khai"]


def test_the_summary_shows_the_period_figures_and_a_chart(admin_client):
    closed((ZOE, MINH), **days_ago(10))
    closed([("Ana", "Denver")], **days_ago(400))

    response = admin_client.get("/admin/certificates/pdhoursreport/")
    summary = response.context["summary"]

    assert (
        summary["workshops_held"],
        summary["teachers_trained"],
        summary["no_shows"],
        summary["certificates"],
        summary["answers"],
    ) == (1, 2, 1, 2, 0)
    assert summary["attendance_rate"] == pytest.approx(2 / 3)
    assert [(bar.value, bar.height) for bar in summary["chart"]] == [(2, 160)]
    page = response.content.decode()
    assert '<svg class="summary-chart"' in page and "67%" in page


def test_staff_revoke_and_the_original_name_is_kept(admin_client):
    _workshop, (zoe,) = closed([("Zoe", "Nunez")])
    certificate = zoe.certificate
    certificate.name = "Zoë Núñez"
    certificate.save()

    admin_client.post(
        "/admin/certificates/certificate/",
        {"action": "revoke", "_selected_action": [certificate.pk]},
    )
    page = admin_client.get(f"/admin/certificates/certificate/{certificate.pk}/change/")

    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert "Zoe Nunez" in page.content.decode()


def test_feedback_results_per_state_and_a_formula_safe_csv(admin_client):
    workshop, present = closed((ZOE, MINH), **days_ago(5))
    for enrollment, (overall, worked) in zip(present, [(5, "=cmd()"), (3, "Games")], strict=True):
        response = enrollment.feedback
        response.overall, response.facilitator, response.ready = overall, 4, 2
        response.worked, response.answered_at = worked, timezone.now()
        response.save()

    page = admin_client.get("/admin/feedback/response/results/", {"by": "state"})
    export = rows(admin_client.get("/admin/feedback/response/results/", {"format": "csv"}))

    ((key, label, row, ratings),) = page.context["rows"]
    assert (key, label, row["count"]) == ("IL", "Illinois (IL)", 2)
    assert [(r.name, r.average, [c for _n, c, _p in r.spread]) for r in ratings] == [
        ("overall", 4.0, [0, 0, 1, 0, 1]),
        ("facilitator", 4.0, [0, 0, 0, 2, 0]),
        ("ready", 2.0, [0, 2, 0, 0, 0]),
    ]
    assert sorted(r[9] for r in export[1:]) == ["'=cmd()", "Games"]
    assert export[1][:9] == [
        workshop.title,
        workshop.local_starts_at.date().isoformat(),
        "Course A (grades K-1)",
        "Chicago",
        "IL",
        "Jordan Lee",
        export[1][6],
        "4",
        "2",
    ]
