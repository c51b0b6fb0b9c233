"""The workshop form asks staff to confirm before a change of date, time or place emails the
people signed up, and saying how many; saving then sends the change notices."""

from django import forms
from django.contrib import admin, messages

from pdsite.admin_records import ReadOnlyAdmin
from workshops.models import Enrollment, Workshop

from . import services
from .models import Reminder


def _recipient_count(workshop):
    teachers, facilitators = services.change_recipients(workshop)
    return len(teachers), len(facilitators)


class ChangeNoticeAdmin:
    """Mixed into ``WorkshopAdmin``."""

    def _asks_to_confirm(self, obj):
        return (
            obj is not None
            and obj.is_published
            and obj.enrollments.filter(
                status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.WAITLISTED]
            ).exists()
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if self._asks_to_confirm(obj):
            teachers, facilitators = _recipient_count(obj)
            fieldsets.append(
                (
                    "Changing the date, time or place",
                    {
                        "fields": ["notify_confirmed"],
                        "description": (
                            f"{teachers} teacher(s) signed up or on the waitlist and "
                            f"{facilitators} facilitator address(es) are emailed the change, "
                            "with an updated calendar file. Changes to the title, notes or "
                            "capacity send nothing."
                        ),
                    },
                )
            )
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if not self._asks_to_confirm(obj):
            return super().get_form(request, obj, change, **kwargs)
        teachers, facilitators = _recipient_count(obj)
        total = teachers + facilitators

        class ConfirmChangeForm(kwargs.get("form", self.form)):
            notify_confirmed = forms.BooleanField(
                required=False,
                label=f"Yes, email the {total} people about the change",
            )

            def clean(self):
                cleaned = super().clean()
                moved = [
                    name
                    for name in services.WHEN_WHERE
                    if name in cleaned and cleaned[name] != getattr(self.instance, name)
                ]
                # Asked once the rest is right, so that staff confirm the change they save.
                if moved and not cleaned.get("notify_confirmed") and not self.errors:
                    self.add_error(
                        "notify_confirmed",
                        f"This change of date, time or place will email {total} people "
                        f"({teachers} teacher(s) and {facilitators} facilitator address(es)). "
                        "Tick the box and save again to send it.",
                    )
                return cleaned

        return super().get_form(request, obj, change, **{**kwargs, "form": ConfirmChangeForm})

    def save_model(self, request, obj, form, change):
        before = Workshop.objects.get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        if before is not None:
            emailed = services.announce_change(before=before, workshop=obj)
            if emailed:
                self.message_user(
                    request,
                    f"Emailed the change to {emailed} people (calendar update {obj.sequence}).",
                    messages.SUCCESS,
                )


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["sent_at", "kind", "enrollment"]
    list_filter = ["kind"]
    list_select_related = ["enrollment"]
    search_fields = ["enrollment__email"]
    raw_id_fields = ["enrollment"]
