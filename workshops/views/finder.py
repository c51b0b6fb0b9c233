"""The public workshop finder, state listings, workshop pages and their .ics (finder issue)."""

from django.http import Http404
from django.shortcuts import render


def finder(request):
    # Placeholder until the finder issue lands.
    return render(request, "workshops/finder.html", {})


def state(request, state):
    raise Http404


def detail(request, pk):
    raise Http404


def ics(request, pk):
    raise Http404
