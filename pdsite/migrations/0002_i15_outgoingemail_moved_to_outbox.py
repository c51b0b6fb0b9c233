"""``OutgoingEmail`` now lives in the ``outbox`` app (``outbox.0001``): gone from this app's
state, its table and rows kept (no SQL here)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pdsite", "0001_initial"),
        ("outbox", "0001_i15_moved_from_pdsite"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="OutgoingEmail")],
        ),
    ]
