"""``python manage.py load_demo_workshops``: the demo workshops, safe to run again."""

from django.core.management.base import BaseCommand

from workshops.demo import load_demo_workshops


class Command(BaseCommand):
    help = (
        "Create the K-5 courses and about 200 demo workshops in 89 US cities, with sign-ups "
        "(@example.com). Running it again creates nothing new."
    )

    def handle(self, *args, **options):
        workshops, sign_ups = load_demo_workshops()
        if workshops:
            self.stdout.write(
                self.style.SUCCESS(f"Created {workshops} demo workshops and {sign_ups} sign-ups.")
            )
        else:
            self.stdout.write("The demo workshops are already there; nothing to do.")
