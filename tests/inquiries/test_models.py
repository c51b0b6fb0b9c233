import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from inquiries.models import Inquiry, SpamCount
from inquiries.phone import normalise_us_phone
from pdsite.csv_safe import safe_cell, safe_row


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"schools_elementary": 0, "schools_middle": 0, "schools_high": 0}, "at_least_one_school"),
        ({"wants_middle_school": False, "wants_high_school": False}, "at_least_one_programme"),
        ({"status": "lost"}, "status_is_valid"),
        ({"state": "ZZ"}, "state_is_valid"),
    ],
)
@pytest.mark.django_db
def test_database_refuses_an_inquiry_that_breaks_the_rules(make_inquiry, changes, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        make_inquiry(**changes)
    assert Inquiry.objects.count() == 0


@pytest.mark.django_db
def test_one_school_of_any_level_is_enough(make_inquiry):
    make_inquiry(schools_elementary=0, schools_middle=0, schools_high=1)
    assert Inquiry.objects.count() == 1


@pytest.mark.django_db
def test_str_and_absolute_url(make_inquiry):
    inquiry = make_inquiry()
    assert str(inquiry) == "Springfield Public Schools, IL (Jane Doe)"
    assert inquiry.get_absolute_url() == f"/admin/inquiries/inquiry/{inquiry.pk}/change/"
    assert inquiry.programme_labels == ["Middle school math and science"]


@pytest.mark.django_db
def test_open_inquiries_exclude_agreed_and_declined(make_inquiry):
    kept = [
        make_inquiry(status=status, email=f"{status}@x.org")
        for status in ["new", "contacted", "in_discussion"]
    ]
    for status in ["agreed", "declined"]:
        make_inquiry(status=status, email=f"{status}@x.org")
    assert set(Inquiry.objects.open()) == set(kept)


@pytest.mark.django_db
def test_spam_count_is_unique_per_day_and_reason():
    SpamCount.objects.create(reason="honeypot", count=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        SpamCount.objects.create(reason="honeypot", count=1)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("312-555-0100", "(312) 555-0100"),
        ("(312) 555 0100", "(312) 555-0100"),
        ("312.555.0100", "(312) 555-0100"),
        ("3125550100", "(312) 555-0100"),
        ("+1 312 555 0100", "(312) 555-0100"),
        ("1-312-555-0100", "(312) 555-0100"),
        ("312-555-0100 ext. 12", "(312) 555-0100 ext. 12"),
        ("(312) 555-0100 x12", "(312) 555-0100 ext. 12"),
        ("312 555 0100 extension 4", "(312) 555-0100 ext. 4"),
    ],
)
def test_phone_numbers_are_stored_in_one_format(raw, stored):
    assert normalise_us_phone(raw) == stored


@pytest.mark.parametrize(
    "raw",
    [
        "555-0100",  # no area code
        "012-555-0100",  # area codes never start with 0 or 1
        "312-155-0100",  # nor do exchanges
        "+44 20 7946 0958",  # not a US number
        "2-312-555-0100",
        "312-555-01000",
        "call me",
        "312-555-0100; DROP",
        "ext. 12",
        "1+312 555 0100",
    ],
)
def test_bad_phone_numbers_are_refused(raw):
    with pytest.raises(ValidationError) as error:
        normalise_us_phone(raw)
    assert error.value.messages == [
        "Enter a US phone number with its area code, for example (312) 555-0100, or leave it empty."
    ]


def test_csv_cells_that_look_like_formulas_are_neutralised():
    assert safe_row(["=1+1", "+1", "-1", "@A1", "\t=x", "\r=x", "plain", "a=b", 7, None, ""]) == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@A1",
        "'\t=x",
        "'\r=x",
        "plain",
        "a=b",
        7,
        "",
        "",
    ]
    assert safe_cell(-3) == -3
