"""The finder's search form: a place (ZIP or city and state), a distance and optional dates."""

import datetime
import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workshops import geo

DEFAULT_DISTANCE = 50
# Local calendar dates further out than this are treated as "no limit" (and never overflow).


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__({"class": "form-control", **(attrs or {})}, format="%Y-%m-%d")

    def format_value(self, value):
        """Only a real date goes back into the field (the browser can show nothing else)."""
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value.strip())
            except ValueError:
                return None
        return super().format_value(value)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("ZIP code or city and state"),
        max_length=100,
        error_messages={
            "required": gettext_lazy(
                "Enter a ZIP code or a city and state, like 60601 or Chicago, IL."
            ),
            "max_length": gettext_lazy(
                "Enter at most 100 characters: a ZIP code or a city and state."
            ),
        },
        widget=forms.TextInput(
            attrs={
                "placeholder": gettext_lazy("e.g. 60601 or Chicago, IL"),
                "class": "form-control",
            }
        ),
    )
    distance = forms.TypedChoiceField(
        label=gettext_lazy("Distance"),
        choices=geo.DISTANCE_CHOICES,
        coerce=int,
        required=False,
        empty_value=DEFAULT_DISTANCE,
        initial=DEFAULT_DISTANCE,
        error_messages={
            "invalid_choice": gettext_lazy("Choose a distance of 10, 25, 50 or 100 miles.")
        },
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    date_from = forms.DateField(
        label=gettext_lazy("From date"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": gettext_lazy("Enter a real date, like 2027-03-06.")},
    )
    date_to = forms.DateField(
        label=gettext_lazy("To date"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": gettext_lazy("Enter a real date, like 2027-03-06.")},
    )

    place = None
    suggestions = ()  # the places the visitor may have meant, when none matched

    def __init__(self, data=None, **kwargs):
        if data is not None and not data.get("distance"):
            data = data.copy()
            data["distance"] = str(DEFAULT_DISTANCE)  # show the distance the search used
        super().__init__(data, **kwargs)

    def clean_q(self):
        q = " ".join(self.cleaned_data["q"].split())
        self.place = geo.find_place(q)
        if self.place is None:
            raise forms.ValidationError(self.not_found(q))
        return q

    def not_found(self, q):
        """What to say when no place matches, and the places offered instead."""
        if re.fullmatch(r"\d{5}(-\d{4})?", q):
            return _(
                "%(zip)s is not a US ZIP code in use. Check the digits, or enter a city and "
                "state, like Chicago, IL."
            ) % {"zip": q[:5]}
        city = q.rpartition(",")[0] if "," in q else q
        self.suggestions = geo.places_named(city)
        if len(self.suggestions) == 1:
            return _("Did you mean %(place)s? Add the state, like %(place)s.") % {
                "place": self.suggestions[0].label
            }
        if self.suggestions:
            return _(
                "There is a %(city)s in %(count)s states: choose one below, or add the state, "
                "like %(example)s."
            ) % {
                "city": self.suggestions[0].city,
                "count": len({place.state for place in self.suggestions}),
                "example": self.suggestions[0].label,
            }
        return _('We couldn\'t find "%(place)s" - try a ZIP code.') % {"place": q}

    def full_clean(self):
        """Mark the fields in error for the browser and assistive technology (the search form
        is drawn field by field by ``_search_field.html``, not by crispy-forms: it is on every
        finder page, and drawing it by hand costs far less: benchmarks/README.md)."""
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs = {
                    **widget.attrs,
                    "class": widget.attrs.get("class", "") + " is-invalid",
                    "aria-describedby": f"id_{name}_error",
                }

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error(
                "date_to", _('The "to" date must be the same as or after the "from" date.')
            )
        return cleaned
