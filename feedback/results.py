"""Survey results, as staff and facilitators read them: counts, averages and the spread of each
rating, per workshop, facilitator, course or state."""

from dataclasses import dataclass

import us
from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from workshops.models import Course, Workshop

from .models import RATINGS, SCALE, rating_aggregates

RATING_LABELS = {
    "overall": _("Workshop overall"),
    "facilitator": _("Facilitator"),
    "ready": _("Ready to teach CS"),
}
GROUPS = {
    "workshop": _("Workshop"),
    "facilitator": _("Facilitator"),
    "course": _("Course"),
    "state": _("State"),
}
_FIELDS = {
    "workshop": "enrollment__workshop",
    "facilitator": "enrollment__workshop__facilitators",
    "course": "enrollment__workshop__course",
    "state": "enrollment__workshop__state",
}


@dataclass
class Rating:
    name: str
    label: str
    average: float | None
    spread: list  # [(n, count, percent of answers)] for n in 1..5


def ratings(row) -> list[Rating]:
    """The ratings of one row of ``rating_aggregates()``."""
    count = row["count"] or 0
    return [
        Rating(
            name,
            RATING_LABELS[name],
            row[f"{name}_avg"],
            [
                (n, row[f"{name}_{n}"], round(100 * row[f"{name}_{n}"] / count) if count else 0)
                for n in SCALE
            ],
        )
        for name in RATINGS
    ]


def _labels(by, keys):
    if by == "workshop":
        return {pk: str(w) for pk, w in Workshop.objects.in_bulk(keys).items()}
    if by == "facilitator":
        users = get_user_model().objects.in_bulk(keys)
        return {pk: u.get_full_name() or u.get_username() for pk, u in users.items()}
    if by == "course":
        return {pk: c.name for pk, c in Course.objects.in_bulk(keys).items()}
    return {code: f"{us.states.lookup(code).name} ({code})" for code in keys}


def grouped(responses, by):
    """[(key, label, row, ratings)] per group of the answered ``responses``, most answers
    first: one query for the figures, one for the labels."""
    rows = list(
        responses.answered()
        .exclude(**{f"{_FIELDS[by]}__isnull": True})
        .order_by()
        .values(key=F(_FIELDS[by]))
        .annotate(**rating_aggregates())
    )
    labels = _labels(by, [row["key"] for row in rows])
    result = [(row["key"], labels.get(row["key"], "?"), row, ratings(row)) for row in rows]
    return sorted(result, key=lambda item: (-item[2]["count"], item[1]))
