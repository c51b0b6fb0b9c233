"""List filters of the workshop and sign-up admin pages."""

import datetime

from django.contrib import admin
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from pdsite.us_states import STATE_NAMES

from .models import Enrollment, Workshop


class WhenFilter(admin.SimpleListFilter):
    title = "when"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", "Upcoming"), ("past", "Past")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "upcoming":
            return queryset.filter(starts_at__gt=now)
        if self.value() == "past":
            return queryset.filter(ends_at__lte=now)
        return queryset


class MonthFilter(admin.SimpleListFilter):
    """Workshops by month: the date hierarchy's job, without its query. The months offered are
    worked out from today (the last 3 and the next 12), so drawing the filter reads nothing."""

    title = "month"
    parameter_name = "month"
    BACK, AHEAD = 3, 12

    def lookups(self, request, model_admin):
        today = timezone.localdate()
        months = []
        for offset in range(-self.BACK, self.AHEAD + 1):
            year, month = divmod(today.year * 12 + today.month - 1 + offset, 12)
            first = datetime.date(year, month + 1, 1)
            months.append((first.strftime("%Y-%m"), first.strftime("%B %Y")))
        return months

    def queryset(self, request, queryset):
        try:
            first = datetime.datetime.strptime(self.value() or "", "%Y-%m")
        except ValueError:
            return queryset
        year, month = divmod(first.year * 12 + first.month, 12)
        after = datetime.datetime(year, month + 1, 1)
        zone = timezone.get_current_timezone()
        return queryset.filter(
            starts_at__gte=timezone.make_aware(first, zone),
            starts_at__lt=timezone.make_aware(after, zone),
        )


class FullFilter(admin.SimpleListFilter):
    """Full or not, from the workshop's own seat columns."""

    title = "seats"
    parameter_name = "seats"

    def lookups(self, request, model_admin):
        return [("full", "Full"), ("open", "Seats left")]

    def queryset(self, request, queryset):
        if self.value() == "full":
            return queryset.filter(seats_taken__gte=F("capacity"))
        if self.value() == "open":
            return queryset.filter(seats_taken__lt=F("capacity"))
        return queryset


class StateFilter(admin.SimpleListFilter):
    """The states that have workshops (not all 56), by name. Read from the workshops (on the
    (state, city) index) for sign-ups too, not from a join over every sign-up."""

    title = "state"
    parameter_name = "state"
    field = "state"  # what the chosen state filters on

    def lookups(self, request, model_admin):
        codes = Workshop.objects.order_by().values_list("state", flat=True).distinct()
        return sorted(((code, STATE_NAMES.get(code, code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.field: self.value()})
        return queryset


class EnrollmentStateFilter(StateFilter):
    title = "workshop's state"
    parameter_name = "state"
    field = "workshop__state"


class SignedUpFilter(admin.DateFieldListFilter):
    """Today, the past 7 days, this month, this year: links worked out from today."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "signed up"


class EnrollmentWorkshopFilter(admin.SimpleListFilter):
    """Workshops of the next 60 days that have sign-ups, and the one chosen (e.g. from the
    seats link of the workshop list); not every workshop ever held."""

    title = "workshop"
    parameter_name = "workshop"

    def lookups(self, request, model_admin):
        now = timezone.now()
        soon = Workshop.objects.filter(
            Exists(Enrollment.objects.filter(workshop=OuterRef("pk"))),
            starts_at__gt=now,
            starts_at__lte=now + datetime.timedelta(days=60),
        )[:50]
        workshops = list(soon)
        choices = [(str(w.pk), str(w)) for w in workshops]
        chosen = self.value()
        if chosen and all(pk != chosen for pk, _ in choices):
            # Always offered, so that the filter applies (an unknown one shows no rows).
            found = Workshop.objects.filter(pk=chosen).first() if _is_id(chosen) else None
            choices.append((chosen, str(found) if found else f"Unknown workshop {chosen}"))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value:
            if not _is_id(value):
                return queryset.none()
            return queryset.filter(workshop_id=value)
        return queryset


def _is_id(value):
    return value.isdigit() and len(value) <= 18
