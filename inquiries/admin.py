import csv

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from outbox.models import OutgoingEmail
from pdsite.admin_records import ReadOnlyAdmin
from pdsite.csv_safe import safe_row

from . import services
from .models import Inquiry, Programme, SpamCount, StatusChange

WORKFLOW_FIELDS = ["status", "assigned_to", "notes"]
SHORT_PROGRAMME_LABELS = {
    Programme.MIDDLE_SCHOOL: "MS math/science",
    Programme.HIGH_SCHOOL: "HS CS",
}


class ProgrammeFilter(admin.SimpleListFilter):
    title = "programme"
    parameter_name = "programme"

    def lookups(self, request, model_admin):
        return Programme.choices

    def queryset(self, request, queryset):
        if self.value() == Programme.MIDDLE_SCHOOL:
            return queryset.filter(wants_middle_school=True)
        if self.value() == Programme.HIGH_SCHOOL:
            return queryset.filter(wants_high_school=True)
        return queryset


class StatusChangeInline(ReadOnlyAdmin, admin.TabularInline):
    model = StatusChange
    verbose_name = "status change"
    verbose_name_plural = "Status history"
    fields = ["changed_at", "changed_by", "from_status", "to_status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    view_on_site = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")


CSV_COLUMNS = [
    ("Received", lambda i: timezone.localtime(i.received_at).strftime("%Y-%m-%d %H:%M")),
    ("District", lambda i: i.district),
    ("State", lambda i: i.state),
    ("City", lambda i: i.city),
    ("First name", lambda i: i.first_name),
    ("Last name", lambda i: i.last_name),
    ("Job title or role", lambda i: i.role),
    ("Email", lambda i: i.email),
    ("Phone", lambda i: i.phone),
    ("Elementary schools", lambda i: i.schools_elementary),
    ("Middle schools", lambda i: i.schools_middle),
    ("High schools", lambda i: i.schools_high),
    ("Programmes", lambda i: "; ".join(i.programme_labels)),
    ("Would like to start", lambda i: i.start_year),
    ("Heard of us through", lambda i: i.get_heard_about_display()),
    ("Message", lambda i: i.message),
    ("Status", lambda i: i.get_status_display()),
    ("Assigned to", lambda i: i.assigned_to.get_username() if i.assigned_to else ""),
    ("Internal notes", lambda i: i.notes),
    ("Admin link", lambda i: services.admin_url(i)),
]


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = [
        "received",
        "district",
        "state_code",
        "contact",
        "programme_short_list",
        "schools",
        "status",
        "assigned_to",
        "language",
    ]
    list_filter = ["status", "state", ProgrammeFilter, "language", "received_at"]
    search_fields = ["district", "first_name", "last_name", "email"]
    list_select_related = ["assigned_to"]
    list_per_page = 50
    show_full_result_count = False
    actions = ["export_csv"]
    view_on_site = False
    inlines = [StatusChangeInline]
    fieldsets = [
        ("Workflow", {"fields": WORKFLOW_FIELDS}),
        (
            "The district",
            {"fields": ["received_at", "district", "state", "city", "school_counts"]},
        ),
        ("The contact", {"fields": ["contact_name", "role", "email", "phone", "language"]}),
        (
            "What they asked for",
            {"fields": ["programme_list", "start_year", "heard_about", "message"]},
        ),
        ("Emails", {"fields": ["email_status"]}),
    ]
    readonly_fields = [
        "language",
        "received_at",
        "district",
        "state",
        "city",
        "school_counts",
        "contact_name",
        "role",
        "email",
        "phone",
        "programme_list",
        "start_year",
        "heard_about",
        "message",
        "email_status",
    ]

    @admin.display(description="received", ordering="received_at")
    def received(self, inquiry):
        return timezone.localtime(inquiry.received_at).strftime("%Y-%m-%d %H:%M")

    @admin.display(description="state", ordering="state")
    def state_code(self, inquiry):
        return format_html('<abbr title="{}">{}</abbr>', inquiry.get_state_display(), inquiry.state)

    @admin.display(description="contact", ordering="last_name")
    def contact(self, inquiry):
        return format_html('<span title="{}">{}</span>', inquiry.email, inquiry.contact_name)

    @admin.display(description="programmes")
    def programme_list(self, inquiry):
        return ", ".join(inquiry.programme_labels)

    @admin.display(description="programmes")
    def programme_short_list(self, inquiry):
        return ", ".join(SHORT_PROGRAMME_LABELS[programme] for programme in inquiry.programmes)

    @admin.display(description="schools")
    def schools(self, inquiry):
        return inquiry.total_schools

    @admin.display(description="schools")
    def school_counts(self, inquiry):
        return (
            f"{inquiry.schools_elementary} elementary, {inquiry.schools_middle} middle, "
            f"{inquiry.schools_high} high ({inquiry.total_schools} in total)"
        )

    @admin.display(description="each email and its status")
    def email_status(self, inquiry):
        """Each email about this inquiry and whether it went out (failures are retried by
        ``send_pending_notifications``)."""
        emails = OutgoingEmail.objects.for_object(inquiry).order_by("created_at")
        if not emails:
            return "No emails."
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td><strong>{}</strong></td><td>{}</td><td>{}</td>"
            "<td>{}</td></tr>",
            (
                (
                    email.kind,
                    ", ".join(email.to),
                    email.status,
                    email.attempts,
                    timezone.localtime(email.sent_at).strftime("%Y-%m-%d %H:%M")
                    if email.sent_at
                    else "",
                    email.last_error,
                )
                for email in emails
            ),
        )
        return format_html(
            "<table><thead><tr><th>Email</th><th>To</th><th>Status</th><th>Attempts</th>"
            "<th>Sent</th><th>Last error</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    def has_add_permission(self, request):
        return False  # Inquiries come only from the form on the site.

    def save_model(self, request, obj, form, change):
        """Only the workflow fields are saved; a status change goes through the service, which
        records it in the history."""
        obj.save(update_fields=["assigned_to", "notes", "updated_at"])
        if "status" in form.changed_data:
            services.change_status(obj, status=form.cleaned_data["status"], by=request.user)

    @admin.action(description="Export the selected inquiries as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"inquiries-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
        writer = csv.writer(response)
        writer.writerow([title for title, _ in CSV_COLUMNS])
        for inquiry in queryset.select_related("assigned_to").order_by("received_at", "pk"):
            writer.writerow(safe_row(value(inquiry) for _, value in CSV_COLUMNS))
        return response


@admin.register(SpamCount)
class SpamCountAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """How many submissions the spam defence turned away (nothing else of them is kept)."""

    list_display = ["day", "reason", "count"]
    list_filter = ["reason", "day"]
    date_hierarchy = "day"

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
