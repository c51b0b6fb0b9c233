"""The facilitators' forms: a walk-in, and password reset through the outbox."""

from crispy_forms.layout import Layout
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outbox.services import queue_email
from workshops.forms.signup import SignupForm


class FacilitatorLoginForm(AuthenticationForm):
    """Django's sign-in form, with messages that say which field to fill in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = _("Enter your username.")
        self.fields["password"].error_messages["required"] = _("Enter your password.")
        self.fields["username"].widget.attrs.pop("autofocus", None)


class WalkInForm(SignupForm):
    """A teacher who came without a sign-up: the sign-up form's name, email, school and ZIP."""

    role = None
    grades = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _("Their certificate and the survey go to this address.")
        # The facilitator types someone else's details: "their", not the sign-up form's "your".
        for name, message in [
            ("first_name", _("Enter their first name.")),
            ("last_name", _("Enter their last name.")),
            ("email", _("Enter their email address.")),
            ("school_name", _("Enter the name of their school.")),
            ("school_zip", _("Enter their school's five-digit ZIP code.")),
        ]:
            self.fields[name].error_messages["required"] = message
        # The sign-up form's layout up to the school (names, email, school and ZIP).
        self.helper.layout = Layout(*self.helper.layout.fields[:3])


class FacilitatorPasswordResetForm(PasswordResetForm):
    """Django's password reset, its email queued in the outbox like every other email."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        path = reverse(
            "facilitate:password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        queue_email(
            to=[to_email],
            template="facilitator_password_reset",
            context={
                "reset_url": settings.SITE_URL + path,
                "username": context["user"].get_username(),
                "site_name": settings.SITE_NAME,
            },
            kind="password-reset",
        )
