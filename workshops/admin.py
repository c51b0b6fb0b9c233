"""The staff side of workshops: courses, workshops (with import, copies, rosters), sign-ups."""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from attendance.admin import WorkshopAttendanceAdmin
from reminders.admin import ChangeNoticeAdmin

from . import admin_filters, caching, services
from .admin_actions import copy_for_date, roster_csv
from .admin_forms import CancelForm, DuplicateForm, ImportForm, WorkshopAdminForm
from .importing import COLUMNS, import_workshops
from .models import Course, Enrollment, Workshop


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["name", "name_es", "grades", "slug", "position", "upcoming_workshops"]
    list_editable = ["position"]
    search_fields = ["name", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                upcoming=Count(
                    "workshops",
                    filter=Q(
                        workshops__status=Workshop.Status.PUBLISHED,
                        workshops__starts_at__gt=timezone.now(),
                    ),
                )
            )
        )

    @admin.display(description="upcoming workshops", ordering="upcoming")
    def upcoming_workshops(self, course):
        return course.upcoming


class EnrollmentInline(admin.TabularInline):
    """The sign-ups of a workshop, to read: changes to who holds a seat go through the
    sign-up pages (capacity and waitlist rules), not through this table."""

    model = Enrollment
    fields = readonly_fields = [
        "full_name",
        "email",
        "school_name",
        "school_zip",
        "role",
        "grades",
        "status",
        "created_at",
    ]
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    view_on_site = False  # a sign-up's page is its teacher's (the address holds their token)
    verbose_name = "sign-up"
    verbose_name_plural = "sign-ups (enrolled and waitlisted first; cancelled ones are kept)"

    @admin.display(description="name")
    def full_name(self, enrollment):
        return enrollment.full_name

    def get_queryset(self, request):
        return super().get_queryset(request).active_first()

    def has_add_permission(self, request, obj=None):
        return False


class SeatColumnsKeptAdmin(admin.ModelAdmin):
    """Saves a changed workshop without its seat columns: they are the sign-up services' alone,
    and the copy read with the form, written back, would undo a sign-up made meanwhile. (The
    last base of ``WorkshopAdmin``, so that every mixin's ``save_model`` runs around it.)"""

    def save_model(self, request, obj, form, change):
        if not change:
            obj.save()
            return
        obj.save(
            update_fields=[
                field.name
                for field in Workshop._meta.concrete_fields
                if not field.primary_key
                and not field.generated
                and field.name not in ("seats_taken", "waitlist_size")
            ]
        )


def _people(n):
    return ngettext("%(n)d teacher", "%(n)d teachers", n) % {"n": n}


def local_time(moment, workshop):
    local = moment.astimezone(workshop.tz)
    return f"{local:%a %b %-d, %Y} {local:%-I:%M %p %Z}"


@admin.register(Workshop)
class WorkshopAdmin(WorkshopAttendanceAdmin, ChangeNoticeAdmin, SeatColumnsKeptAdmin):
    form = WorkshopAdminForm
    change_list_template = "admin/workshops/workshop/change_list.html"
    list_display = [
        "title",
        "local_start",
        "city",
        "state_code",
        "seats",
        "waitlist",
        "status",
    ]
    list_filter = [
        admin_filters.WhenFilter,
        admin_filters.MonthFilter,
        admin_filters.StateFilter,
        "course",
        "status",
        admin_filters.FullFilter,
    ]
    list_select_related = ["course"]
    search_fields = [
        "title",
        "venue_name",
        "city",
        "zip_code",
        "facilitator_names",
        "facilitator_email",
    ]
    # No date_hierarchy: its year links need SELECT DISTINCT over every workshop's truncated
    # date, which grows with the table (benchmarks/README.md). "When" and "Month" filter instead.
    show_full_result_count = False
    list_per_page = 50
    actions = ["publish", "duplicate", "export_roster", "cancel_workshops"]
    inlines = [EnrollmentInline]
    readonly_fields = [
        "stored_times",
        "latitude",
        "longitude",
        "time_zone",
        "published_at",
        "cancelled_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "course", "status"]}),
        (
            "Venue",
            {
                "fields": [
                    "venue_name",
                    "street_address",
                    ("city", "state", "zip_code"),
                    ("latitude", "longitude", "time_zone"),
                ],
                "description": "Coordinates and time zone come from the ZIP code when you save.",
            },
        ),
        (
            "When (the venue's local time)",
            {"fields": ["starts_at", "ends_at", "save_anyway", "stored_times", "pd_hours"]},
        ),
        (
            "Seats and people",
            {"fields": ["capacity", "facilitator_names", "facilitator_email", "notes"]},
        ),
        (
            "Record",
            {
                "fields": ["published_at", "cancelled_at", "created_at", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]

    class Media:
        css = {"all": ["workshops/admin.css"]}

    def changelist_view(self, request, extra_context=None):
        # The list needs the width more than the admin's app navigation (the breadcrumbs
        # lead back to it).
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description="starts (local)", ordering="starts_at")
    def local_start(self, workshop):
        local = workshop.local_starts_at
        return format_html(
            "{}<br>{}", local.strftime("%a %b %-d, %Y"), local.strftime("%-I:%M %p %Z")
        )

    @admin.display(description="state", ordering="state")
    def state_code(self, workshop):
        return format_html(
            '<abbr title="{}">{}</abbr>', workshop.get_state_display(), workshop.state
        )

    @admin.display(description="seats", ordering="seats_taken")
    def seats(self, workshop):
        url = reverse("admin:workshops_enrollment_changelist")
        return format_html(
            '<a href="{}?workshop={}" title="Sign-ups of this workshop">{}/{}</a>',
            url,
            workshop.pk,
            workshop.seats_taken,
            workshop.capacity,
        )

    @admin.display(description="waitlist", ordering="waitlist_size")
    def waitlist(self, workshop):
        return workshop.waitlist_size

    @admin.display(description="stored as")
    def stored_times(self, workshop):
        if not workshop.pk:
            return "Shown after you save."
        utc_start = workshop.starts_at.astimezone(datetime.UTC)
        utc_end = workshop.ends_at.astimezone(datetime.UTC)
        return format_html(
            "{} to {}<br>({} to {} UTC)",
            local_time(workshop.starts_at, workshop),
            workshop.local_ends_at.strftime("%-I:%M %p %Z"),
            utc_start.strftime("%Y-%m-%d %H:%M"),
            utc_end.strftime("%H:%M"),
        )

    def get_object(self, request, object_id, from_field=None):
        workshop = super().get_object(request, object_id, from_field)
        if workshop is not None and request.method == "POST":
            # Lock the row for the rest of the save (the admin's view is one transaction), as
            # the sign-up services do: the form's capacity check then reads the seats taken
            # as they will be when it saves.
            Workshop.objects.select_for_update().filter(pk=workshop.pk).values_list("pk").get()
        return workshop

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as exc:
            # The database's seats CHECK refused the save (the view's transaction is rolled
            # back): show the form again with the capacity error, not a server error.
            if "workshop_seats_within_capacity" not in str(exc):
                raise
            request.capacity_refused = True
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if getattr(request, "capacity_refused", False):
            form = type(form.__name__, (form,), {"capacity_refused": True})
        return form

    def save_model(self, request, obj, form, change):
        just_published = obj.status == Workshop.Status.PUBLISHED and obj.published_at is None
        if obj.status == Workshop.Status.CANCELLED and obj.cancelled_at is None:
            obj.cancelled_at = timezone.now()
        super().save_model(request, obj, form, change)
        if just_published:
            services.publish(workshops=[obj])

    # Actions

    @admin.action(description="Publish selected workshops", permissions=["change"])
    def publish(self, request, queryset):
        """A confirmation page first (the drafts, how many teachers their alerts will email),
        then drafts become public at once and teachers with a matching alert get one email
        listing all of them (a digest, not one email per workshop)."""
        from alerts.models import Alert  # alerts builds on workshops

        if "apply" not in request.POST:
            pks = list(queryset.values_list("pk", flat=True))
            drafts = list(Workshop.objects.filter(pk__in=pks, status=Workshop.Status.DRAFT))
            context = {
                **self.admin_site.each_context(request),
                "title": _("Publish workshops"),
                "opts": self.model._meta,
                "drafts": drafts,
                "others": len(pks) - len(drafts),
                "people": len(Alert.objects.to_tell_of(drafts)),
                "action": "publish",
                "action_class": "publish-workshops",
                "crumb": _("Publish workshops"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/workshops/workshop/publish.html", context)
        with transaction.atomic():
            # Lock plain rows (the change list's queryset may carry a filter's joins).
            pks = list(queryset.values_list("pk", flat=True))
            drafts = list(
                Workshop.objects.select_for_update().filter(
                    pk__in=pks, status=Workshop.Status.DRAFT
                )
            )
            services.publish(workshops=drafts)
            for workshop in drafts:
                self.log_change(request, workshop, "Published.")
        self.message_user(
            request,
            f"Published {len(drafts)} workshop{'s' if len(drafts) != 1 else ''}.",
            messages.SUCCESS,
        )
        return None

    @admin.action(description="Cancel workshop (emails everyone signed up)", permissions=["change"])
    def cancel_workshops(self, request, queryset):
        """A confirmation page first: the workshops, who will be emailed, and why. Then cancel
        each one and email every enrolled and waitlisted teacher, with the reason."""
        pks = list(queryset.values_list("pk", flat=True))
        workshops = list(Workshop.objects.filter(pk__in=pks).order_by("starts_at", "pk"))
        to_cancel = [w for w in workshops if not w.is_cancelled]
        form = CancelForm(request.POST if "apply" in request.POST else None)
        if to_cancel and form.is_valid():
            reason = form.cleaned_data["reason"]
            emailed = 0
            for workshop in to_cancel:
                emailed += services.cancel_workshop(workshop, reason=reason)
                self.log_change(
                    request, workshop, f"Cancelled; everyone signed up was emailed. Why: {reason}"
                )
            self.message_user(
                request,
                ngettext(
                    "Cancelled %(count)d workshop; %(emailed)s emailed.",
                    "Cancelled %(count)d workshops; %(emailed)s emailed.",
                    len(to_cancel),
                )
                % {"count": len(to_cancel), "emailed": _people(emailed)},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Cancel workshops and email everyone signed up"),
            "opts": self.model._meta,
            "form": form,
            "to_cancel": to_cancel,
            "already_cancelled": [w for w in workshops if w.is_cancelled],
            "people": sum(w.seats_taken + w.waitlist_size for w in to_cancel),
            "action": "cancel_workshops",
            "action_class": "cancel-workshops",
            "crumb": _("Cancel workshops"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/workshops/workshop/cancel.html", context)

    @admin.action(description="Duplicate for a new date", permissions=["add"])
    def duplicate(self, request, queryset):
        workshops = list(queryset.order_by("starts_at", "pk"))
        form = DuplicateForm(request.POST if "apply" in request.POST else None, workshops=workshops)
        if form.is_valid():
            day = form.cleaned_data["new_date"]
            copies = Workshop.objects.bulk_create([copy_for_date(w, day) for w in workshops])
            caching.bump_version()  # bulk_create sends no signals
            for copy in copies:
                self.log_addition(request, copy, [{"added": {}}])
            links = format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                ((reverse("admin:workshops_workshop_change", args=[c.pk]), str(c)) for c in copies),
            )
            self.message_user(
                request,
                format_html(
                    "Created {} draft {}: {}. Check them and set them to Published.",
                    len(copies),
                    "copy" if len(copies) == 1 else "copies",
                    links,
                ),
                messages.SUCCESS,
            )
            if len(copies) == 1:
                return HttpResponseRedirect(
                    reverse("admin:workshops_workshop_change", args=[copies[0].pk])
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Duplicate workshops for a new date",
            "opts": self.model._meta,
            "form": form,
            "workshops": workshops,
            "action": "duplicate",
            "action_class": "duplicate-workshops",
            "crumb": "Duplicate for a new date",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/workshops/workshop/duplicate.html", context)

    @admin.action(description="Export roster (CSV)", permissions=["view"])
    def export_roster(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        response = HttpResponse("\ufeff" + roster_csv(ids), content_type="text/csv; charset=utf-8")
        filename = f"roster-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    # Import

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="workshops_workshop_import"),
            path(
                "import/template.csv",
                view(self.import_template_view),
                name="workshops_workshop_import_template",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        report = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                report = import_workshops(
                    form.cleaned_data["csv_file"],
                    dry_run=form.cleaned_data["dry_run"],
                    skip_invalid=form.cleaned_data["skip_invalid"],
                )
                if report.saved:
                    for workshop in report.workshops:
                        self.log_addition(request, workshop, [{"added": {}}])
        else:
            form = ImportForm()
        context = {
            **self.admin_site.each_context(request),
            "title": "Import workshops from a CSV file",
            "opts": self.model._meta,
            "form": form,
            "report": report,
            "columns": COLUMNS,
        }
        return TemplateResponse(request, "admin/workshops/workshop/import.html", context)

    def import_template_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        example = [
            "Computer science fundamentals, K-5",
            Course.objects.values_list("slug", flat=True).first() or "course-c",
            "Lincoln Elementary School",
            "1200 Main St, Room 12",
            "Denver",
            "CO",
            "80202",
            f"{timezone.localdate().year + 1}-03-14",
            "09:00",
            "15:30",
            "30",
            "Ana Ruiz, Sam Lee",
            "facilitators@example.org",
            "Park in the east lot.",
            Workshop.Status.DRAFT,
        ]
        text = ",".join(COLUMNS) + "\r\n" + ",".join(f'"{v}"' for v in example) + "\r\n"
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="workshops-template.csv"'
        return response


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    """Sign-ups. Staff correct a teacher's details here; the seat itself (status) changes only
    through the sign-up services (the teacher's cancel page, or the "Cancel sign-ups" action
    here), which keep the workshop's seat columns and the waitlist right. Sign-ups are never
    deleted here: a deleted seat would leave the columns counting it."""

    list_display = ["full_name", "email", "workshop_when_where", "status", "language", "created_at"]
    list_filter = [
        "status",
        "language",
        ("created_at", admin_filters.SignedUpFilter),
        admin_filters.EnrollmentStateFilter,
        admin_filters.EnrollmentWorkshopFilter,
    ]
    search_fields = ["first_name", "last_name", "email", "school_name"]
    list_select_related = ["workshop"]
    show_full_result_count = False
    view_on_site = False  # a sign-up's page is its teacher's (the address holds their token)
    # The newest first, read in order from the (created_at, id) index. No date_hierarchy: its
    # links need SELECT DISTINCT over every sign-up's truncated date, which grows with the table
    # (benchmarks/README.md); "Signed up" filters by date instead and reads nothing to draw its
    # links.
    ordering = ["-created_at", "-pk"]
    fields = [
        "workshop",
        "seat",
        ("first_name", "last_name"),
        "email",
        ("school_name", "school_zip"),
        "role",
        "grades",
        "language",
        ("created_at", "updated_at"),
        ("promoted_at", "cancelled_at"),
    ]
    readonly_fields = [
        "workshop",
        "seat",
        "language",
        "created_at",
        "updated_at",
        "promoted_at",
        "cancelled_at",
    ]

    @admin.display(description="name", ordering="last_name")
    def full_name(self, enrollment):
        return enrollment.full_name

    @admin.display(description=_lazy("status"))
    def seat(self, enrollment):
        if enrollment.status in (Enrollment.Status.ENROLLED, Enrollment.Status.WAITLISTED):
            return format_html(
                "{}<br><small>{}</small>",
                enrollment.get_status_display(),
                _(
                    "To cancel it (the teacher is emailed, a freed seat goes to the waitlist), "
                    'tick it in the sign-up list and choose "Cancel selected sign-ups".'
                ),
            )
        return enrollment.get_status_display()

    @admin.display(description="workshop", ordering="workshop__starts_at")
    def workshop_when_where(self, enrollment):
        workshop = enrollment.workshop
        return format_html(
            "{}<br>{}, {} - {}",
            workshop.title,
            workshop.city,
            workshop.state,
            workshop.local_starts_at.strftime("%b %-d, %Y"),
        )

    actions = ["cancel_sign_ups"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Only what the form shows: the status, read with the form, may be stale by now (the
        # teacher cancelled meanwhile), and writing it back would undo the service's change.
        obj.save(update_fields=[*form.changed_data, "updated_at"])

    @admin.action(
        description=_lazy("Cancel selected sign-ups (emails each teacher)"),
        permissions=["change"],
    )
    def cancel_sign_ups(self, request, queryset):
        """Each through ``services.cancel_enrollment``, as if the teacher had cancelled: the
        teacher is emailed, a freed seat goes to the first on the waitlist."""
        cancelled, refused = 0, []
        for enrollment in queryset.select_related("workshop").order_by("pk"):
            if enrollment.status == Enrollment.Status.CANCELLED:
                continue
            try:
                services.cancel_enrollment(enrollment)
            except services.SignupError as error:
                refused.append(f"{enrollment.full_name}: {error.message}")
            else:
                cancelled += 1
        self.message_user(
            request,
            ngettext("Cancelled %(count)d sign-up.", "Cancelled %(count)d sign-ups.", cancelled)
            % {"count": cancelled},
            messages.SUCCESS,
        )
        for text in refused:
            self.message_user(request, text, messages.ERROR)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context)
