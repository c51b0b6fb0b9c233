"""A facilitator's own survey results: each of their workshops, ratings only from
``MIN_ANSWERS_SHOWN`` answers (so no one teacher can be singled out), comments without names
and in an order that says nothing about who wrote them."""

from django.shortcuts import render
from django.utils import timezone

from facilitate.access import facilitator_required
from workshops.models import Workshop

from .models import MIN_ANSWERS_SHOWN, Response
from .results import ratings


@facilitator_required
def results(request):
    workshops = (
        Workshop.objects.led_by(request.user)
        .filter(starts_at__lte=timezone.now())
        .select_related("course")
        .order_by("-starts_at", "-pk")
    )
    sections = []
    for workshop in workshops:
        answers = Response.objects.filter(enrollment__workshop=workshop).answered()
        figures = answers.figures()
        shown = figures["count"] >= MIN_ANSWERS_SHOWN
        comments = []
        if shown:
            # Sorted by their text, not by time or sign-up: the order must not tell who wrote it.
            for worked, improve in answers.values_list("worked", "improve"):
                comments += [("worked", worked)] if worked.strip() else []
                comments += [("improve", improve)] if improve.strip() else []
            comments.sort(key=lambda item: (item[0], item[1].lower()))
        sections.append(
            {
                "workshop": workshop,
                "count": figures["count"],
                "shown": shown,
                "ratings": ratings(figures) if shown else [],
                "worked": [text for kind, text in comments if kind == "worked"],
                "improve": [text for kind, text in comments if kind == "improve"],
            }
        )
    return render(
        request,
        "feedback/facilitator_results.html",
        {"sections": sections, "minimum": MIN_ANSWERS_SHOWN},
    )
