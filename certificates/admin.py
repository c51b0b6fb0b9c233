"""Certificates on the staff side: the list (revoke, restore), and the reports page (the
programme's figures for a period with its chart, and the PD-hours CSV)."""

import csv

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from pdsite.admin_records import ReadOnlyAdmin
from pdsite.csv_safe import safe_row

from . import reports, services
from .models import Certificate, CloseReminder, PDHoursReport


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "workshop", "hours", "issued_at", "emailed_at", "status"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "issued_at"]
    list_select_related = ["enrollment__workshop"]
    search_fields = ["=number", "name", "original_name", "enrollment__email"]
    fields = [
        "number",
        "enrollment",
        "name",
        "original_name",
        "name_corrected_at",
        "hours",
        "issued_at",
        "emailed_at",
        "revoked_at",
        "revoked_reason",
    ]
    readonly_fields = [
        "number",
        "enrollment",
        "original_name",
        "name_corrected_at",
        "issued_at",
        "emailed_at",
        "revoked_at",
    ]
    actions = ["revoke", "restore"]

    def has_add_permission(self, request):
        return False  # issued when attendance closes, never by hand

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: a deleted number would look made up to a district

    @admin.display(description="workshop", ordering="enrollment__workshop__starts_at")
    def workshop(self, certificate):
        return certificate.enrollment.workshop

    @admin.display(description="status")
    def status(self, certificate):
        return "revoked" if certificate.is_revoked else "valid"

    @admin.action(description="Revoke the selected certificates", permissions=["change"])
    def revoke(self, request, queryset):
        revoked = sum(services.revoke(certificate=c) for c in queryset)
        self.message_user(
            request,
            f"Revoked {revoked} certificate(s). Their verification pages now say so; add the "
            "reason on each for the record.",
            messages.SUCCESS,
        )

    @admin.action(description="Restore the selected certificates", permissions=["change"])
    def restore(self, request, queryset):
        restored = queryset.filter(revoked_at__isnull=False).update(revoked_at=None)
        self.message_user(request, f"Restored {restored} certificate(s).", messages.SUCCESS)


@admin.register(CloseReminder)
class CloseReminderAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["workshop", "sent_at"]
    list_select_related = ["workshop"]


@admin.register(PDHoursReport)
class PDHoursReportAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """A report page in place of a change list."""

    deletable = False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("certificates.view_certificate")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = reports.PDHoursForm(request.GET or None)
        start, end = form.period()
        if request.GET.get("format") == "csv" and form.is_valid():
            return self._csv(form, start, end)
        context = {
            **self.admin_site.each_context(request),
            "title": "Programme summary and PD hours",
            "opts": self.model._meta,
            "form": form,
            "start": start.date(),
            "last": (end - timezone.timedelta(days=1)).date(),
            "summary": reports.summary(start=start, end=end),
            "query": request.GET.urlencode(),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/certificates/summary.html", context)

    def _csv(self, form, start, end):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = f"{start:%Y-%m-%d}-to-{(end - timezone.timedelta(days=1)):%Y-%m-%d}"
        response["Content-Disposition"] = f'attachment; filename="pd-hours-{stamp}.csv"'
        writer = csv.writer(response)
        writer.writerow(reports.PD_HOURS_HEADER)
        rows = reports.pd_hours_rows(
            start=start,
            end=end,
            state=form.cleaned_data.get("state") or "",
            zip_prefix=form.cleaned_data.get("zip_prefix") or "",
        )
        for row in rows:
            writer.writerow(safe_row(row))
        return response
