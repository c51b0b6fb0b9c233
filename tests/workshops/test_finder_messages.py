"""When a search finds no place, or no workshop in reach, the finder says what it can: the places
that match a city without its state, a ZIP code that is not in use, the nearest workshops."""

import datetime
import re

import pytest

from tests.workshops.conftest import make_course, make_workshop

pytestmark = pytest.mark.django_db

URL = "/professional-development-workshops"


def suggestions(response):
    return re.findall(
        r'<li class="list-inline-item"><a href="([^"]*)">([^<]*)</a></li>',
        response.content.decode(),
    )


def test_a_city_without_its_state_offers_the_city(client):
    response = client.get(URL, {"q": "Chicago", "distance": "25"})
    assert response.context["form"].errors == {
        "q": ["Did you mean Chicago, IL? Add the state, like Chicago, IL."]
    }
    assert suggestions(response) == [
        ("/professional-development-workshops?q=Chicago%2C+IL&amp;distance=25", "Chicago, IL")
    ]


def test_a_city_in_several_states_offers_each(client):
    response = client.get(URL, {"q": "springfield"})
    assert response.context["form"].errors == {
        "q": [
            "There is a Springfield in 23 states: choose one below, or add the state, like "
            "Springfield, AR."
        ]
    }
    labels = [label for _, label in suggestions(response)]
    assert labels[:5] == [
        "Springfield, AR",
        "Springfield, CO",
        "Springfield, GA",
        "Springfield, ID",
        "Springfield, IL",
    ]
    assert "Springfield, MO" in labels and "Springfield, MA" in labels
    assert len(labels) == 23


def test_a_city_with_the_wrong_state_offers_the_right_ones(client):
    response = client.get(URL, {"q": "Chicago, WI"})
    assert response.context["form"].errors["q"] == [
        "Did you mean Chicago, IL? Add the state, like Chicago, IL."
    ]


def test_a_zip_code_not_in_use_says_so(client):
    response = client.get(URL, {"q": "99999"})
    assert response.context["form"].errors == {
        "q": [
            "99999 is not a US ZIP code in use. Check the digits, or enter a city and state, "
            "like Chicago, IL."
        ]
    }
    assert suggestions(response) == []


def test_nothing_in_reach_names_the_nearest_workshops_however_far(client):
    billings = make_workshop(
        "59101", title="Billings day", local_start=datetime.datetime(2027, 3, 3, 9, 0)
    )
    make_workshop("80202", title="Denver day", local_start=datetime.datetime(2027, 3, 4, 9, 0))
    make_workshop("10001", title="New York day", local_start=datetime.datetime(2027, 3, 5, 9, 0))
    make_workshop("98101", title="Seattle day", local_start=datetime.datetime(2027, 3, 6, 9, 0))
    response = client.get(URL, {"q": "59001", "distance": "25"})
    content = " ".join(response.content.decode().split())
    assert "We found no upcoming workshops within 25 miles of 59001 (Absarokee, MT)." in content
    found = re.findall(r'<li><a href="([^"]*)">([^<]*)</a>, ([^<]*)</li>', content)
    assert found == [
        (
            billings.get_absolute_url(),
            "Billings, MT",
            "50.1 miles: Billings day, Wednesday, March 3, 2027",
        ),
        (found[1][0], "Denver, CO", found[1][2]),
        (found[2][0], "Seattle, WA", found[2][2]),
    ]
    assert found[1][2].startswith("4") and found[1][2].endswith(
        "Denver day, Thursday, March 4, 2027"
    )


def test_nothing_at_all_upcoming_names_no_nearest(client):
    response = client.get(URL, {"q": "59001", "distance": "100"})
    assert "The nearest workshops" not in response.content.decode()


def test_a_result_whose_title_names_its_course_does_not_repeat_it(client):
    course = make_course("Course C (Grade 2)", slug="course-c-grade-2")
    make_workshop("60601", title="CS Fundamentals: Course C (Grade 2)", course=course)
    make_workshop("60601", title="Loops for grade 2", course=course)
    content = client.get(URL, {"q": "60601"}).content.decode()
    assert content.count('<p class="result-course">Course C (Grade 2)</p>') == 1
