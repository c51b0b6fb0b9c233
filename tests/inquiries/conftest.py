import pytest

from inquiries.models import Inquiry
from pages.models import Page

from .helpers import CONTACT, DISTRICTS_URL, valid_inquiry_post


@pytest.fixture
def districts_page(db):
    return Page.objects.create(
        url=DISTRICTS_URL,
        title="District partnerships",
        description="Bring computer science to your district's middle and high schools.",
        body="## What a partnership gives your district\n\nPD for **middle and high school**.",
    )


@pytest.fixture
def form_data():
    """A complete, valid submission, sent 10 seconds after the form was shown."""
    return valid_inquiry_post()


@pytest.fixture
def make_inquiry(db):
    """Create an Inquiry directly (for admin tests); keyword arguments override the defaults."""

    def make(**overrides):
        fields = {
            **CONTACT,
            "phone": "(312) 555-0100",
            "schools_elementary": 12,
            "schools_middle": 4,
            "schools_high": 2,
            "wants_middle_school": True,
            "wants_high_school": False,
            "start_year": "2027-28",
            "heard_about": "conference",
            "message": "",
        }
        fields.update(overrides)
        return Inquiry.objects.create(**fields)

    return make
