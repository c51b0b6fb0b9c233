"""``OutgoingEmail`` moves from the ``pdsite`` app to ``outbox`` with its rows: this migration
only tells Django's state that the model is here now, on its old table (no SQL); the next one
renames the table. A data copy would lose nothing either, but would rewrite every row and make
the move depend on how many emails are kept."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("pdsite", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="OutgoingEmail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("to", models.JSONField(help_text="Recipients' addresses.")),
                        ("reply_to", models.JSONField(blank=True, default=list)),
                        ("subject", models.CharField(max_length=300)),
                        ("body", models.TextField()),
                        ("html_body", models.TextField(blank=True)),
                        ("headers", models.JSONField(blank=True, default=dict)),
                        (
                            "attachments",
                            models.JSONField(
                                blank=True,
                                default=list,
                                help_text="A list of {filename, content, mimetype} (text only).",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                db_index=True,
                                help_text="What the email is, e.g. enrollment-confirmation.",
                                max_length=50,
                            ),
                        ),
                        ("object_id", models.CharField(blank=True, max_length=40)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("sent_at", models.DateTimeField(blank=True, null=True)),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                        ("last_error", models.TextField(blank=True)),
                        ("last_attempt_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "gave_up",
                            models.BooleanField(
                                default=False,
                                help_text="No more retries (too many failures); staff should "
                                "look at it.",
                            ),
                        ),
                        (
                            "content_type",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to="contenttypes.contenttype",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "outgoing email",
                        "ordering": ["-created_at"],
                        "db_table": "pdsite_outgoingemail",
                        "indexes": [
                            models.Index(
                                condition=models.Q(("sent_at__isnull", True)),
                                fields=["created_at"],
                                name="outgoing_email_pending_idx",
                            ),
                            models.Index(
                                fields=["content_type", "object_id"],
                                name="outgoing_email_object_idx",
                            ),
                        ],
                    },
                ),
            ],
        ),
    ]
