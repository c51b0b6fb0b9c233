"""Staff reports: the PD-hours export districts ask for, and the programme's figures for a
period (with a month-by-month chart drawn on the server as SVG: no script, no CDN)."""

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models import Response
from feedback.results import ratings
from workshops.models import STATE_CHOICES, Enrollment, Workshop

from .models import Certificate

PD_HOURS_HEADER = [
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


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    end = forms.DateField(
        label=_("To (inclusive)"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )

    def period(self):
        """(start, end) as aware datetimes, end exclusive; default the last 12 months."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        end = data.get("end") or today
        start = data.get("start") or (end - datetime.timedelta(days=365))
        if start > end:
            start, end = end, start
        zone = timezone.get_current_timezone()
        return (
            datetime.datetime.combine(start, datetime.time.min, zone),
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, zone),
        )


class PDHoursForm(PeriodForm):
    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("All states")), *STATE_CHOICES], required=False
    )
    zip_prefix = forms.RegexField(
        label=_("School ZIP code starts with"),
        regex=r"^\d{1,5}$",
        required=False,
        error_messages={"invalid": _("Type 1 to 5 digits, e.g. 606.")},
    )


def pd_hours_rows(*, start, end, state="", zip_prefix=""):
    """Valid certificates of workshops that started in [start, end), by date then name."""
    rows = Certificate.objects.valid().held_between(start, end)
    if state:
        rows = rows.filter(enrollment__workshop__state=state)
    if zip_prefix:
        rows = rows.filter(enrollment__school_zip__startswith=zip_prefix)
    rows = rows.select_related("enrollment__workshop").order_by(
        "enrollment__workshop__starts_at", "name", "pk"
    )
    for certificate in rows.iterator(chunk_size=500):
        enrollment, workshop = certificate.enrollment, certificate.enrollment.workshop
        yield [
            certificate.name,
            enrollment.email,
            enrollment.school_name,
            enrollment.school_zip,
            workshop.title,
            workshop.local_starts_at.date().isoformat(),
            workshop.city,
            workshop.state,
            certificate.hours,
            certificate.number,
        ]


@dataclass
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def label_y(self):
        return round(self.y - 4, 1)


def chart(months, height=160, width=640):
    """Bars for [(month, teachers trained)]: geometry for an inline SVG."""
    if not months:
        return []
    top = max(value for _month, value in months) or 1
    slot = width / len(months)
    bars = []
    for i, (month, value) in enumerate(months):
        bar_height = round(height * value / top, 1)
        bars.append(
            Bar(
                label=month.strftime("%b %Y"),
                value=value,
                x=round(i * slot + slot * 0.15, 1),
                y=round(20 + height - bar_height, 1),
                width=round(slot * 0.7, 1),
                height=bar_height,
            )
        )
    return bars


def summary(*, start, end):
    """The programme's figures for workshops that started in [start, end) and have ended."""
    now = timezone.now()
    held = Workshop.objects.published().filter(starts_at__gte=start, starts_at__lt=end)
    held = held.filter(ends_at__lte=now)
    people = Enrollment.objects.filter(workshop__in=held)
    counts = people.aggregate(
        attended=Count("pk", filter=Q(attendance__present=True)),
        no_shows=Count(
            "pk",
            filter=Q(status=Enrollment.Status.ENROLLED)
            & (Q(attendance__isnull=True) | Q(attendance__present=False)),
        ),
        walk_ins=Count("pk", filter=Q(status=Enrollment.Status.WALK_IN)),
    )
    expected = counts["attended"] + counts["no_shows"]
    by_month = (
        people.filter(attendance__present=True)
        .annotate(month=TruncMonth("workshop__starts_at"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    figures = Response.objects.filter(enrollment__workshop__in=held).figures()
    return {
        "workshops_held": held.count(),
        "taken": held.filter(attendance_closed_at__isnull=False).count(),
        "teachers_trained": counts["attended"],
        "walk_ins": counts["walk_ins"],
        "no_shows": counts["no_shows"],
        "attendance_rate": counts["attended"] / expected if expected else None,
        "certificates": Certificate.objects.valid().held_between(start, end).count(),
        "answers": figures["count"],
        "ratings": ratings(figures),
        "chart": chart([(row["month"], row["n"]) for row in by_month]),
    }
