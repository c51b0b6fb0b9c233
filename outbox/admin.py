"""The "Outgoing emails" list: what the site sent or owes, to read (staff with the view
permission), and "send again" for failed ones (staff with the resend permission)."""

from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pdsite.admin_records import ReadOnlyAdmin

from . import services
from .models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    # A record of what was sent: purge_personal_data deletes sent emails after the retention
    # period, staff never do.
    deletable = False
    list_display = ["subject", "recipients", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind", "gave_up"]
    search_fields = ["to", "subject"]
    ordering = ["-created_at", "-pk"]
    show_full_result_count = False
    actions = ["send_again"]
    view_on_site = False  # an email has no page on the site
    fieldsets = [
        (None, {"fields": ["status", "kind", "related_object", "created_at", "sent_at"]}),
        (
            _("The message as sent"),
            {"fields": ["recipients", "reply_to", "subject", "body", "html_body", "files"]},
        ),
        (_("Delivery"), {"fields": ["attempts", "last_attempt_at", "last_error", "gave_up"]}),
    ]
    readonly_fields = [
        "status",
        "kind",
        "related_object",
        "created_at",
        "sent_at",
        "recipients",
        "reply_to",
        "subject",
        "body",
        "html_body",
        "files",
        "attempts",
        "last_attempt_at",
        "last_error",
        "gave_up",
    ]

    @admin.display(description=_("to"))
    def recipients(self, email):
        return ", ".join(email.to)

    @admin.display(description=_("about"))
    def related_object(self, email):
        return str(email.related) if email.content_type_id else "-"

    @admin.display(description=_("attachments"))
    def files(self, email):
        if not email.attachments:
            return "-"
        return format_html_join(", ", "{}", ((item["filename"],) for item in email.attachments))

    def has_resend_permission(self, request):
        return request.user.has_perm("outbox.resend_outgoingemail")

    @admin.action(description=_("Send the selected failed emails again"), permissions=["resend"])
    def send_again(self, request, queryset):
        skipped = queryset.exclude(status=OutgoingEmail.Status.FAILED).count()
        sent, failing = services.send_again(emails=queryset)
        self.message_user(
            request,
            ngettext("Sent %(n)d email again.", "Sent %(n)d emails again.", sent) % {"n": sent},
            messages.SUCCESS if sent else messages.INFO,
        )
        if failing:
            self.message_user(
                request,
                ngettext(
                    "%(n)d email failed again; its error is on its page.",
                    "%(n)d emails failed again; their errors are on their pages.",
                    failing,
                )
                % {"n": failing},
                messages.ERROR,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d selected email had not failed, so it was left alone.",
                    "%(n)d selected emails had not failed, so they were left alone.",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )
