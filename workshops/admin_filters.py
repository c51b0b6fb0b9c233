"""List filters of the workshop and sign-up admin pages."""

import datetime
import zoneinfo

from django.contrib import admin
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pdsite.us_states import STATE_NAMES

from . import geo
from .models import Enrollment, Workshop


class WhenFilter(admin.SimpleListFilter):
    """Upcoming workshops unless staff choose otherwise: the list opens on what is next, soonest
    first (the default order), not on last year's."""

    title = "when"
    parameter_name = "when"
    # A search, a month or an attendance state chosen looks at every workshop: a past one must
    # still be found (attendance is taken for workshops that have ended).
    WIDER = ("q", "month", "attendance")

    def __init__(self, request, params, model, model_admin):
        self.default = "all" if any(request.GET.get(n) for n in self.WIDER) else "upcoming"
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))]

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        # Django's own "All" choice clears the parameter, which here means "upcoming"; "All"
        # is a value of its own instead.
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "upcoming":
            # Not over yet: today's workshop stays on the list while it runs (its attendance is
            # taken then). The start bound keeps the read on the (starts_at, id) index; a
            # workshop is one day long.
            return queryset.filter(starts_at__gt=now - datetime.timedelta(days=1), ends_at__gt=now)
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
        return queryset.filter(month_in_venue_zone(first, after))


def month_in_venue_zone(first, after):
    """Workshops starting from ``first`` to before ``after`` (naive dates) by their venue's own
    calendar, not the server's: a Guam workshop at 9:00 AM on December 1 is December's, though
    it is still November 30 in New York. Zones with the same bounds share one condition."""
    bounds = {}
    for name in geo.us_time_zones():
        zone = zoneinfo.ZoneInfo(name)
        key = (first.replace(tzinfo=zone), after.replace(tzinfo=zone))
        bounds.setdefault(tuple(moment.utcoffset() for moment in key), (key, []))[1].append(name)
    condition = Q(pk__in=[])
    for (start, end), names in bounds.values():
        condition |= Q(time_zone__in=names, starts_at__gte=start, starts_at__lt=end)
    return condition


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
