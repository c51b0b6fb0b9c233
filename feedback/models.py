"""The attendees' survey: one ``Response`` per attendee, made (unanswered, with its token) when
the certificate is issued, answered from the emailed link once and changeable for 14 days."""

from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pdsite.tokens import new_token
from workshops.models import Enrollment

# An answer can be changed for this long after it was first given.
CHANGE_WINDOW = timedelta(days=14)
# Facilitators see ratings only from this many answers, so no one teacher can be singled out.
MIN_ANSWERS_SHOWN = 3
RATINGS = ["overall", "facilitator", "ready"]
SCALE = range(1, 6)


def _rating(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (low) to 5 (high).",
    )


def rating_aggregates():
    """The count, each rating's average (``<rating>_avg``) and its spread (``<rating>_<n>``:
    how many gave n)."""
    aggregates = {"count": Count("pk")}
    for rating in RATINGS:
        aggregates[f"{rating}_avg"] = Avg(rating)
        for n in SCALE:
            aggregates[f"{rating}_{n}"] = Count("pk", filter=Q(**{rating: n}))
    return aggregates


class ResponseQuerySet(models.QuerySet):
    def answered(self):
        return self.filter(answered_at__isnull=False)

    def figures(self):
        """``rating_aggregates`` over the answered rows, in one query."""
        return self.answered().aggregate(**rating_aggregates())


class Response(models.Model):
    """One attendee's answers to the survey about one workshop."""

    enrollment = models.OneToOneField(Enrollment, on_delete=models.CASCADE, related_name="feedback")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(
        null=True, blank=True, help_text="When the survey was first answered."
    )
    changed_at = models.DateTimeField(null=True, blank=True, help_text="When it was last changed.")
    overall = _rating(_("the workshop overall"))
    facilitator = _rating(_("the facilitator"))
    ready = _rating(_("I feel ready to teach computer science to my students"))
    worked = models.TextField(_("what worked"), max_length=2000, blank=True)
    improve = models.TextField(_("what to improve"), max_length=2000, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-answered_at", "pk"]
        indexes = [models.Index(fields=["answered_at"], name="feedback_answered_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(overall__isnull=True) | Q(overall__gte=1, overall__lte=5),
                name="feedback_overall_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(facilitator__isnull=True) | Q(facilitator__gte=1, facilitator__lte=5),
                name="feedback_facilitator_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(ready__isnull=True) | Q(ready__gte=1, ready__lte=5),
                name="feedback_ready_1_to_5",
            ),
        ]

    def __str__(self):
        state = "answered" if self.answered_at else "not answered"
        return f"Feedback on {self.enrollment.workshop.title} ({state})"

    def get_absolute_url(self):
        return reverse("feedback:survey", kwargs={"token": self.token})

    @property
    def is_answered(self):
        return self.answered_at is not None

    def can_change(self, now=None):
        """Not answered yet, or answered less than ``CHANGE_WINDOW`` ago."""
        return self.answered_at is None or (now or timezone.now()) < self.change_until

    @property
    def change_until(self):
        return self.answered_at + CHANGE_WINDOW if self.answered_at else None
