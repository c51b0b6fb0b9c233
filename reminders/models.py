"""One row per (sign-up, reminder kind): the proof a reminder went out, so it never goes twice."""

from django.db import models

from workshops.models import Enrollment


class Reminder(models.Model):
    """A reminder queued for one sign-up. ``kind`` is ``days_7``, ``days_1`` (a seat holder,
    N days before) or ``waitlist`` (the waitlist note)."""

    WAITLIST = "waitlist"

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, help_text="days_7, days_1 or waitlist.")
    sent_at = models.DateTimeField(help_text="When it was queued in the outbox.")

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "kind"], name="reminder_once_per_kind")
        ]

    def __str__(self):
        return f"{self.kind} reminder for {self.enrollment.email}"

    def get_absolute_url(self):
        return self.enrollment.get_absolute_url()

    @staticmethod
    def days_kind(days):
        return f"days_{days}"
