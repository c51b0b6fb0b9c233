from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from pages.models import Page

from . import ratelimit, services
from .forms import InquiryForm
from .models import SpamCount

PAGE_URL = "/educate/districts"


def _render(request, form, status=200, rate_limited=False):
    context = {
        "page": Page.objects.published().shown(PAGE_URL),
        "form": form,
        "rate_limited": rate_limited,
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
    ip = ratelimit.client_ip(request)
    if ratelimit.is_limited(ip):
        return _too_many(request)
    form = InquiryForm(request.POST)
    if not form.is_valid():
        return _render(request, form)
    if not ratelimit.hit(ip):
        return _too_many(request)
    reason = form.spam_reason()
    if reason:
        # Looks like any other submission to the sender; nothing is stored but the count.
        services.record_spam(reason)
    else:
        services.submit_inquiry(form.cleaned_data, client_ip=ip)
    return redirect("inquiries:thanks")


def thanks(request):
    return render(request, "inquiries/thanks.html")
