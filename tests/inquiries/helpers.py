"""Helpers for the inquiry tests (fixtures are in conftest.py)."""

import time

from inquiries import spam
from inquiries.forms import start_year_choices

DISTRICTS_URL = "/educate/districts"
THANKS_URL = "/educate/districts/thank-you"

# Who asks, as the form takes it and the inquiry keeps it.
CONTACT = {
    "district": "Springfield Public Schools",
    "state": "IL",
    "city": "Springfield",
    "first_name": "Jane",
    "last_name": "Doe",
    "role": "Director of Curriculum",
    "email": "jane.doe@springfield.k12.il.us",
}


def next_school_year():
    """The second school year offered by the form today (e.g. "2027-28" in November 2026)."""
    return start_year_choices()[2][0]


def shown_seconds_ago(seconds):
    """A genuine form token, as if the form had been shown ``seconds`` ago."""
    return spam.make_token(now=time.time() - seconds)


def valid_inquiry_post(**overrides):
    """A complete, valid district inquiry as the form POSTs it (sent 10 seconds after the form
    was shown); keyword arguments replace fields."""
    return {
        **CONTACT,
        "phone": "312.555.0100",
        "schools_elementary": "12",
        "schools_middle": "4",
        "schools_high": "2",
        "programmes": ["middle_school", "high_school"],
        "start_year": next_school_year(),
        "heard_about": "conference",
        "message": "We would like to start with two middle schools.",
        "leave_empty": "",
        "form_token": shown_seconds_ago(10),
        **overrides,
    }


def staff_user(username, group_name=None):
    """An active staff user, in the named group (created by the data migration) if given."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, f"{username}@example.org", "pw", is_staff=True)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user
