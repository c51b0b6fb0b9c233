"""The facilitators' pages: their workshops, each roster (and its CSV), attendance on the day,
walk-ins and closing the record. Every page is for the signed-in facilitator's own workshops
only (``access``); the actions are ``attendance.services``."""

import csv

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from attendance import services
from pdsite.csv_safe import safe_row
from workshops.models import Workshop

from .access import facilitator_required, led_workshop
from .forms import WalkInForm


@facilitator_required
def home(request):
    now = timezone.now()
    workshops = Workshop.objects.led_by(request.user).select_related("course")
    upcoming = list(workshops.filter(ends_at__gt=now).order_by("starts_at", "pk"))
    past = list(workshops.filter(ends_at__lte=now).order_by("-starts_at", "-pk"))
    for workshop in upcoming + past:
        workshop.attendance_now = workshop.attendance_is_open(now)
    return render(request, "facilitate/home.html", {"upcoming": upcoming, "past": past})


def _roster(workshop):
    return workshop.enrollments.on_roster().select_related("attendance")


@facilitator_required
def roster(request, pk):
    workshop = led_workshop(request, pk)
    return render(
        request,
        "facilitate/roster.html",
        {
            "workshop": workshop,
            "roster": _roster(workshop),
            "attendance_open": workshop.attendance_is_open(),
        },
    )


CSV_HEADER = [
    "First name",
    "Last name",
    "Email",
    "School",
    "School ZIP",
    "Role",
    "Grades",
    "Status",
    "Signed up",
    "Present",
]


@facilitator_required
def roster_csv(request, pk):
    workshop = led_workshop(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="workshop-{workshop.pk}-roster.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for enrollment in _roster(workshop):
        attendance = getattr(enrollment, "attendance", None)
        writer.writerow(
            safe_row(
                [
                    enrollment.first_name,
                    enrollment.last_name,
                    enrollment.email,
                    enrollment.school_name,
                    enrollment.school_zip,
                    enrollment.get_role_display(),
                    enrollment.grades,
                    enrollment.get_status_display(),
                    timezone.localtime(enrollment.created_at, workshop.tz).strftime(
                        "%Y-%m-%d %H:%M"
                    ),
                    "" if attendance is None else ("yes" if attendance.present else "no"),
                ]
            )
        )
    return response


def _closed_reason(workshop, now):
    if workshop.attendance_closed_at is not None:
        return _("Attendance is complete. Staff can reopen it if something needs correcting.")
    if workshop.starts_at > now:
        return _("Attendance opens when the workshop starts.")
    if not workshop.is_published:
        return _("This workshop is not running, so there is no attendance to take.")
    return _("Attendance can be taken until 7 days after the workshop. Ask staff to correct it.")


def present_count_text(workshop):
    n = workshop.enrollments.attended().count()
    return ngettext("%(n)d person present", "%(n)d people present", n) % {"n": n}


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@facilitator_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    workshop = led_workshop(request, pk)
    now = timezone.now()
    is_open = workshop.attendance_is_open(now)
    if request.method == "POST":
        return _mark(request, workshop, is_open)
    query = request.GET.get("q", "").strip()[:100]
    people = _roster(workshop)
    if query:
        people = people.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(school_name__icontains=query)
        )
    return render(
        request,
        "facilitate/attendance.html",
        {
            "workshop": workshop,
            "roster": people,
            "query": query,
            "is_open": is_open,
            "closed_reason": None if is_open else _closed_reason(workshop, now),
            "present_count_text": present_count_text(workshop),
        },
    )


def _mark(request, workshop, is_open):
    pk = request.POST.get("enrollment", "").strip()
    if not pk.isdigit():
        raise Http404("No such sign-up on this roster.")
    enrollment = get_object_or_404(workshop.enrollments.active(), pk=pk)
    present = request.POST.get("present") == "1"
    error = None if is_open else _closed_reason(workshop, timezone.now())
    if error is None:
        try:
            services.record(enrollment=enrollment, present=present, by=request.user)
        except services.AttendanceError as exc:
            error = exc.message
    if error is None:
        status = (_("%(name)s: present") if present else _("%(name)s: not present")) % {
            "name": enrollment.full_name
        }
    if _wants_json(request):
        if error is not None:
            return JsonResponse({"error": error}, status=409)
        return JsonResponse(
            {"present": present, "message": status, "count_text": present_count_text(workshop)}
        )
    if error is not None:
        messages.error(request, error)
    else:
        messages.success(request, status)
    return redirect(
        reverse("facilitate:attendance", args=[workshop.pk]) + f"#person-{enrollment.pk}"
    )


@facilitator_required
@require_http_methods(["GET", "POST"])
def walk_in(request, pk):
    workshop = led_workshop(request, pk)
    if not workshop.attendance_is_open():
        messages.error(request, _closed_reason(workshop, timezone.now()))
        return redirect("facilitate:attendance", pk=workshop.pk)
    form = WalkInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            enrollment = services.add_walk_in(
                workshop=workshop, data=form.cleaned_data, by=request.user
            )
        except services.AttendanceError as exc:
            form.add_error("email", exc.message)
        else:
            messages.success(
                request, _("%(name)s is added and marked present.") % {"name": enrollment.full_name}
            )
            return redirect("facilitate:attendance", pk=workshop.pk)
    return render(request, "facilitate/walk_in.html", {"workshop": workshop, "form": form})


@facilitator_required
@require_http_methods(["GET", "POST"])
def complete(request, pk):
    workshop = led_workshop(request, pk)
    if request.method == "POST":
        if workshop.attendance_is_open():
            services.close_attendance(workshop=workshop, by=request.user)
            messages.success(request, _("Attendance is complete. Thank you!"))
        else:
            messages.error(request, _closed_reason(workshop, timezone.now()))
        return redirect("facilitate:roster", pk=workshop.pk)
    counted = Workshop.objects.with_attendance().get(pk=workshop.pk)
    return render(
        request,
        "facilitate/complete.html",
        {
            "workshop": counted,
            "is_open": workshop.attendance_is_open(),
            "unmarked": workshop.enrollments.on_roster().filter(attendance__isnull=True).count(),
        },
    )
