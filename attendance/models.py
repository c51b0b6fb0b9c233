"""Who came to a workshop: a record of its own next to the sign-up, never a seat.

A walk-in is an ``Enrollment`` with status ``walk_in`` (so it holds no seat and seat counts,
which count ``enrolled`` and ``waitlisted`` only, stay as they were) and an ``Attendance``
with ``present=True``. Closing a workshop's attendance is ``Workshop.attendance_closed_at``;
every mark, walk-in, closing and reopening is a row of ``AttendanceChange``."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workshops.models import Enrollment, Workshop


class Attendance(models.Model):
    """Whether one sign-up came on the day (one row per sign-up, at most)."""

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(help_text="Came to the workshop.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who marked it last.",
    )
    recorded_at = models.DateTimeField(help_text="When it was marked last.")

    class Meta:
        ordering = ["enrollment"]
        verbose_name_plural = "attendance"

    def __str__(self):
        state = "present" if self.present else "absent"
        return f"{self.enrollment.full_name}: {state}"

    def get_absolute_url(self):
        return reverse("facilitate:attendance", kwargs={"pk": self.enrollment.workshop_id})


class AttendanceChange(models.Model):
    """One change to a workshop's attendance: who, what and when (the history staff read)."""

    class Action(models.TextChoices):
        PRESENT = "present", _("Marked present")
        ABSENT = "absent", _("Marked absent")
        WALK_IN = "walk_in", _("Walk-in added")
        CLOSED = "closed", _("Attendance completed")
        REOPENED = "reopened", _("Attendance reopened")

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="attendance_changes"
    )
    enrollment = models.ForeignKey(
        Enrollment,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attendance_changes",
        help_text="The sign-up marked (empty when the whole record was closed or reopened).",
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["workshop", "at"], name="attendance_change_idx")]

    def __str__(self):
        return f"{self.get_action_display()} by {self.by or 'nobody'} at {self.at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("admin:workshops_workshop_change", args=[self.workshop_id])
