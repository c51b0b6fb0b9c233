from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from pdsite.admin_records import ReadOnlyAdmin

from . import services
from .demand import demand, demand_csv, demand_map
from .models import Alert, AlertNotice, Demand

CHART_STATES = 15
CHART_BAR_WIDTH = 380  # SVG user units for the largest state


class AlertNoticeInline(admin.TabularInline):
    model = AlertNotice
    extra = 0
    can_delete = False
    fields = ["workshop", "created_at"]
    readonly_fields = ["workshop", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "place_label",
        "distance_miles",
        "status",
        "language",
        "created_at",
        "confirmed_at",
    ]
    # "created_at": today, the past 7 days, this month, this year. No date_hierarchy: its links
    # need SELECT DISTINCT over every alert's truncated date.
    list_filter = ["status", "created_at", "distance_miles", "state", "language"]
    search_fields = ["email", "place_label", "zip_code", "city"]
    readonly_fields = [
        "email",
        "place_label",
        "latitude",
        "longitude",
        "zip_code",
        "city",
        "state",
        "status",
        "language",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    fields = ["distance_miles", *readonly_fields]
    inlines = [AlertNoticeInline]
    actions = ["unsubscribe_selected"]

    def has_add_permission(self, request):
        # Alerts come from teachers, with their own confirmation (double opt-in).
        return False

    @admin.action(description="Unsubscribe the selected alerts", permissions=["change"])
    def unsubscribe_selected(self, request, queryset):
        done = sum(services.unsubscribe(alert) for alert in queryset.active())
        self.message_user(request, f"Unsubscribed {done} alert(s).")


def _chart(states):
    shown = states[:CHART_STATES]
    largest = max((state.count for state in shown), default=0) or 1
    return [
        {
            "state": state,
            "y": index * 28,
            "text_y": index * 28 + 16,
            "width": max(round(CHART_BAR_WIDTH * state.count / largest), 2),
            "unserved_width": round(CHART_BAR_WIDTH * state.unserved / largest),
            "count_x": 110 + max(round(CHART_BAR_WIDTH * state.count / largest), 2) + 8,
        }
        for index, state in enumerate(shown)
    ]


@admin.register(Demand)
class DemandAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The demand map: a read-only report in place of a change list."""

    deletable = False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("alerts.view_alert")

    def has_module_permission(self, request):
        return request.user.has_perm("alerts.view_alert")

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        areas, states = demand()
        if request.GET.get("format") == "csv":
            response = HttpResponse(demand_csv(areas), content_type="text/csv; charset=utf-8")
            stamp = timezone.localdate().isoformat()
            response["Content-Disposition"] = f'attachment; filename="alert-demand-{stamp}.csv"'
            return response
        page = Paginator(areas, 50).get_page(request.GET.get("page"))
        largest_area = max((area.count for area in areas), default=1)
        chart = _chart(states)
        context = {
            **self.admin_site.each_context(request),
            "title": "Where teachers are waiting for a workshop",
            "opts": self.model._meta,
            "areas": page,
            "page": page,
            "states": states,
            "chart": chart,
            "chart_height": len(chart) * 28,
            "map": demand_map(areas),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "largest_area": largest_area,
            "total": sum(area.count for area in areas),
            "unserved": sum(area.count for area in areas if area.unserved),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/alerts/demand.html", context)
