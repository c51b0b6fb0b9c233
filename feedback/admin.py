"""Survey answers on the staff side: the answers with their comments, the results grouped by
workshop, facilitator, course or state (counts, averages, spread), and a formula-safe CSV."""

import csv

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path

from certificates.reports import PeriodForm
from pdsite.admin_records import ReadOnlyAdmin
from pdsite.csv_safe import safe_row

from .models import Response
from .results import GROUPS, grouped

CSV_HEADER = [
    "Workshop",
    "Date",
    "Course",
    "City",
    "State",
    "Facilitators",
    "Workshop overall",
    "Facilitator",
    "Ready to teach CS",
    "What worked",
    "What to improve",
    "Answered",
]


class AnsweredFilter(admin.SimpleListFilter):
    title = "answered"
    parameter_name = "answered"

    def lookups(self, request, model_admin):
        return [("yes", "Answered"), ("no", "Not answered")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.answered()
        if self.value() == "no":
            return queryset.filter(answered_at__isnull=True)
        return queryset


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = [
        "workshop",
        "answered_at",
        "overall",
        "facilitator",
        "ready",
        "worked",
        "improve",
    ]
    list_filter = [
        AnsweredFilter,
        "enrollment__workshop__state",
        "enrollment__workshop__course",
        ("enrollment__workshop__facilitators", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["enrollment__workshop"]
    search_fields = ["enrollment__workshop__title", "worked", "improve"]
    readonly_fields = [
        "enrollment",
        "invited_at",
        "answered_at",
        "changed_at",
        "overall",
        "facilitator",
        "ready",
        "worked",
        "improve",
    ]
    fields = readonly_fields

    @admin.display(description="workshop", ordering="enrollment__workshop__starts_at")
    def workshop(self, response):
        return response.enrollment.workshop

    def get_urls(self):
        return [
            path(
                "results/",
                self.admin_site.admin_view(self.results_view),
                name="feedback_response_results",
            ),
            *super().get_urls(),
        ]

    def results_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = PeriodForm(request.GET or None)
        start, end = form.period()
        responses = Response.objects.filter(
            enrollment__workshop__starts_at__gte=start, enrollment__workshop__starts_at__lt=end
        )
        if request.GET.get("format") == "csv":
            return self._csv(responses)
        by = request.GET.get("by") if request.GET.get("by") in GROUPS else "workshop"
        context = {
            **self.admin_site.each_context(request),
            "title": "Feedback results",
            "opts": self.model._meta,
            "form": form,
            "by": by,
            "groups": GROUPS,
            "group_label": GROUPS[by],
            "rows": grouped(responses, by),
            "query": request.GET.urlencode(),
        }
        return TemplateResponse(request, "admin/feedback/results.html", context)

    def _csv(self, responses):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="feedback.csv"'
        writer = csv.writer(response)
        writer.writerow(CSV_HEADER)
        rows = (
            responses.answered()
            .select_related("enrollment__workshop__course")
            .prefetch_related("enrollment__workshop__facilitators")
            .order_by("enrollment__workshop__starts_at", "answered_at", "pk")
        )
        for answer in rows:
            workshop = answer.enrollment.workshop
            writer.writerow(
                safe_row(
                    [
                        workshop.title,
                        workshop.local_starts_at.date().isoformat(),
                        workshop.course.name,
                        workshop.city,
                        workshop.state,
                        ", ".join(u.get_full_name() for u in workshop.facilitators.all()),
                        answer.overall,
                        answer.facilitator,
                        answer.ready,
                        answer.worked,
                        answer.improve,
                        answer.answered_at.date().isoformat(),
                    ]
                )
            )
        return response
