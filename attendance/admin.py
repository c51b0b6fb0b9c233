"""Attendance on the staff side: per-workshop counts, the "attendance not taken" filter,
reopening and closing, correcting a mark (through ``attendance.services``, so each change is in
the history with who made it), and the history itself."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from facilitate.access import GROUP
from pdsite.admin_records import ReadOnlyAdmin

from . import services
from .models import Attendance, AttendanceChange


class AttendanceNotTakenFilter(admin.SimpleListFilter):
    title = "attendance"
    parameter_name = "attendance"

    def lookups(self, request, model_admin):
        return [("not_taken", "Not taken (ended workshops)"), ("complete", "Complete")]

    def queryset(self, request, queryset):
        if self.value() == "not_taken":
            return queryset.attendance_not_taken(timezone.now())
        if self.value() == "complete":
            return queryset.filter(attendance_closed_at__isnull=False)
        return queryset


def rate_text(workshop):
    rate = workshop.attendance_rate
    return "-" if rate is None else f"{rate:.0%}"


class WorkshopAttendanceAdmin:
    """Mixed into ``WorkshopAdmin``: the facilitators field, the attendance columns, filter,
    summary and actions. Kept here so the workshop admin stays about workshops."""

    ATTENDANCE_COLUMNS = ["attended", "no_shows", "walk_ins", "attendance_rate"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_attendance()

    def get_list_display(self, request):
        return [*super().get_list_display(request), *self.ATTENDANCE_COLUMNS]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), AttendanceNotTakenFilter]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "attendance_summary"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = list(options["fields"])
            if "facilitator_email" in fields:
                fields.insert(fields.index("facilitator_email") + 1, "facilitators")
            fieldsets.append((name, {**options, "fields": fields}))
        if obj is not None:
            fieldsets.append(("Attendance", {"fields": ["attendance_summary"]}))
        return fieldsets

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "facilitators":
            kwargs["queryset"] = db_field.related_model.objects.filter(groups__name=GROUP).order_by(
                "last_name", "first_name", "username"
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="attended", ordering="attended")
    def attended(self, workshop):
        return workshop.attended

    @admin.display(description="no-shows", ordering="no_shows")
    def no_shows(self, workshop):
        return workshop.no_shows

    @admin.display(description="walk-ins", ordering="walk_ins")
    def walk_ins(self, workshop):
        return workshop.walk_ins

    @admin.display(description="rate")
    def attendance_rate(self, workshop):
        return rate_text(workshop)

    @admin.display(description="attendance")
    def attendance_summary(self, workshop):
        counted = type(workshop).objects.with_attendance().get(pk=workshop.pk)
        if workshop.attendance_closed_at:
            local = timezone.localtime(workshop.attendance_closed_at, workshop.tz)
            state = format_html(
                "Complete since {} (by {}).",
                f"{local:%b %-d, %Y %-I:%M %p %Z}",
                workshop.attendance_closed_by or "nobody",
            )
        else:
            state = "Open (not marked complete)."
        history = format_html_join(
            "",
            "<li>{}</li>",
            (
                (str(change) + (f": {change.enrollment.full_name}" if change.enrollment else ""),)
                for change in workshop.attendance_changes.select_related("by", "enrollment")[:20]
            ),
        )
        marks = reverse("admin:attendance_attendance_changelist")
        return format_html(
            "<p>Attended {}, no-shows {}, walk-ins {}, attendance rate {}. {}</p>"
            '<p><a href="{}?enrollment__workshop__id__exact={}">Correct the marks</a> '
            '(the workshop list\'s actions "Reopen attendance" and "Mark attendance complete" '
            "reopen and close it).</p>"
            "<ul>{}</ul>",
            counted.attended,
            counted.no_shows,
            counted.walk_ins,
            rate_text(counted),
            state,
            marks,
            workshop.pk,
            history,
        )

    @admin.action(description="Reopen attendance (to correct it)", permissions=["change"])
    def reopen_attendance(self, request, queryset):
        reopened = sum(
            services.reopen_attendance(workshop=w, by=request.user) for w in queryset.order_by()
        )
        self.message_user(
            request, f"Reopened attendance of {reopened} workshop(s).", messages.SUCCESS
        )

    @admin.action(description="Mark attendance complete", permissions=["change"])
    def close_attendance(self, request, queryset):
        closed = sum(
            services.close_attendance(workshop=w, by=request.user) for w in queryset.order_by()
        )
        self.message_user(
            request, f"Marked attendance complete for {closed} workshop(s).", messages.SUCCESS
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_change_permission(request):
            for name in ["close_attendance", "reopen_attendance"]:
                actions[name] = self.get_action(name)
        return actions


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    """Marks, corrected by staff: each save goes through ``services.record`` (history kept)."""

    list_display = ["enrollment", "workshop", "present", "recorded_by", "recorded_at"]
    list_editable = ["present"]
    list_filter = [("enrollment__workshop", admin.RelatedOnlyFieldListFilter), "present"]
    list_select_related = ["enrollment__workshop", "recorded_by"]
    search_fields = ["enrollment__first_name", "enrollment__last_name", "enrollment__email"]
    raw_id_fields = ["enrollment"]
    fields = ["enrollment", "present", "recorded_by", "recorded_at"]
    readonly_fields = ["recorded_by", "recorded_at"]

    @admin.display(description="workshop", ordering="enrollment__workshop__starts_at")
    def workshop(self, attendance):
        return attendance.enrollment.workshop

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "enrollment"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        # The mark goes through the service: history, and the workshop's row lock.
        saved = services.record(enrollment=obj.enrollment, present=obj.present, by=request.user)
        obj.pk, obj.recorded_by, obj.recorded_at = saved.pk, saved.recorded_by, saved.recorded_at


@admin.register(AttendanceChange)
class AttendanceChangeAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The history: read only, and kept (never deleted in the admin)."""

    deletable = False

    list_display = ["at", "workshop", "action", "enrollment", "by"]
    list_filter = ["action"]
    list_select_related = ["workshop", "enrollment", "by"]
    search_fields = ["workshop__title", "enrollment__last_name", "by__username"]
