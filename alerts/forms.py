from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workshops import geo

from .models import DISTANCE_CHOICES


class AlertForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@school.org."),
        },
    )
    place = forms.CharField(
        label=_("ZIP code or city and state"),
        max_length=100,
        help_text=_("For example 60601 or Chicago, IL."),
        error_messages={"required": _("Enter a ZIP code or a city and state.")},
    )
    distance = forms.TypedChoiceField(
        label=_("Tell me about workshops within"),
        choices=DISTANCE_CHOICES,
        coerce=int,
        initial=50,
        error_messages={"invalid_choice": _("Choose 10, 25, 50 or 100 miles.")},
    )

    def clean_place(self):
        text = " ".join(self.cleaned_data["place"].split())
        place = geo.find_place(text)
        if place is None:
            raise forms.ValidationError(
                gettext(
                    'We couldn\'t find "%(place)s" - try a ZIP code, like 60601, or a city and '
                    "state, like Chicago, IL."
                )
                % {"place": text}
            )
        self.place_found = place
        return text
