"""Certificates of completion, issued when a workshop's attendance closes (``services``).

A certificate keeps its own copy of the name printed on it (and the name first printed, for
staff), and the hours it was issued for, so it stays what the teacher handed in after the
sign-up itself is anonymised (``purge``): certificates are kept longer than other personal
data, since licences are renewed every five years."""

import unicodedata

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workshops.models import Enrollment, Workshop

from .numbers import new_number


def printed_name(text):
    """A name as the certificate prints it: composed characters (so a Vietnamese 'ễ' is one
    glyph of the font, not a letter with two marks stacked by hand), single spaces."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)

    def unsent(self):
        return self.filter(emailed_at__isnull=True, revoked_at__isnull=True)

    def held_between(self, start, end):
        """Certificates of workshops that started on or after ``start`` and before ``end``."""
        return self.filter(
            enrollment__workshop__starts_at__gte=start, enrollment__workshop__starts_at__lt=end
        )


class Certificate(models.Model):
    """One attendee's certificate of completion for one workshop."""

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.PROTECT, related_name="certificate"
    )
    number = models.CharField(
        max_length=19,
        unique=True,
        default=new_number,
        editable=False,
        help_text="The public certificate number (verified at /certificates/<number>).",
    )
    name = models.CharField(max_length=201, help_text="The name printed on the certificate.")
    original_name = models.CharField(
        max_length=201, editable=False, help_text="The name as first issued (before a correction)."
    )
    name_corrected_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the teacher corrected the name (once only).",
    )
    hours = models.DecimalField(
        "PD hours",
        max_digits=4,
        decimal_places=2,
        help_text="The hours certified (the workshop's PD hours when it was issued).",
    )
    issued_at = models.DateTimeField()
    emailed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the email with the PDF was queued."
    )
    revoked_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="Revoked certificates say so on the verification page.",
    )
    revoked_reason = models.CharField(
        max_length=300, blank=True, help_text="For staff only; never shown publicly."
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "pk"]
        indexes = [
            models.Index(
                fields=["issued_at"],
                name="certificate_unsent_idx",
                condition=models.Q(emailed_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0),
                name="certificate_hours_positive",
                violation_error_message="PD hours must be more than 0.",
            ),
        ]

    def __str__(self):
        return f"{self.number}: {self.name}"

    def get_absolute_url(self):
        return reverse("certificates:verify", kwargs={"number": self.number})

    @property
    def workshop(self) -> Workshop:
        return self.enrollment.workshop

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def verify_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def can_correct_name(self):
        return self.name_corrected_at is None and not self.is_revoked

    @property
    def filename(self):
        return f"certificate-{self.number}.pdf"


class CloseReminder(models.Model):
    """The one reminder to a workshop's facilitators to complete its attendance (24 hours after
    the end). The unique workshop is what makes two runs at once send it once."""

    workshop = models.OneToOneField(
        Workshop, on_delete=models.CASCADE, related_name="close_reminder"
    )
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("attendance reminder")

    def __str__(self):
        return f"{self.workshop}: reminded {self.sent_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("admin:workshops_workshop_change", args=[self.workshop_id])


class PDHoursReport(Certificate):
    """The admin's "PD hours" export and programme summary (reports, not a list of rows)."""

    class Meta:
        proxy = True
        verbose_name = "programme summary and PD hours"
        verbose_name_plural = "programme summary and PD hours"
