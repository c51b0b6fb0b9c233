"""Part of benchmarks/load.py: a fresh database with five small workshops near Chicago."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pdsite.settings")


def main():
    import django

    django.setup()
    from django.core.management import call_command

    from deploy.stack.seed import create_workshop
    from workshops.models import Course, Enrollment, Workshop

    call_command("migrate", verbosity=0)
    call_command("load_pages", verbosity=0)
    Enrollment.objects.all().delete()
    Workshop.objects.all().delete()
    course, _ = Course.objects.get_or_create(slug="load", defaults={"name": "Load course"})
    ids = []
    for i, zip_code in enumerate(["60601", "60614", "60622", "60657", "60302"]):
        workshop = create_workshop(
            course, title=f"Load workshop {i}", zip_code=zip_code, capacity=10, days=10 + i
        )
        ids.append(workshop.pk)
    print("IDS " + json.dumps(ids))


if __name__ == "__main__":
    main()
