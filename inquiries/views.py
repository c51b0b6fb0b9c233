from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from pages.models import Page
from pdsite.client_address import client_ip

from . import ratelimit, services, spam
from .forms import InquiryForm
from .models import SpamCount

PAGE_URL = "/educate/districts"


def _render(request, form, status=200, rate_limited=False, confirm=False):
    context = {
        "page": Page.objects.published().shown(PAGE_URL),
        "form": form,
        "rate_limited": rate_limited,
        "confirm": confirm,
    }
    return render(request, "inquiries/districts.html", context, status=status)


def _too_many(request):
    """429: the visitor's answers are kept (unvalidated) so they can send them later."""
    services.record_spam(SpamCount.Reason.RATE_LIMITED)
    data = {key: request.POST.get(key, "") for key in request.POST}
    data["programmes"] = request.POST.getlist("programmes")
    data.pop("leave_empty", None)
    response = _render(request, InquiryForm(initial=data), status=429, rate_limited=True)
    response["Retry-After"] = str(settings.INQUIRY_RATE_WINDOW)
    return response


@never_cache
def districts(request):
    """The district partnership page (staff-written text) and the inquiry form."""
    if request.method != "POST":
        return _render(request, InquiryForm())
    ip = client_ip(request)
    if ratelimit.is_limited(ip):
        return _too_many(request)
    form = InquiryForm(request.POST)
    if not form.is_valid():
        return _render(request, form)
    if not ratelimit.hit(ip):
        return _too_many(request)
    reason = form.spam_reason()
    if reason == SpamCount.Reason.TOO_FAST:
        return _ask_to_confirm(request)
    if reason:
        # Looks like any other submission to the sender; nothing is stored but the count.
        services.record_spam(reason)
        return redirect("inquiries:thanks")
    asked_on = form.confirmed_day()
    if asked_on:
        services.uncount_spam(SpamCount.Reason.TOO_FAST, day=asked_on)
    services.submit_inquiry(form.cleaned_data, client_ip=ip)
    return redirect("inquiries:thanks")


def _ask_to_confirm(request):
    """Sent sooner than a person usually can: maybe a script, maybe autofill. Nothing is sent
    yet; the same answers come back with a confirmation token and one button to send them.
    Counted as too fast until confirmed (see spam.py)."""
    today = timezone.localdate()
    services.record_spam(SpamCount.Reason.TOO_FAST, day=today)
    data = request.POST.copy()
    data["form_token"] = spam.make_confirm_token(today)
    return _render(request, InquiryForm(data), confirm=True)


def thanks(request):
    return render(request, "inquiries/thanks.html")
