from django import forms
from django.utils.translation import gettext_lazy as _

from .numbers import normalise


class LookupForm(forms.Form):
    number = forms.CharField(
        label=_("Certificate number"),
        max_length=40,
        help_text=_(
            "16 letters and digits, printed at the bottom of the certificate, e.g. "
            "K7Q4-M9XD-2HTW-8PRN."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
        error_messages={"required": _("Enter the certificate number.")},
    )

    def clean_number(self):
        number = normalise(self.cleaned_data["number"])
        if number is None:
            raise forms.ValidationError(
                _("A certificate number has 16 letters and digits, e.g. K7Q4-M9XD-2HTW-8PRN.")
            )
        return number


class NameForm(forms.Form):
    name = forms.CharField(
        label=_("Your name as it should appear on the certificate"),
        max_length=200,
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        if name == self.current:
            raise forms.ValidationError(
                _("This is the name already on your certificate: change the spelling, or go back.")
            )
        return name
