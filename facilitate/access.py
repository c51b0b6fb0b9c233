"""Who may open the facilitators' pages, and which workshops they see."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from workshops.models import Workshop

GROUP = "Facilitators"


def is_facilitator(user):
    return user.is_active and user.groups.filter(name=GROUP).exists()


def facilitator_required(view):
    """Signed in (else to the login page) and in the Facilitators group (else 404: nothing
    here is for anyone else). Never cached: every page is someone's own."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_facilitator(request.user):
            raise Http404("Not a facilitator.")
        return view(request, *args, **kwargs)

    return never_cache(login_required(wrapper, login_url="facilitate:login"))


def led_workshop(request, pk):
    """The workshop ``pk`` if the signed-in facilitator leads it; any other is a 404."""
    return get_object_or_404(Workshop.objects.led_by(request.user).select_related("course"), pk=pk)
