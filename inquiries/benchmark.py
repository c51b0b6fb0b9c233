"""Inquiry rows for `make bench` (benchmarks/seed.py bulk-inserts them; never used by the site)."""

from datetime import timedelta

from django.utils import timezone

from pdsite.us_states import STATE_CODES

from .models import HeardAbout, Inquiry, InquiryStatus

STATES = STATE_CODES
STATUSES = InquiryStatus.values
HEARD = [""] + HeardAbout.values


def build_inquiries(start, count, rng):
    """``count`` unsaved, valid inquiries numbered from ``start``, received over two years."""
    now = timezone.now()
    rows = []
    for i in range(start, start + count):
        middle = rng.random() < 0.6
        rows.append(
            Inquiry(
                district=f"Benchmark Unified School District {i}",
                state=STATES[rng.randrange(len(STATES))],
                city="Springfield",
                first_name="District",
                last_name=f"Leader{i}",
                role="Director of curriculum",
                email=f"leader{i}@district{i}.example.org",
                phone="(312) 555-0100",
                schools_elementary=rng.randint(1, 40),
                schools_middle=rng.randint(0, 10),
                schools_high=rng.randint(0, 5),
                wants_middle_school=middle,
                wants_high_school=not middle or rng.random() < 0.3,
                start_year="2027-28",
                heard_about=HEARD[rng.randrange(len(HEARD))],
                message="We would like to learn more about a partnership.",
                received_at=now - timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60)),
                status=STATUSES[rng.randrange(len(STATUSES))],
            )
        )
    return rows
