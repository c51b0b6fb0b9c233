"""Sign-up, the teacher's own sign-up page and cancelling (sign-up issue)."""

from django.http import Http404


def signup(request, pk):
    raise Http404


def enrollment(request, token):
    raise Http404


def cancel(request, token):
    raise Http404
