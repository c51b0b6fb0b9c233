import pytest


@pytest.mark.django_db
def test_overview_page_is_served_at_both_addresses(client, pages):
    for address in ["/", "/educate/professional-development"]:
        response = client.get(address)
        assert response.status_code == 200
        assert response.context["page"].url == "/"
        assert '<link rel="canonical" href="http://127.0.0.1:8000/">' in response.content.decode()
