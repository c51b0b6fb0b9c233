import math
import zoneinfo
from datetime import timedelta
from decimal import ROUND_DOWN, Decimal

import us
from django.conf import settings
from django.db import models
from django.db.models import Count, F, FloatField, Min, OuterRef, Q, Subquery, Window
from django.db.models.functions import Cast, Coalesce, Floor, Lower
from django.urls import reverse
from django.utils import timezone

from pdsite.tokens import new_token

from . import geo

STATE_CHOICES = sorted(
    ((state.abbr, state.name) for state in us.states.STATES_AND_TERRITORIES), key=lambda c: c[1]
)
STATE_CODES = [code for code, _ in STATE_CHOICES]
# Facilitators can take attendance from the start until this long after the end.
ATTENDANCE_WINDOW = timedelta(days=7)
# A day longer than this has a lunch break, which earns no professional-development hours.
LUNCH_AFTER = timedelta(hours=4)
LUNCH_BREAK = timedelta(hours=1)


class Course(models.Model):
    """A K-5 course a workshop can cover. Staff add new courses in the admin."""

    name = models.CharField(max_length=100, unique=True, help_text="E.g. Course C (grades 2-3).")
    slug = models.SlugField(unique=True, help_text="Short name used in addresses and exports.")
    grades = models.CharField(max_length=20, blank=True, help_text="E.g. K-1, 2-3, 4-5.")
    description = models.TextField(blank=True, help_text="Markdown, shown on workshop pages.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in lists.")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
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

    def with_seats(self):
        """Annotate ``seats_taken`` and ``waitlist_size`` (no query per row).

        Correlated subqueries, not a join with GROUP BY: the database counts only the rows it
        returns (a page of 50 of 100,000 workshops), by the (workshop, status) index."""
        return self.annotate(
            seats_taken=_count_enrollments("enrolled"),
            waitlist_size=_count_enrollments("waitlisted"),
        )

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
        return self.with_seats().filter(seats_taken__gte=F("capacity"))

    def counted(self):
        """Each row also carries ``total``, the number of rows matched before any slice, and
        ``soonest``, the earliest start among them (window functions): a page of results, its
        count and the moment it changes on its own, in one query."""
        return self.annotate(total=Window(Count("pk")), soonest=Window(Min("starts_at")))

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
            walk_ins=_count_enrollments("walk_in"),
            no_shows=_count_enrollments("enrolled", attendance__present__isnull=True)
            + _count_enrollments("enrolled", attendance__present=False),
        )

    def led_by(self, user):
        return self.filter(facilitators=user)

    def list_with_seats(self):
        """The workshops, as a list, with ``seats_taken`` and ``waitlist_size`` set, in two plain
        queries (the rows, then ``set_seat_counts``)."""
        return set_seat_counts(list(self))


def set_seat_counts(workshops):
    """Set ``seats_taken`` and ``waitlist_size`` on each of ``workshops`` (a list) and return it:
    one count by workshop and status. For a page of results, cheaper for the database to plan
    and for Python to build than ``with_seats()``'s subqueries."""
    counts = Enrollment.objects.seat_counts([w.pk for w in workshops])
    for workshop in workshops:
        workshop.seats_taken, workshop.waitlist_size = counts.get(workshop.pk, (0, 0))
    return workshops


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
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone or "America/New_York")

    @property
    def local_starts_at(self):
        return timezone.localtime(self.starts_at, self.tz)

    @property
    def local_ends_at(self):
        return timezone.localtime(self.ends_at, self.tz)

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


class EnrollmentQuerySet(models.QuerySet):
    def seat_counts(self, workshop_pks):
        """{workshop pk: (seats taken, waitlist size)} for the workshops that have any: one
        query on the (workshop, status) index."""
        counts = {}
        if not workshop_pks:
            return counts
        rows = (
            self.filter(
                workshop_id__in=list(workshop_pks),
                status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.WAITLISTED],
            )
            .order_by()
            .values_list("workshop_id", "status")
            .annotate(n=Count("pk"))
        )
        for pk, status, n in rows:
            enrolled, waitlisted = counts.get(pk, (0, 0))
            counts[pk] = (n, waitlisted) if status == Enrollment.Status.ENROLLED else (enrolled, n)
        return counts

    def active(self):
        return self.exclude(status=Enrollment.Status.CANCELLED)

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
        ENROLLED = "enrolled", "Enrolled"
        WAITLISTED = "waitlisted", "Waitlisted"
        CANCELLED = "cancelled", "Cancelled"
        # Came on the day without a sign-up: added by the facilitator, holds no seat.
        WALK_IN = "walk_in", "Walk-in"

    class Role(models.TextChoices):
        CLASSROOM_TEACHER = "classroom_teacher", "Classroom teacher"
        LIBRARIAN = "librarian", "Librarian"
        TECH_ED = "tech_ed", "Tech-ed specialist"
        ADMINISTRATOR = "administrator", "Administrator"
        OTHER = "other", "Other"

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
