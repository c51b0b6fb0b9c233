import pytest

from tests.workshops.conftest import make_workshop

pytestmark = pytest.mark.django_db


def test_no_results_offers_an_alert_for_the_place_searched(client):
    make_workshop(zip_code="60601")  # Chicago: far from Anchorage
    html = client.get(
        "/professional-development-workshops", {"q": "Anchorage, AK", "distance": "25"}
    ).content.decode()
    assert (
        '<a class="btn btn-primary" href="/professional-development-workshops/alerts'
        '?q=Anchorage%2C%20AK&amp;distance=25">Tell me about new workshops near Anchorage, AK</a>'
    ) in html


def test_results_do_not_offer_an_alert(client):
    make_workshop(zip_code="60601")
    html = client.get("/professional-development-workshops", {"q": "60601"}).content.decode()
    assert "Tell me about new workshops" not in html
