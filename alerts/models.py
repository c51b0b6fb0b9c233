from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from pdsite.i18n import language_field
from pdsite.tokens import new_token
from pdsite.us_states import STATE_CHOICES
from workshops import geo
from workshops.geo import DISTANCE_CHOICES, DISTANCES
from workshops.models import MilesFrom, Workshop

MAX_DISTANCE = max(DISTANCES)


class AlertQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=[Alert.Status.PENDING, Alert.Status.CONFIRMED])

    def confirmed(self):
        return self.filter(status=Alert.Status.CONFIRMED)

    def wanting(self, latitude, longitude):
        """Alerts that asked to hear about a workshop at this point: those whose own distance
        reaches it. An indexed bounding box of the largest distance narrows the rows, then the
        exact distance (annotated as ``distance``) is compared with each alert's own."""
        min_lat, max_lat, min_lng, max_lng = geo.bounding_box(latitude, longitude, MAX_DISTANCE)
        return (
            self.filter(
                latitude__gte=min_lat,
                latitude__lte=max_lat,
                longitude__gte=min_lng,
                longitude__lte=max_lng,
            )
            .annotate(distance=MilesFrom(latitude, longitude))
            .filter(distance__lte=F("distance_miles"))
        )

    def to_tell_of(self, workshops):
        """The pks of confirmed alerts that publishing ``workshops`` would email (each once,
        whatever the number of workshops it matches): for a confirmation page."""
        now = timezone.now()
        pks = set()
        for workshop in workshops:
            if workshop.starts_at > now:
                pks.update(
                    self.confirmed()
                    .wanting(workshop.latitude, workshop.longitude)
                    .values_list("pk", flat=True)
                )
        return pks


class Alert(models.Model):
    """A teacher's request to be emailed when a workshop is published near a place.

    Double opt-in: nothing is sent but the confirmation email until the teacher confirms."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    email = models.EmailField()
    place_label = models.CharField(
        "place", max_length=120, help_text="The place as the teacher gave it, resolved."
    )
    latitude = models.FloatField(help_text="From the ZIP code or city.")
    longitude = models.FloatField(help_text="From the ZIP code or city.")
    zip_code = models.CharField("ZIP code", max_length=5, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, choices=STATE_CHOICES)
    distance_miles = models.PositiveSmallIntegerField(
        "distance (miles)", choices=DISTANCE_CHOICES, default=50
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    language = language_field()
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        indexes = [
            # The default order (the admin's list): its first page read in order.
            models.Index(fields=["-created_at", "id"], name="alert_created_idx"),
            models.Index(fields=["latitude", "longitude"], name="alert_lat_lng_idx"),
            models.Index(fields=["state", "zip_code"], name="alert_state_zip_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "place_label",
                condition=Q(status__in=["pending", "confirmed"]),
                name="alert_one_active_per_email_and_place",
                violation_error_message="This email address already has an alert for this place.",
            ),
            models.CheckConstraint(
                condition=Q(distance_miles__in=[miles for miles, _ in DISTANCE_CHOICES]),
                name="alert_distance_is_a_choice",
                violation_error_message="Choose 10, 25, 50 or 100 miles.",
            ),
        ]

    def __str__(self):
        return f"{self.email} - within {self.distance_miles} mi of {self.place_label}"

    def get_absolute_url(self):
        return reverse("alerts:confirm", kwargs={"token": self.token})

    def get_unsubscribe_url(self):
        return reverse("alerts:unsubscribe", kwargs={"token": self.token})

    @property
    def search_query(self):
        """What to type in the finder for this alert's place."""
        return self.zip_code or f"{self.city}, {self.state}"

    @property
    def is_active(self):
        return self.status in (self.Status.PENDING, self.Status.CONFIRMED)


class AlertNotice(models.Model):
    """A workshop an alert has been told about: never twice for the same workshop."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="notices")
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="alert_notices")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "workshop"], name="alert_notice_once_per_workshop"
            ),
        ]

    def __str__(self):
        return f"{self.alert.email} told about workshop {self.workshop_id}"


class Demand(Alert):
    """The demand map in the admin (where teachers are waiting for a workshop)."""

    class Meta:
        proxy = True
        verbose_name = "demand map"
        verbose_name_plural = "demand map"
