from datetime import timedelta

import pytest
from django.utils import timezone

from feedback.models import Response
from tests.certificates.conftest import make_attended_workshop, make_certificate

pytestmark = pytest.mark.django_db

ANSWERS = {
    "overall": "5",
    "facilitator": "4",
    "ready": "3",
    "worked": "Unplugged games",
    "improve": "",
}


def survey_url():
    return make_certificate().enrollment.feedback.get_absolute_url()


def test_the_survey_is_answered_then_changed_within_14_days(client):
    url = survey_url()
    first = client.post(url, ANSWERS, follow=True)
    assert [str(m) for m in first.context["messages"]] == ["Thank you! Your answers are saved."]
    response = Response.objects.get()
    assert (response.overall, response.facilitator, response.ready, response.worked) == (
        5,
        4,
        3,
        "Unplugged games",
    )
    answered_at = response.answered_at

    client.post(url, {**ANSWERS, "overall": "2", "improve": "More breaks"})
    response.refresh_from_db()
    assert (response.overall, response.improve, response.answered_at) == (
        2,
        "More breaks",
        answered_at,
    )
    assert response.changed_at is not None


def test_after_14_days_the_answers_no_longer_change(client):
    url = survey_url()
    client.post(url, ANSWERS)
    Response.objects.update(answered_at=timezone.now() - timedelta(days=14, minutes=1))

    page = client.get(url).content.decode()
    client.post(url, {**ANSWERS, "overall": "1"})

    assert "they can no longer change" in page
    assert "<form" not in page.split('id="main"')[1]
    assert Response.objects.get().overall == 5


def test_missing_ratings_are_named_and_the_comments_kept(client):
    url = survey_url()
    page = client.post(url, {"overall": "9", "worked": "Kept text"})
    form = page.context["form"]
    assert form.errors == {
        "overall": ["Choose a number from 1 to 5."],
        "facilitator": ["Choose a number from 1 to 5."],
        "ready": ["Choose a number from 1 to 5."],
    }
    assert "Kept text</textarea>" in page.content.decode()
    assert Response.objects.get().answered_at is None


def test_a_wrong_token_is_a_404(client):
    assert client.get("/feedback/" + "x" * 43).status_code == 404
    assert client.get("/feedback/nope").status_code == 404


def _answer(workshop, **values):
    for enrollment, (overall, worked) in zip(
        workshop.enrollments.attended().order_by("pk"), values["rows"], strict=False
    ):
        response = enrollment.feedback
        response.overall, response.facilitator, response.ready = overall, 4, 5
        response.worked = worked
        response.answered_at = timezone.now()
        response.save()


def test_facilitators_see_ratings_from_three_answers_without_names(client):
    from attendance import services as attendance

    workshop, facilitator, _ = make_attended_workshop(
        [("Ana", "A"), ("Ben", "B"), ("Cy", "C")], title="Three answers"
    )
    attendance.close_attendance(workshop=workshop, by=facilitator)
    _answer(workshop, rows=[(5, "zebra games"), (3, "Apple pie")])
    client.force_login(facilitator)

    two = client.get("/facilitate/feedback")
    section = two.context["sections"][0]
    assert (section["count"], section["shown"], section["ratings"], section["worked"]) == (
        2,
        False,
        [],
        [],
    )
    assert "Results appear from 3 answers." in two.content.decode()

    _answer(workshop, rows=[(5, "zebra games"), (3, "Apple pie"), (4, "")])
    three = client.get("/facilitate/feedback")
    section = three.context["sections"][0]
    overall = section["ratings"][0]
    assert (overall.name, overall.average, overall.spread) == (
        "overall",
        4.0,
        [(1, 0, 0), (2, 0, 0), (3, 1, 33), (4, 1, 33), (5, 1, 33)],
    )
    assert section["worked"] == ["Apple pie", "zebra games"]  # by text, not by who
    page = three.content.decode()
    for name in ["Ana", "Ben", "Cy"]:
        assert f">{name} " not in page and f"{name} A" not in page


def test_another_facilitators_results_are_not_shown(client):
    from attendance import services as attendance
    from tests.attendance.conftest import make_facilitator

    workshop, facilitator, _ = make_attended_workshop([("Ana", "A")], title="Not yours")
    attendance.close_attendance(workshop=workshop, by=facilitator)
    other = make_facilitator()
    client.force_login(other)
    assert client.get("/facilitate/feedback").context["sections"] == []
    client.logout()
    assert client.get("/facilitate/feedback")["Location"].startswith("/facilitate/login")
