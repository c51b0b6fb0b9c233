from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class OutgoingEmailQuerySet(models.QuerySet):
    def pending(self):
        """Emails not yet sent (queued, being sent, or failed and still to be retried)."""
        return self.exclude(status=OutgoingEmail.Status.SENT).filter(gave_up=False)

    def failed(self):
        return self.filter(status=OutgoingEmail.Status.FAILED)

    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )


class OutgoingEmail(models.Model):
    """An email the site owes someone: written in the same transaction as the record that causes
    it, sent after the commit, retried by ``send_pending_notifications`` until it goes out.

    A failed send never loses the record: the row stays, with the error, until a retry works."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.JSONField(help_text="Recipients' addresses.")
    reply_to = models.JSONField(default=list, blank=True)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    attachments = models.JSONField(
        default=list, blank=True, help_text="A list of {filename, content, mimetype} (text only)."
    )
    kind = models.CharField(
        max_length=50, db_index=True, help_text="What the email is, e.g. enrollment-confirmation."
    )
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=40, blank=True)
    related = GenericForeignKey("content_type", "object_id")
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.QUEUED,
        db_index=True,
        help_text="Queued, being sent, sent, or failed (failed ones are retried).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True, help_text="Why the last attempt failed.")
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    gave_up = models.BooleanField(
        default=False, help_text="No more retries (too many failures); staff should look at it."
    )

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "outgoing email"
        permissions = [("resend_outgoingemail", "Can send a failed email again")]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outgoing_email_pending_idx",
                condition=models.Q(sent_at__isnull=True),
            ),
            models.Index(fields=["content_type", "object_id"], name="outgoing_email_object_idx"),
        ]

    def __str__(self):
        return f"{self.subject} -> {', '.join(self.to)}"

    def get_absolute_url(self):
        return reverse("admin:outbox_outgoingemail_change", args=[self.pk])
