"""The teacher's sign-up form."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..geo import lookup_zip
from ..models import Enrollment

ZIP_RE = re.compile(r"^\d{5}$")


class SignupForm(forms.Form):
    first_name = forms.CharField(
        label=gettext_lazy("First name"),
        max_length=100,
        error_messages={"required": gettext_lazy("Enter your first name.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=gettext_lazy("Last name"),
        max_length=100,
        error_messages={"required": gettext_lazy("Enter your last name.")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Email"),
        max_length=254,
        help_text=gettext_lazy("We send your confirmation and any change to the workshop here."),
        error_messages={
            "required": gettext_lazy("Enter your email address."),
            "invalid": gettext_lazy("Enter an email address like name@school.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    school_name = forms.CharField(
        max_length=200,
        label=gettext_lazy("School name"),
        error_messages={"required": gettext_lazy("Enter the name of your school.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    school_zip = forms.CharField(
        max_length=5,
        label=gettext_lazy("School ZIP code"),
        help_text=gettext_lazy("Five digits, e.g. 80202."),
        error_messages={
            "required": gettext_lazy("Enter your school's five-digit ZIP code."),
            "max_length": gettext_lazy("Enter five digits, e.g. 80202."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "numeric", "size": 5}
        ),
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Your role"),
        choices=[("", gettext_lazy("Choose your role"))] + list(Enrollment.Role.choices),
        error_messages={
            "required": gettext_lazy("Choose your role."),
            "invalid_choice": gettext_lazy("Choose one of the roles in the list."),
        },
    )
    grades = forms.MultipleChoiceField(
        label=gettext_lazy("Grades you teach"),
        choices=Enrollment.GRADE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Tick every grade that applies."),
        error_messages={
            "required": gettext_lazy("Tick at least one grade you teach."),
            "invalid_choice": gettext_lazy("Choose grades from K to 5."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Div(
                Div(Field("first_name"), css_class="col-sm-6"),
                Div(Field("last_name"), css_class="col-sm-6"),
                css_class="row",
            ),
            Field("email"),
            Div(
                Div(Field("school_name"), css_class="col-sm-8"),
                Div(Field("school_zip"), css_class="col-sm-4"),
                css_class="row",
            ),
            Field("role"),
            Field("grades", template="workshops/signup_grades_field.html"),
        )

    def clean_school_zip(self):
        value = self.cleaned_data["school_zip"].strip()
        if not ZIP_RE.match(value):
            raise forms.ValidationError(_("Enter five digits, e.g. 80202."))
        if lookup_zip(value) is None:
            raise forms.ValidationError(
                _("No US ZIP code %(zip)s - check the five digits.") % {"zip": value}
            )
        return value

    def clean_grades(self):
        chosen = set(self.cleaned_data["grades"])
        return [code for code, _label in Enrollment.GRADE_CHOICES if code in chosen]
