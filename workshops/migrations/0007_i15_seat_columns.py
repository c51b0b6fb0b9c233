"""Seats taken and waitlist length become columns of the workshop, kept by the sign-up
services, and the database refuses more seats taken than the capacity.

The columns are filled from the existing sign-ups before the CHECK is added. A workshop already
over-filled (a capacity lowered below its sign-ups before the admin form refused it) gets its
capacity raised to the seats it has given, so that no sign-up is lost and the CHECK holds."""

from django.db import migrations, models
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill_seat_columns(apps, schema_editor):
    Workshop = apps.get_model("workshops", "Workshop")
    Enrollment = apps.get_model("workshops", "Enrollment")

    def counted(status):
        rows = (
            Enrollment.objects.filter(workshop=OuterRef("pk"), status=status)
            .order_by()
            .values("workshop")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=models.IntegerField()), 0)

    Workshop.objects.update(
        seats_taken=counted("enrolled"), waitlist_size=counted("waitlisted")
    )
    Workshop.objects.filter(seats_taken__gt=F("capacity")).update(capacity=F("seats_taken"))


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0006_signup_list_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="workshop",
            name="seats_taken",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="Enrolled sign-ups (kept by the sign-up services).",
            ),
        ),
        migrations.AddField(
            model_name="workshop",
            name="waitlist_size",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="Waitlisted sign-ups (kept by the sign-up services).",
            ),
        ),
        migrations.RunPython(fill_seat_columns, migrations.RunPython.noop, elidable=False),
        migrations.AddConstraint(
            model_name="workshop",
            constraint=models.CheckConstraint(
                condition=models.Q(("seats_taken__lte", models.F("capacity"))),
                name="workshop_seats_within_capacity",
                violation_error_message="More seats are taken than the capacity allows.",
            ),
        ),
    ]
