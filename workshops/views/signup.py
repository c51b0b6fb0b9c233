"""Sign-up, the teacher's own sign-up page and cancelling (sign-up issue).

No login: a teacher reaches their sign-up through the secret token in their email's link. GET
never changes anything; only the POST from the cancel page cancels."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from pdsite.tokens import looks_like_token

from .. import services
from ..forms.signup import SignupForm
from ..models import Enrollment, Workshop


def _public_workshop(pk):
    """A published or cancelled workshop; drafts are 404 to the public."""
    return get_object_or_404(
        Workshop.objects.select_related("course").exclude(status=Workshop.Status.DRAFT), pk=pk
    )


def signup(request, pk):
    workshop = _public_workshop(pk)
    reason = workshop.closed_reason()
    form = None
    if reason is None:
        form = SignupForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                enrollment = services.enroll(workshop=workshop, data=form.cleaned_data)
            except services.AlreadySignedUp as exc:
                form.add_error("email", exc.message)
            except services.SignupClosed as exc:
                reason, form = exc.reason, None
            else:
                if enrollment.status == Enrollment.Status.ENROLLED:
                    text = _("You're signed up. We've emailed a confirmation to %(email)s.") % {
                        "email": enrollment.email
                    }
                else:
                    text = _(
                        "You're on the waitlist, number %(position)s. We've emailed "
                        "%(email)s and will email again if a seat opens up."
                    ) % {"position": enrollment.waitlist_position, "email": enrollment.email}
                messages.success(request, text)
                return redirect(enrollment)
    return render(
        request,
        "workshops/signup.html",
        {"workshop": workshop, "form": form, "closed_reason": reason},
    )


def _enrollment(token):
    if not looks_like_token(token):
        raise Http404("No such sign-up.")
    return get_object_or_404(
        Enrollment.objects.select_related("workshop", "workshop__course"), token=token
    )


@never_cache
def enrollment(request, token):
    enrollment = _enrollment(token)
    return render(
        request,
        "workshops/enrollment.html",
        {
            "enrollment": enrollment,
            "workshop": enrollment.workshop,
            "state": enrollment.state,
            "position": enrollment.waitlist_position,
            "can_cancel": enrollment.cancel_refusal() is None,
        },
    )


@never_cache
def cancel(request, token):
    enrollment = _enrollment(token)
    error = None
    if request.method == "POST" and enrollment.status != Enrollment.Status.CANCELLED:
        error = enrollment.cancel_refusal()
        if error is None:
            try:
                services.cancel_enrollment(enrollment)
            except services.SignupError as exc:
                error = exc.message
            else:
                return redirect("workshops:cancel", token=token)
    if enrollment.status == Enrollment.Status.CANCELLED:
        template = "workshops/cancel_done.html"
    else:
        template = "workshops/cancel.html"
    return render(
        request,
        template,
        {
            "enrollment": enrollment,
            "workshop": enrollment.workshop,
            "refusal": error or enrollment.cancel_refusal(),
        },
    )
