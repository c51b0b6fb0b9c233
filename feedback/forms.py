from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import SCALE, Response


def _scale(label, low, high):
    return forms.TypedChoiceField(
        label=label,
        choices=[(n, str(n)) for n in SCALE],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a number from 1 to 5."),
            "invalid_choice": _("Choose a number from 1 to 5."),
        },
        # Lazy: an f-string would fix the labels in the language active at import.
        help_text=format_lazy("{} · {}", low, high),
    )


class SurveyForm(forms.ModelForm):
    overall = _scale(_("How was the workshop overall?"), _("1 poor"), _("5 excellent"))
    facilitator = _scale(_("How was the facilitator?"), _("1 poor"), _("5 excellent"))
    ready = _scale(
        _("“I feel ready to teach computer science to my students.”"),
        _("1 not at all"),
        _("5 completely"),
    )

    class Meta:
        model = Response
        fields = ["overall", "facilitator", "ready", "worked", "improve"]
        labels = {"worked": _("What worked well?"), "improve": _("What should we improve?")}
        widgets = {
            "worked": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
            "improve": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }
        help_texts = {"worked": _("Optional."), "improve": _("Optional.")}

    @property
    def ratings(self):
        return [self["overall"], self["facilitator"], self["ready"]]
