from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from pdsite.tokens import looks_like_token

from . import services
from .forms import SurveyForm
from .models import Response


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request, token):
    """The attendee's survey, from the link in their certificate email."""
    if not looks_like_token(token):
        raise Http404("No such survey.")
    response = get_object_or_404(
        Response.objects.select_related("enrollment__workshop"), token=token
    )
    can_change = response.can_change(timezone.now())
    form = SurveyForm(request.POST if request.method == "POST" else None, instance=response)
    if request.method == "POST" and can_change and form.is_valid():
        try:
            services.answer(response=response, data=form.cleaned_data)
        except services.FeedbackError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you! Your answers are saved."))
        return redirect(response)
    return render(
        request,
        "feedback/survey.html",
        {
            "form": form,
            "response": response,
            "workshop": response.enrollment.workshop,
            "can_change": can_change,
        },
    )
