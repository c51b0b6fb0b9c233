import datetime
import math
import re
import zoneinfo
from datetime import timedelta
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, Floor, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pdsite.i18n import SPANISH, active_language, language_field
from pdsite.tokens import new_token
from pdsite.us_states import STATE_CHOICES, STATE_CODES

from . import geo

# Facilitators can take attendance from the start until this long after the end.
ATTENDANCE_WINDOW = timedelta(days=7)
# A day longer than this has a lunch break, which earns no professional-development hours.
LUNCH_AFTER = timedelta(hours=4)
LUNCH_BREAK = timedelta(hours=1)


def _short_day(moment):
    """ "Sat, Mar 6, 2027" ("sáb, 6 mar 2027"): the weekday, then the language's short date."""
    return f"{date_format(moment, 'D')}, {date_format(moment, 'SHORT_DATE_FORMAT')}"


def _clock(moment):
    return time_format(moment, "TIME_FORMAT")


class Course(models.Model):
    """A K-5 course a workshop can cover. Staff add new courses in the admin."""

    name = models.CharField(max_length=100, unique=True, help_text="E.g. Course C (grades 2-3).")
    name_es = models.CharField(
        "name (Spanish)",
        max_length=100,
        blank=True,
        help_text="Shown on the Spanish pages and emails, e.g. Curso C (grados 2.º y 3.º). "
        "Empty: the English name is shown.",
    )
    slug = models.SlugField(unique=True, help_text="Short name used in addresses and exports.")
    grades = models.CharField(max_length=20, blank=True, help_text="E.g. K-1, 2-3, 4-5.")
    description = models.TextField(blank=True, help_text="Markdown, shown on workshop pages.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in lists.")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.localized_name

    @property
    def localized_name(self):
        """The name in the active language (the English one when there is no Spanish)."""
        if self.name_es and active_language() == SPANISH:
            return self.name_es
        return self.name


def _count_enrollments(status=None, **filters):
    if status is not None:
        filters["status"] = status
    counted = (
        Enrollment.objects.filter(workshop=OuterRef("pk"), **filters)
        .order_by()
        .values("workshop")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)


# Dates later than this many years ahead are not a search for a planned workshop.
FAR_FUTURE_YEARS = 50


def _bounds(date_from, date_to, zone):
    """(first instant of date_from, first instant after date_to) in ``zone``; None if open."""
    start = (
        datetime.datetime.combine(date_from, datetime.time.min, tzinfo=zone) if date_from else None
    )
    end = (
        datetime.datetime.combine(
            date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        if date_to
        else None
    )
    return (
        start.astimezone(datetime.UTC) if start else None,
        end.astimezone(datetime.UTC) if end else None,
    )


def _between(bounds):
    start, end = bounds
    condition = Q()
    if start:
        condition &= Q(starts_at__gte=start)
    if end:
        condition &= Q(starts_at__lt=end)
    return condition


class MilesFrom(models.Func):
    """The great-circle distance (haversine, in miles) from a fixed point to the row's
    ``latitude`` and ``longitude``: the same formula as ``geo.distance_miles``, in SQL. One
    expression, not a tree of twenty ``Sin``/``Cos``/``Power`` nodes, so Django builds the
    finder's query in a fraction of the time."""

    output_field = FloatField()
    template = (
        "(%(diameter)s * ASIN(%(least)s(1.0, SQRT("
        "POWER(SIN((RADIANS(%(lat)s) - %%s) / 2), 2)"
        " + %%s * COS(RADIANS(%(lat)s)) * POWER(SIN(RADIANS(%(lng)s - %%s) / 2), 2)))))"
    )

    def __init__(self, latitude, longitude):
        super().__init__(F("latitude"), F("longitude"))
        self.point = (latitude, longitude)

    def as_sql(self, compiler, connection, **extra_context):
        (lat, lat_params), (lng, lng_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        sql = self.template % {
            "diameter": 2 * geo.EARTH_RADIUS_MILES,
            "least": "MIN" if connection.vendor == "sqlite" else "LEAST",
            "lat": lat,
            "lng": lng,
        }
        latitude, longitude = self.point
        params = (
            *lat_params,
            math.radians(latitude),
            math.cos(math.radians(latitude)),
            *lat_params,
            *lng_params,
            longitude,
        )
        return sql, params


class WorkshopQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Workshop.Status.PUBLISHED)

    def upcoming(self, now=None):
        """Published workshops that have not started yet, soonest first."""
        return self.published().filter(starts_at__gt=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        return self.filter(ends_at__lte=now or timezone.now())

    def starting_between(self, date_from=None, date_to=None):
        """Workshops that start on or after ``date_from`` and on or before ``date_to``.

        The dates are calendar dates where each workshop takes place (its own time zone), so a
        workshop at 8 PM on March 6 in Los Angeles is on March 6 even though it is March 7 in UTC.
        Done in the database: one condition per US time zone."""
        today = timezone.now().date()
        if date_from and date_from <= today - datetime.timedelta(days=1):
            date_from = None  # every upcoming workshop starts after it anyway
        if date_from and date_from.year > today.year + FAR_FUTURE_YEARS:
            return self.none()  # nothing is planned that far ahead
        if date_to and date_to.year > today.year + FAR_FUTURE_YEARS:
            date_to = None
        if not date_from and not date_to:
            return self
        zones = geo.us_time_zones()
        # Zones whose days begin at the same instants share one condition (about eight groups).
        groups = {}
        for zone_name in zones:
            groups.setdefault(_bounds(date_from, date_to, zoneinfo.ZoneInfo(zone_name)), []).append(
                zone_name
            )
        # A workshop whose zone no US ZIP code has is judged in the site's own time zone.
        condition = ~Q(time_zone__in=zones) & _between(
            _bounds(date_from, date_to, timezone.get_default_timezone())
        )
        for bounds, names in groups.items():
            condition |= Q(time_zone__in=names) & _between(bounds)
        return self.filter(condition)

    def near(self, latitude, longitude, miles):
        """Workshops within ``miles`` of a point, with ``distance`` (miles) annotated.

        An indexed bounding box narrows the rows first; the exact great-circle distance
        (haversine) then filters them. Order with ``.order_by("distance", "starts_at")``."""
        min_lat, max_lat, min_lng, max_lng = geo.bounding_box(latitude, longitude, miles)
        distance = MilesFrom(latitude, longitude)
        return (
            self.filter(
                lat_band__in=geo.lat_bands(min_lat, max_lat),
                latitude__gte=min_lat,
                latitude__lte=max_lat,
                longitude__gte=min_lng,
                longitude__lte=max_lng,
            )
            .annotate(distance=distance)
            .filter(distance__lte=miles)
        )

    def full(self):
        return self.filter(seats_taken__gte=F("capacity"))

    def counted(self):
        """Each row also carries ``total``, the number of rows matched before any slice, and
        ``soonest``, the earliest start among them (window functions): a page of results, its
        count and the moment it changes on its own, in one query."""
        return self.annotate(total=Window(Count("pk")), soonest=Window(Min("starts_at")))

    def recount_seats(self):
        """Set ``seats_taken`` and ``waitlist_size`` from the sign-ups themselves (one UPDATE).
        For writes that bypass the services: bulk loads, and ``check_seat_counts --fix``."""
        return self.update(
            seats_taken=_count_enrollments(Enrollment.Status.ENROLLED),
            waitlist_size=_count_enrollments(Enrollment.Status.WAITLISTED),
        )

    def attendance_open(self, now=None):
        """Published workshops whose attendance a facilitator can take now: from the start until
        ``ATTENDANCE_WINDOW`` after the end, until it is closed."""
        now = now or timezone.now()
        return self.published().filter(
            starts_at__lte=now,
            ends_at__gte=now - ATTENDANCE_WINDOW,
            attendance_closed_at__isnull=True,
        )

    def attendance_not_taken(self, now=None):
        """Published workshops that have ended and whose attendance nobody has closed."""
        return self.published().filter(
            ends_at__lte=now or timezone.now(), attendance_closed_at__isnull=True
        )

    def with_attendance(self):
        """Annotate ``attended`` (everyone marked present: seat holders, waitlisted teachers who
        came anyway, walk-ins), ``walk_ins`` and ``no_shows`` (seat holders not marked present).
        ``Workshop.attendance_rate`` reads them."""
        return self.annotate(
            attended=_count_enrollments(attendance__present=True),
            walk_ins=_count_enrollments(Enrollment.Status.WALK_IN),
            no_shows=_count_enrollments(
                Enrollment.Status.ENROLLED, attendance__present__isnull=True
            )
            + _count_enrollments(Enrollment.Status.ENROLLED, attendance__present=False),
        )

    def led_by(self, user):
        return self.filter(facilitators=user)

    def with_counted_seats(self):
        """Annotate ``counted_taken`` and ``counted_waitlist``: the seats as the sign-ups have
        them, to compare with the columns."""
        return self.annotate(
            counted_taken=_count_enrollments(Enrollment.Status.ENROLLED),
            counted_waitlist=_count_enrollments(Enrollment.Status.WAITLISTED),
        )

    def seat_drift(self):
        """Workshops whose seat columns differ from their sign-ups (``with_counted_seats``)."""
        return self.with_counted_seats().exclude(
            seats_taken=F("counted_taken"), waitlist_size=F("counted_waitlist")
        )


class Workshop(models.Model):
    """A free one-day K-5 workshop at a venue in a US city.

    Start and end are stored in UTC and shown in the venue's time zone, which, like the
    coordinates, comes from the ZIP code: staff never type them."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (not public)"
        PUBLISHED = "published", "Published"
        CANCELLED = "cancelled", "Cancelled"

    title = models.CharField(max_length=200, help_text="E.g. Computer science fundamentals, K-5.")
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="workshops", help_text="What the day covers."
    )
    venue_name = models.CharField(max_length=200, help_text="E.g. Lincoln Elementary School.")
    street_address = models.CharField(max_length=200, help_text="Street and number, suite/room.")
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=STATE_CHOICES)
    zip_code = models.CharField(
        "ZIP code", max_length=5, help_text="Five digits. Sets the map position and time zone."
    )
    latitude = models.FloatField(editable=False, help_text="From the ZIP code.")
    longitude = models.FloatField(editable=False, help_text="From the ZIP code.")
    lat_band = models.GeneratedField(
        expression=Cast(Floor(F("latitude") * geo.LAT_BANDS_PER_DEGREE), models.IntegerField()),
        output_field=models.IntegerField(),
        db_persist=True,
        help_text="From the latitude: which half-degree band it lies in (for the finder's index).",
    )
    time_zone = models.CharField(max_length=64, editable=False, help_text="From the ZIP code.")
    starts_at = models.DateTimeField(help_text="Start, in the venue's local time.")
    ends_at = models.DateTimeField(help_text="End, in the venue's local time.")
    capacity = models.PositiveIntegerField(help_text="Seats available; at least 1.")
    # Kept by the sign-up services, in the transaction that locks this row; the database
    # refuses more seats taken than the capacity (``workshop_seats_within_capacity``).
    seats_taken = models.PositiveIntegerField(
        default=0, editable=False, help_text="Enrolled sign-ups (kept by the sign-up services)."
    )
    waitlist_size = models.PositiveIntegerField(
        default=0, editable=False, help_text="Waitlisted sign-ups (kept by the sign-up services)."
    )
    facilitator_names = models.CharField(
        "facilitator(s)", max_length=200, help_text="Name(s) of who leads the day."
    )
    facilitator_email = models.EmailField(
        help_text="Receives a notice for each sign-up; shown to attendees as the contact."
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_workshops",
        help_text="The accounts (in the Facilitators group) that see this workshop's roster and "
        "take its attendance at /facilitate/. The names and contact above are what teachers see.",
    )
    pd_hours = models.DecimalField(
        "PD hours",
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Professional-development hours printed on the certificates. Leave empty for "
        "the day's length less a one-hour lunch break.",
    )
    notes = models.TextField(
        "notes for attendees",
        blank=True,
        help_text="Markdown. Parking, lunch, what to bring. Shown on the workshop page.",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="The calendar SEQUENCE: one more each time the date, time or place changes.",
    )
    attendance_closed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When attendance was marked complete."
    )
    attendance_closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who marked attendance complete.",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="workshop_status_start_idx"),
            # The default order (the admin's list): its first page without sorting the table.
            models.Index(fields=["starts_at", "id"], name="workshop_start_idx"),
            models.Index(fields=["latitude", "longitude"], name="workshop_lat_lng_idx"),
            # The finder's search: status equal, each latitude band of the search's box, in it
            # the longitude range; latitude and start are read from the index itself (the id
            # too: it answers without touching the table). A latitude range first would read
            # the index across the whole country's width.
            models.Index(
                fields=["status", "lat_band", "longitude", "latitude", "starts_at", "id"],
                name="workshop_search_idx",
            ),
            models.Index(fields=["state", "city"], name="workshop_state_city_idx"),
            # A state's page: its upcoming workshops by city then date, counted by city.
            models.Index(
                fields=["state", "status", "city", "starts_at"], name="workshop_state_page_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=F("ends_at")),
                name="workshop_starts_before_it_ends",
                violation_error_message="The workshop must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="workshop_capacity_at_least_one",
                violation_error_message="Capacity must be at least 1.",
            ),
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("capacity")),
                name="workshop_seats_within_capacity",
                violation_error_message="More seats are taken than the capacity allows.",
            ),
            models.CheckConstraint(
                condition=Q(pd_hours__isnull=True) | Q(pd_hours__gt=0, pd_hours__lte=24),
                name="workshop_pd_hours_in_a_day",
                violation_error_message="PD hours must be more than 0 and at most 24.",
            ),
            models.CheckConstraint(
                condition=Q(state__in=STATE_CODES),
                name="workshop_state_is_valid",
                violation_error_message="Choose a US state or territory.",
            ),
        ]

    def __str__(self):
        local = self.local_starts_at
        return f"{self.title} - {self.city}, {self.state} - {local:%b %-d, %Y}"

    def get_absolute_url(self):
        return reverse("workshops:detail", kwargs={"pk": self.pk})

    @property
    def title_with_course(self):
        """The title, followed by the course in brackets unless the title already names it."""
        course = str(self.course)  # in the active language
        if any(name.casefold() in self.title.casefold() for name in (course, self.course.name)):
            return self.title
        return f"{self.title} ({course})"

    @property
    def facilitator_name_list(self):
        """The facilitators' names, one by one ("Ada Lopez, Sam Kim and Jo Park" is three)."""
        names = re.split(r",|;|&|\band\b", self.facilitator_names)
        return [name.strip() for name in names if name.strip()]

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone or "America/New_York")

    @property
    def local_starts_at(self):
        return timezone.localtime(self.starts_at, self.tz)

    @property
    def local_ends_at(self):
        return timezone.localtime(self.ends_at, self.tz)

    @property
    def address_line(self):
        """ "Lincoln Elementary, 100 Main St, Denver, CO 80202": the one-line address of the
        pages' directions link, the calendar file and the emails."""
        return (
            f"{self.venue_name}, {self.street_address}, {self.city}, {self.state} {self.zip_code}"
        )

    @property
    def local_date(self):
        """ "Saturday, March 6, 2027" ("sábado, 6 de marzo de 2027"): the venue's date, in the
        active language's DATE_FORMAT."""
        return date_format(self.local_starts_at, "DATE_FORMAT")

    @property
    def local_times(self):
        """ "9:00 AM - 3:00 PM CST": the venue's clock (with the dates if it ends another day)."""
        start, end = self.local_starts_at, self.local_ends_at
        if start.date() != end.date():
            return self.local_when
        return f"{_clock(start)} - {_clock(end)} {date_format(end, 'T')}"

    @property
    def local_when(self):
        """ "Sat, Mar 6, 2027, 9:00 AM - 3:00 PM CST" ("sáb, 6 mar 2027, ..."), in the venue's
        own time zone and the active language's formats."""
        start, end = self.local_starts_at, self.local_ends_at
        if start.date() == end.date():
            return f"{_short_day(start)}, {self.local_times}"
        return (
            f"{_short_day(start)}, {_clock(start)} - {_short_day(end)}, {_clock(end)} "
            f"{date_format(end, 'T')}"
        )

    @property
    def is_past(self):
        return self.ends_at <= timezone.now()

    def attendance_is_open(self, now=None):
        """A facilitator may take attendance now (the same rule as ``attendance_open``)."""
        now = now or timezone.now()
        return (
            self.is_published
            and self.starts_at <= now <= self.ends_at + ATTENDANCE_WINDOW
            and self.attendance_closed_at is None
        )

    def default_pd_hours(self) -> Decimal:
        """The day's length less a lunch break (a day of 4 hours or less has none), rounded
        down to the quarter hour."""
        length = self.ends_at - self.starts_at
        if length > LUNCH_AFTER:
            length -= LUNCH_BREAK
        quarters = int(length.total_seconds() // 900)
        return (Decimal(quarters) / 4).quantize(Decimal("0.01"), rounding=ROUND_DOWN)

    @property
    def certified_hours(self) -> Decimal:
        """The PD hours a certificate for this workshop carries: what staff set, else
        ``default_pd_hours``."""
        return self.pd_hours if self.pd_hours is not None else self.default_pd_hours()

    @property
    def attendance_rate(self):
        """The share of the people expected or present who came: attended / (attended +
        no-shows), from ``with_attendance()``; None before anyone is expected."""
        expected = self.attended + self.no_shows
        return self.attended / expected if expected else None

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def seats_left(self):
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_full(self):
        return self.seats_left == 0

    def closed_reason(self, now=None):
        """Why the workshop takes no sign-ups, in words for the visitor, or None if it takes
        them: the one wording of the sign-up page, the workshop page, the feeds and the admin."""
        if self.is_cancelled:
            return _("This workshop has been cancelled, so it no longer takes sign-ups.")
        if not self.is_published:
            return _("This workshop is not open for sign-up.")
        now = now or timezone.now()
        if self.ends_at <= now:
            return _("This workshop has already taken place, so it no longer takes sign-ups.")
        if self.starts_at <= now:
            return _("This workshop has already started, so it no longer takes sign-ups.")
        return None


class EnrollmentQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Enrollment.Status.CANCELLED)

    def active_first(self):
        """Enrolled, then waitlisted, then cancelled; each in the order people signed up."""
        rank = Case(
            When(status=Enrollment.Status.ENROLLED, then=Value(0)),
            When(status=Enrollment.Status.WAITLISTED, then=Value(1)),
            default=Value(2),
        )
        return self.alias(status_rank=rank).order_by("status_rank", "created_at", "pk")

    def enrolled(self):
        return self.filter(status=Enrollment.Status.ENROLLED)

    def on_roster(self):
        """Who a facilitator sees on the day: everyone but cancelled sign-ups, by name."""
        return self.active().order_by("last_name", "first_name", "pk")

    def attended(self):
        return self.filter(attendance__present=True)

    def waitlisted(self):
        """The waitlist in the order people joined it."""
        return self.filter(status=Enrollment.Status.WAITLISTED).order_by("created_at", "pk")


class Enrollment(models.Model):
    """A teacher's sign-up for a workshop (or a place on its waitlist)."""

    class Status(models.TextChoices):
        # Shown to facilitators on the roster and attendance pages, in their language.
        ENROLLED = "enrolled", gettext_lazy("Enrolled")
        WAITLISTED = "waitlisted", gettext_lazy("Waitlisted")
        CANCELLED = "cancelled", gettext_lazy("Cancelled")
        # Came on the day without a sign-up: added by the facilitator, holds no seat.
        WALK_IN = "walk_in", gettext_lazy("Walk-in")

    class Role(models.TextChoices):
        CLASSROOM_TEACHER = "classroom_teacher", gettext_lazy("Classroom teacher")
        LIBRARIAN = "librarian", gettext_lazy("Librarian")
        TECH_ED = "tech_ed", gettext_lazy("Tech-ed specialist")
        ADMINISTRATOR = "administrator", gettext_lazy("Administrator")
        OTHER = "other", gettext_lazy("Other")

    class State(models.TextChoices):
        """What a sign-up is now, as its teacher's page tells it (``Enrollment.state``)."""

        ENROLLED = "enrolled", gettext_lazy("Enrolled")
        WAITLISTED = "waitlisted", gettext_lazy("Waitlisted")
        WALK_IN = "walk_in", gettext_lazy("Joined on the day")
        CANCELLED = "cancelled", gettext_lazy("Cancelled by you")
        WORKSHOP_CANCELLED = "workshop_cancelled", gettext_lazy("Workshop cancelled")
        PAST = "past", gettext_lazy("Workshop over")

    GRADE_CHOICES = [("K", "K"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]

    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, related_name="enrollments")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField()
    school_name = models.CharField(max_length=200)
    school_zip = models.CharField("school ZIP code", max_length=5)
    role = models.CharField(max_length=20, choices=Role.choices)
    grades = models.CharField(
        "grades taught", max_length=20, help_text="Comma-separated, e.g. K,1,2."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.ENROLLED, db_index=True
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    language = language_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the teacher moved up from the waitlist."
    )

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["workshop", "created_at", "pk"]
        indexes = [
            models.Index(fields=["workshop", "status"], name="enrollment_workshop_status_idx"),
            # The admin's sign-up list, newest first, read in order.
            models.Index(fields=["created_at", "id"], name="enrollment_created_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "workshop",
                condition=~Q(status="cancelled"),
                name="enrollment_one_active_per_email",
                violation_error_message="This email address is already signed up for this "
                "workshop.",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} <{self.email}> ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("workshops:enrollment", kwargs={"token": self.token})

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def state(self):
        """An ``Enrollment.State``: the teacher's own cancelling first, then the workshop's."""
        if self.status == self.Status.CANCELLED:
            return self.State.CANCELLED
        if self.workshop.is_cancelled:
            return self.State.WORKSHOP_CANCELLED
        if self.workshop.is_past:
            return self.State.PAST
        return self.State(self.status)

    @property
    def waitlist_position(self):
        """1 for the first person on the waitlist, and so on; None if not waitlisted."""
        if self.status != self.Status.WAITLISTED:
            return None
        return (
            Enrollment.objects.waitlisted()
            .filter(workshop_id=self.workshop_id, created_at__lte=self.created_at)
            .exclude(created_at=self.created_at, pk__gt=self.pk)
            .count()
        )

    def cancel_refusal(self, now=None):
        """Why the teacher cannot cancel this sign-up (any more), or None."""
        if self.status == self.Status.CANCELLED:
            return _("Your sign-up is already cancelled.")
        if self.workshop.is_cancelled:
            return _("This workshop has been cancelled, so there is nothing to cancel.")
        if self.workshop.starts_at <= (now or timezone.now()):
            return _(
                "This workshop has already started, so the sign-up can no longer be cancelled."
            )
        return None
