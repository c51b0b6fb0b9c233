"""``manage.py check_seat_counts [--fix]``: recount each workshop's seats from its sign-ups and
report any workshop whose seat columns differ. Exits 1 on drift (after mending it with
``--fix``), so the race tests and ``make load`` fail on it."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from workshops import caching
from workshops.models import Workshop


class Command(BaseCommand):
    help = "Recount seats taken and waitlists from the sign-ups; report (and --fix) any drift."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="set the columns to the recount")

    def handle(self, *args, fix=False, **options):
        drifted = list(
            Workshop.objects.seat_drift()
            .order_by("pk")
            .values_list("pk", "seats_taken", "counted_taken", "waitlist_size", "counted_waitlist")
        )
        for pk, taken, counted_taken, waitlist, counted_waitlist in drifted:
            self.stdout.write(
                f"workshop {pk}: seats taken {taken}, sign-ups say {counted_taken}; "
                f"waitlist {waitlist}, sign-ups say {counted_waitlist}"
            )
        if not drifted:
            self.stdout.write("Seat counts match the sign-ups.")
            return
        if fix:
            with transaction.atomic():
                Workshop.objects.filter(pk__in=[row[0] for row in drifted]).recount_seats()
                caching.bump_version()
            self.stdout.write(f"Fixed {len(drifted)} workshop(s).")
        raise CommandError(f"{len(drifted)} workshop(s) had seat counts that drifted.")
