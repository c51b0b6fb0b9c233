"""The teacher's sign-up form."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms

from ..geo import lookup_zip
from ..models import Enrollment

ZIP_RE = re.compile(r"^\d{5}$")


class SignupForm(forms.Form):
    first_name = forms.CharField(
        max_length=100,
        error_messages={"required": "Enter your first name."},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        max_length=100,
        error_messages={"required": "Enter your last name."},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        max_length=254,
        help_text="We send your confirmation and any change to the workshop here.",
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address like name@school.org.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    school_name = forms.CharField(
        max_length=200,
        label="School name",
        error_messages={"required": "Enter the name of your school."},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    school_zip = forms.CharField(
        max_length=5,
        label="School ZIP code",
        help_text="Five digits, e.g. 80202.",
        error_messages={
            "required": "Enter your school's five-digit ZIP code.",
            "max_length": "Enter five digits, e.g. 80202.",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "numeric", "size": 5}
        ),
    )
    role = forms.ChoiceField(
        label="Your role",
        choices=[("", "Choose your role")] + list(Enrollment.Role.choices),
        error_messages={
            "required": "Choose your role.",
            "invalid_choice": "Choose one of the roles in the list.",
        },
    )
    grades = forms.MultipleChoiceField(
        label="Grades you teach",
        choices=Enrollment.GRADE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every grade that applies.",
        error_messages={
            "required": "Tick at least one grade you teach.",
            "invalid_choice": "Choose grades from K to 5.",
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
            raise forms.ValidationError("Enter five digits, e.g. 80202.")
        if lookup_zip(value) is None:
            raise forms.ValidationError(f"No US ZIP code {value} - check the five digits.")
        return value

    def clean_grades(self):
        chosen = set(self.cleaned_data["grades"])
        return [code for code, _ in Enrollment.GRADE_CHOICES if code in chosen]
