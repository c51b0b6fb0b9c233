"""Teachers' workshop alerts: ask for one, confirm it, stop it. No login: the emailed links
carry a secret token."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from pdsite.tokens import looks_like_token
from workshops.models import Workshop

from . import services
from .forms import AlertForm
from .models import DISTANCE_CHOICES, Alert


def _initial(request):
    initial = {"place": request.GET.get("q", "")[:100]}
    distance = request.GET.get("distance", "")
    if distance in {str(miles) for miles, _ in DISTANCE_CHOICES}:
        initial["distance"] = int(distance)
    return initial


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "POST":
        form = AlertForm(request.POST)
        if form.is_valid():
            services.subscribe(
                email=form.cleaned_data["email"],
                place=form.place_found,
                distance_miles=form.cleaned_data["distance"],
            )
            return redirect("alerts:sent")
    else:
        form = AlertForm(initial=_initial(request))
    return render(request, "alerts/subscribe.html", {"form": form})


def sent(request):
    return render(request, "alerts/sent.html")


def _alert_or_none(token):
    if not looks_like_token(token):
        return None
    return Alert.objects.filter(token=token).first()


def _invalid_link(request):
    return render(request, "alerts/invalid_link.html", status=404)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners follow links); only the POST confirms."""
    alert = _alert_or_none(token)
    if alert is None:
        return _invalid_link(request)
    just_confirmed = False
    if request.method == "POST":
        just_confirmed = services.confirm(alert)
    nearby = None
    if alert.status == Alert.Status.CONFIRMED:
        nearby = (
            Workshop.objects.upcoming().near(alert.latitude, alert.longitude, alert.distance_miles)
        ).count()
    return render(
        request,
        "alerts/confirm.html",
        {
            "alert": alert,
            "just_confirmed": just_confirmed,
            "nearby": nearby,
            "finder_url": services.finder_url(alert),
        },
    )


@csrf_protect
def _unsubscribe_page(request, alert):
    just_unsubscribed = False
    if request.method == "POST":
        just_unsubscribed = services.unsubscribe(alert)
    return render(
        request,
        "alerts/unsubscribe.html",
        {"alert": alert, "just_unsubscribed": just_unsubscribed},
    )


@never_cache
@csrf_exempt  # only for the RFC 8058 one-click POST below; the page's own form is protected
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a one-click button; its POST unsubscribes. Mail apps' RFC 8058 one-click
    POST (body ``List-Unsubscribe=One-Click``) unsubscribes too, authenticated by the token."""
    alert = _alert_or_none(token)
    if alert is None:
        return _invalid_link(request)
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click":
        services.unsubscribe(alert)
        return HttpResponse(_("Unsubscribed.") + "\n", content_type="text/plain")
    return _unsubscribe_page(request, alert)
