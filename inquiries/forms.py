from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from pdsite.us_states import state_choices

from . import spam
from .models import MAX_SCHOOLS, MESSAGE_MAX_LENGTH, HeardAbout, Programme
from .phone import normalise_us_phone

NOT_SURE = "Not sure yet"  # stored as written (staff read it); shown translated
NO_SCHOOLS = _("Enter how many schools your district has: at least one school in total.")


def _interpolate(message, **values):
    return gettext(message) % values


# The limits are numbers known at import, the words are the visitor's: joined when shown.
interpolated = lazy(_interpolate, str)


class MessageField(forms.CharField):
    """Counts a line break as one character, as the browser's ``maxlength`` does (browsers send
    it as two, CR LF)."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


def start_year_choices(today=None):
    """The current school year (July to June), the next two, and "Not sure yet"."""
    today = today or timezone.localdate()
    first = today.year if today.month >= 7 else today.year - 1
    years = [f"{year}-{(year + 1) % 100:02d}" for year in range(first, first + 3)]
    return [
        ("", _("Choose a school year")),
        *((year, year) for year in years),
        (NOT_SURE, pgettext_lazy("start year", "Not sure yet")),
    ]


def state_options():
    """The states by name in the visitor's language (called each time the form is shown)."""
    return [("", gettext("Choose a state or territory")), *state_choices()]


def text_field(label, max_length, required_message, **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={
            "required": required_message,
            "max_length": interpolated(
                gettext_noop(
                    "Keep this to %(limit)s characters or fewer (it has %%(show_value)d)."
                ),
                limit=f"{max_length:,}",
            ),
        },
        **kwargs,
    )


def schools_field(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_SCHOOLS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "schools-input"}),
        error_messages={
            "invalid": _("Enter a whole number, like 4 (or leave it empty for none)."),
            "min_value": _("Enter 0 or more."),
            "max_value": interpolated(
                gettext_noop("Enter a number no larger than %(limit)s."), limit=f"{MAX_SCHOOLS:,}"
            ),
        },
    )


class InquiryForm(forms.Form):
    """The district partnership inquiry. Server-side validation is the authority; the browser's
    own checks (required, type=email) only help."""

    # The error summary links "at least one school" to the first schools field.
    error_targets = {"no_schools": "schools_elementary"}

    district = text_field(
        _("School district name"),
        200,
        _("Enter the name of your school district."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    state = forms.ChoiceField(
        label=_("State or territory"),
        choices=state_options,
        error_messages={
            "required": _("Choose your district's state or territory."),
            "invalid_choice": _("Choose a state or territory from the list."),
        },
    )
    city = text_field(
        _("City"),
        100,
        _("Enter the city where your district is."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    first_name = text_field(
        _("First name"),
        100,
        _("Enter your first name."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = text_field(
        _("Last name"),
        100,
        _("Enter your last name."),
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    role = text_field(
        _("Job title or role"),
        150,
        _("Enter your job title or role, for example Director of Curriculum."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    email = forms.EmailField(
        label=_("Work email"),
        max_length=254,
        error_messages={
            "required": _("Enter your work email address."),
            "invalid": _("Enter a complete email address, like name@yourdistrict.org."),
            "max_length": _("Enter an email address of 254 characters or fewer."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        required=False,
        max_length=40,
        help_text=_("A US number with area code, for example (312) 555-0100."),
        error_messages={"max_length": _("Enter a phone number of 40 characters or fewer.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    schools_elementary = schools_field(_("Elementary schools"))
    schools_middle = schools_field(_("Middle schools"))
    schools_high = schools_field(_("High schools"))
    programmes = forms.MultipleChoiceField(
        label=_("Programmes you are interested in"),
        choices=Programme.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or both."),
        error_messages={
            "required": _("Choose at least one programme."),
            "invalid_choice": _("Choose programmes from the list."),
        },
    )
    start_year = forms.ChoiceField(
        label=_("When would you like to start?"),
        error_messages={
            "required": _("Choose the school year you would like to start."),
            "invalid_choice": _("Choose a school year from the list."),
        },
    )
    heard_about = forms.ChoiceField(
        label=_("How did you hear about us? (optional)"),
        required=False,
        choices=[("", _("Choose an answer")), *HeardAbout.choices],
        error_messages={"invalid_choice": _("Choose an answer from the list, or leave it empty.")},
    )
    message = MessageField(
        label=_("Message (optional)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        help_text=interpolated(
            gettext_noop(
                "Up to %(limit)s characters. Tell us about your district's goals, "
                "or ask us anything."
            ),
            limit=f"{MESSAGE_MAX_LENGTH:,}",
        ),
        error_messages={
            "max_length": interpolated(
                gettext_noop(
                    "Keep your message to %(limit)s characters or fewer (it has %%(show_value)d)."
                ),
                limit=f"{MESSAGE_MAX_LENGTH:,}",
            )
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # Spam defence (see spam.py): never shown to people, never an error.
    leave_empty = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    school_fields = ["schools_elementary", "schools_middle", "schools_high"]

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_year"].choices = start_year_choices(today)
        if not self.is_bound:
            self.initial.setdefault("form_token", spam.make_token())

    def clean_district(self):
        return " ".join(self.cleaned_data["district"].split())

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return normalise_us_phone(phone) if phone else ""

    def clean(self):
        cleaned = super().clean()
        counts = [cleaned.get(name) for name in self.school_fields]
        for name, count in zip(self.school_fields, counts, strict=True):
            if name in cleaned and count is None:
                cleaned[name] = 0
        if not any(name in self.errors for name in self.school_fields) and not any(counts):
            self.add_error(None, forms.ValidationError(NO_SCHOOLS, code="no_schools"))
            for name in self.school_fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = attrs.get("class", "") + " is-invalid"
                attrs["aria-invalid"] = "true"
        return cleaned

    @property
    def schools_errors(self):
        """The "at least one school" error, shown next to the schools fields."""
        return [
            error.message
            for error in self.errors.as_data().get("__all__", [])
            if error.code == "no_schools"
        ]

    def confirmed_day(self):
        """The day this sender was asked to confirm a too-fast submission, or None."""
        return spam.confirmed_day(self.cleaned_data.get("form_token"))

    def spam_reason(self, now=None):
        """Why this (valid) submission looks like spam, or None. See spam.py."""
        return spam.spam_reason(
            self.cleaned_data.get("leave_empty"), self.cleaned_data.get("form_token"), now=now
        )
