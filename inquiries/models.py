from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pdsite.i18n import language_field
from pdsite.us_states import STATE_CHOICES, STATE_CODES, TRANSLATED_NAMES

# How many schools of one level a district can report (the largest US district has ~1,800).
MAX_SCHOOLS = 2000
MESSAGE_MAX_LENGTH = 2000


class Programme(models.TextChoices):
    """The district programmes an inquiry can ask about (stored as one flag each)."""

    MIDDLE_SCHOOL = "middle_school", _("Middle school math and science")
    HIGH_SCHOOL = "high_school", _("High school computer science")


class HeardAbout(models.TextChoices):
    COLLEAGUE = "colleague", _("A colleague or another district")
    CONFERENCE = "conference", _("A conference or event")
    WORKSHOP = "workshop", _("One of our K-5 workshops")
    SEARCH = "search", _("A web search")
    SOCIAL = "social", _("Social media")
    NEWSLETTER = "newsletter", _("Our newsletter")
    OTHER = "other", _("Other")


class InquiryStatus(models.TextChoices):
    NEW = "new", "New"
    CONTACTED = "contacted", "Contacted"
    IN_DISCUSSION = "in_discussion", "In discussion"
    AGREED = "agreed", "Partnership agreed"
    DECLINED = "declined", "Declined"


class InquiryQuerySet(models.QuerySet):
    def duplicates_of(self, district, email, since):
        """Inquiries from the same district and email (both case-insensitive) received since
        ``since``: a second submission of the same inquiry."""
        return self.annotate(district_ci=Lower("district"), email_ci=Lower("email")).filter(
            district_ci=district.lower(), email_ci=email.lower(), received_at__gte=since
        )

    def open(self):
        return self.exclude(status__in=[InquiryStatus.AGREED, InquiryStatus.DECLINED])


class Inquiry(models.Model):
    """A district's request for a partnership, sent through the form on /educate/districts.

    The submitted answers never change after submission; staff work the inquiry through
    ``status``, ``assigned_to`` and ``notes`` (status changes go through
    ``services.change_status`` so that each one is recorded in ``StatusChange``)."""

    Status = InquiryStatus

    # What the district sent.
    district = models.CharField("district name", max_length=200)
    state = models.CharField(max_length=2, choices=STATE_CHOICES)
    city = models.CharField(max_length=100)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    role = models.CharField("job title or role", max_length=150)
    email = models.EmailField("work email")
    phone = models.CharField(
        max_length=30, blank=True, help_text="US format, e.g. (312) 555-0100; empty if not given."
    )
    schools_elementary = models.PositiveSmallIntegerField("elementary schools", default=0)
    schools_middle = models.PositiveSmallIntegerField("middle schools", default=0)
    schools_high = models.PositiveSmallIntegerField("high schools", default=0)
    wants_middle_school = models.BooleanField(
        Programme.MIDDLE_SCHOOL.label,
        default=False,
        help_text="Interested in the middle-school math and science programme.",
    )
    wants_high_school = models.BooleanField(
        Programme.HIGH_SCHOOL.label,
        default=False,
        help_text="Interested in the high-school computer science programme.",
    )
    start_year = models.CharField(
        "would like to start",
        max_length=20,
        help_text='The school year the district would like to start, e.g. 2027-28, or "Not sure '
        'yet".',
    )
    heard_about = models.CharField(
        "heard of us through", max_length=20, choices=HeardAbout.choices, blank=True
    )
    message = models.TextField(blank=True, max_length=MESSAGE_MAX_LENGTH)
    received_at = models.DateTimeField(default=timezone.now, editable=False)
    language = language_field()

    # Staff workflow.
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        help_text="Where the conversation with the district stands. Each change is recorded "
        "in the history below.",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to={"is_staff": True},
        related_name="assigned_inquiries",
        help_text="The staff member who answers this district.",
    )
    notes = models.TextField(
        "internal notes",
        blank=True,
        help_text="For staff only; never shown or sent to the district.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name_plural = "inquiries"
        indexes = [
            models.Index(fields=["status", "-received_at"], name="inquiry_status_received_idx"),
            models.Index(fields=["state", "-received_at"], name="inquiry_state_received_idx"),
            models.Index(fields=["-received_at"], name="inquiry_received_idx"),
            models.Index(Lower("email"), "received_at", name="inquiry_email_received_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(schools_elementary__gte=0)
                & Q(schools_middle__gte=0)
                & Q(schools_high__gte=0),
                name="inquiry_schools_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(schools_elementary__gte=1 - F("schools_middle") - F("schools_high")),
                name="inquiry_at_least_one_school",
            ),
            models.CheckConstraint(
                condition=Q(wants_middle_school=True) | Q(wants_high_school=True),
                name="inquiry_at_least_one_programme",
            ),
            models.CheckConstraint(
                condition=Q(status__in=InquiryStatus.values),
                name="inquiry_status_is_valid",
            ),
            models.CheckConstraint(
                condition=Q(state__in=STATE_CODES),
                name="inquiry_state_is_valid",
            ),
        ]

    def __str__(self):
        return f"{self.district}, {self.state} ({self.contact_name})"

    def get_absolute_url(self):
        # An inquiry has no public page: its only page is the admin's.
        return reverse("admin:inquiries_inquiry_change", args=[self.pk])

    @property
    def contact_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def total_schools(self):
        return self.schools_elementary + self.schools_middle + self.schools_high

    @property
    def programmes(self):
        """The programmes asked about, as a list of ``Programme`` values."""
        chosen = []
        if self.wants_middle_school:
            chosen.append(Programme.MIDDLE_SCHOOL)
        if self.wants_high_school:
            chosen.append(Programme.HIGH_SCHOOL)
        return chosen

    @property
    def state_name(self):
        """The state's name in the active language (the district's own, in its emails)."""
        return TRANSLATED_NAMES.get(self.state, self.state)

    @property
    def programme_labels(self):
        return [str(programme.label) for programme in self.programmes]


class StatusChange(models.Model):
    """One change of an inquiry's status: who made it and when. Written only by
    ``services.change_status``."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField("from", max_length=20, choices=Inquiry.Status.choices)
    to_status = models.CharField("to", max_length=20, choices=Inquiry.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty if the user has since been deleted.",
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]
        get_latest_by = "changed_at"

    def __str__(self):
        return (
            f"{self.get_from_status_display()} -> {self.get_to_status_display()} "
            f"({timezone.localtime(self.changed_at):%Y-%m-%d %H:%M})"
        )

    def get_absolute_url(self):
        return self.inquiry.get_absolute_url()


class SpamCount(models.Model):
    """How many submissions of the inquiry form were turned away as spam, per day and reason.

    Spam is never stored as an inquiry; this count is what staff see of it."""

    class Reason(models.TextChoices):
        HONEYPOT = "honeypot", "Filled in the hidden field"
        TOO_FAST = "too_fast", "Sent too soon, then not confirmed"
        BAD_TOKEN = "bad_token", "Form timer missing or tampered with"
        RATE_LIMITED = "rate_limited", "Too many inquiries from one address"

    day = models.DateField(default=timezone.localdate)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "reason"]
        verbose_name = "spam count"
        constraints = [
            models.UniqueConstraint(fields=["day", "reason"], name="spam_count_one_per_day_reason")
        ]

    def __str__(self):
        return f"{self.day}: {self.count} x {self.get_reason_display()}"

    def get_absolute_url(self):
        return reverse("admin:inquiries_spamcount_changelist")
