"""Public certificate pages: verification by number (and the form to type one), and, from the
teacher's sign-up link, the PDF and the one-time name correction."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from pdsite.client_address import client_ip
from pdsite.tokens import looks_like_token

from . import guesses, services
from .forms import LookupForm, NameForm
from .models import Certificate
from .numbers import normalise
from .pdf import certificate_pdf, hours_text


def _too_many(request):
    response = render(request, "certificates/too_many.html", status=429)
    response["Retry-After"] = str(settings.CERTIFICATE_GUESS_WINDOW)
    return response


def _find(number):
    return (
        Certificate.objects.select_related("enrollment__workshop__course")
        .filter(number=number)
        .first()
    )


@never_cache
def lookup(request):
    """The form a district types a number into; a right number goes to its page."""
    form = LookupForm(request.GET or None)
    ip = client_ip(request)
    if form.is_bound and guesses.too_many(ip):
        return _too_many(request)
    if form.is_valid():
        certificate = _find(form.cleaned_data["number"])
        if certificate is not None:
            return redirect(certificate)
        guesses.count_wrong(ip)
        form.add_error(
            "number",
            _("No certificate has the number %(number)s. Check it against the certificate.")
            % {"number": form.cleaned_data["number"]},
        )
    return render(request, "certificates/lookup.html", {"form": form})


@never_cache
def verify(request, number):
    """Name, workshop, date, hours and valid or revoked: nothing else. A wrong number is a plain
    404, and counts towards the address's limit."""
    ip = client_ip(request)
    if guesses.too_many(ip):
        return _too_many(request)
    canonical = normalise(number)
    certificate = _find(canonical) if canonical else None
    if certificate is None:
        guesses.count_wrong(ip)
        raise Http404("No such certificate.")
    if canonical != number:
        return redirect(certificate)
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "workshop": certificate.workshop,
            "hours": hours_text(certificate.hours),
        },
    )


def _own_certificate(token):
    """The certificate of the sign-up whose secret link this is (404 for any other)."""
    if not looks_like_token(token):
        raise Http404("No such sign-up.")
    return get_object_or_404(
        Certificate.objects.select_related("enrollment__workshop__course").filter(
            revoked_at__isnull=True
        ),
        enrollment__token=token,
    )


@never_cache
def download(request, token):
    certificate = _own_certificate(token)
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate.filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def correct_name(request, token):
    certificate = _own_certificate(token)
    enrollment_url = certificate.enrollment.get_absolute_url()
    if not certificate.can_correct_name:
        messages.info(request, _("The name on your certificate was corrected already."))
        return redirect(enrollment_url + "#certificate")
    form = NameForm(
        request.POST if request.method == "POST" else None,
        current=certificate.name,
        initial={"name": certificate.name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_name(certificate=certificate, name=form.cleaned_data["name"])
        except services.CertificateError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Your name is corrected. Your certificate now shows the new spelling.")
            )
        return redirect(enrollment_url + "#certificate")
    return render(
        request,
        "certificates/correct_name.html",
        {"form": form, "certificate": certificate, "enrollment_url": enrollment_url},
    )
