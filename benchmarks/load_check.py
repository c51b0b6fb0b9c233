"""Part of benchmarks/load.py: after the run, is any workshop over capacity, and is every
sign-up the server confirmed in the database exactly once?"""

import json
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pdsite.settings")


def main(confirmed_file):
    import django

    django.setup()
    from django.db.models import F

    from workshops.models import Enrollment, Workshop

    confirmed = json.loads(Path(confirmed_file).read_text())
    counted = Workshop.objects.with_counted_seats()
    over = list(
        counted.filter(counted_taken__gt=F("capacity")).values_list(
            "pk", "counted_taken", "capacity"
        )
    )
    drift = list(Workshop.objects.seat_drift().values_list("pk", flat=True))
    counts = Counter(email.lower() for email in Enrollment.objects.values_list("email", flat=True))
    verdict = {
        "over": over,
        "drift": drift,
        "missing": [e for e in confirmed if counts[e.lower()] == 0],
        "doubled": [e for e in confirmed if counts[e.lower()] > 1],
        "enrolled": Enrollment.objects.enrolled().count(),
        "waitlisted": Enrollment.objects.waitlisted().count(),
        "rows": sum(counts.values()),
    }
    print("CHECK " + json.dumps(verdict))


if __name__ == "__main__":
    main(sys.argv[1])
