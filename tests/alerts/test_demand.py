import csv
import io

import pytest
from django.contrib.auth.models import Permission, User

from alerts.demand import demand, safe_cell
from alerts.models import Alert
from workshops import geo

from .factories import make_alert, make_workshop

pytestmark = pytest.mark.django_db

URL = "/admin/alerts/demand/"


@pytest.fixture
def known_alerts():
    """4 in Anchorage (none served), 2 in Springfield IL (by city), 1 in Denver, 3 in Chicago
    (a workshop nearby); pending and unsubscribed alerts do not count."""
    for n, where in enumerate(["99501", "99503", "99501", "99503"]):
        make_alert(email=f"ak{n}@example.org", where=where, distance=100)
    make_alert(email="s1@example.org", where="Springfield, IL", distance=25)
    make_alert(email="s2@example.org", where="Springfield, IL", distance=50)
    make_alert(email="co@example.org", where="80202", distance=50)
    for n, where in enumerate(["60601", "60614", "60616"]):
        make_alert(email=f"chi{n}@example.org", where=where, distance=10)
    make_alert(email="p@example.org", where="99501", status="pending")
    make_alert(email="u@example.org", where="80202", status="unsubscribed")
    return make_workshop(zip_code="60614")


def test_grouping_and_order(known_alerts):
    areas, states = demand()
    assert [(a.label, a.state, a.count, a.distance_asked, a.unserved) for a in areas] == [
        ("ZIP 995xx (Anchorage)", "AK", 4, 100, True),
        ("Springfield, IL", "IL", 2, 50, True),
        ("ZIP 802xx (Denver)", "CO", 1, 50, True),
        ("ZIP 606xx (Chicago)", "IL", 3, 10, False),
    ]
    chicago = areas[3]
    lat = sum(geo.lookup_zip(z).latitude for z in ["60601", "60614", "60616"]) / 3
    lng = sum(geo.lookup_zip(z).longitude for z in ["60601", "60614", "60616"]) / 3
    assert chicago.nearest == pytest.approx(geo.distance_miles(lat, lng, 41.9229, -87.6483))
    assert chicago.nearest_workshop == "Chicago, IL"
    assert round(areas[1].nearest) == 181
    assert [(s.state, s.count, s.unserved, s.areas) for s in states] == [
        ("AK", 4, 4, 1),
        ("IL", 5, 2, 2),
        ("CO", 1, 1, 1),
    ]


def test_with_no_upcoming_workshop_every_area_is_unserved(known_alerts):
    known_alerts.delete()
    areas, _ = demand()
    assert [(a.label, a.nearest) for a in areas] == [
        ("ZIP 995xx (Anchorage)", None),
        ("ZIP 606xx (Chicago)", None),
        ("Springfield, IL", None),
        ("ZIP 802xx (Denver)", None),
    ]


def test_the_admin_page_shows_the_groups_in_order(
    admin_client, known_alerts, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = admin_client.get(URL)
    assert response.status_code == 200
    assert [a.label for a in response.context["areas"]] == [
        "ZIP 995xx (Anchorage)",
        "Springfield, IL",
        "ZIP 802xx (Denver)",
        "ZIP 606xx (Chicago)",
    ]
    html = response.content.decode()
    assert "<strong>10</strong> confirmed alerts;" in html
    assert '<strong class="demand-unserved">7</strong> of them' in html
    assert '<meter min="0" max="4" value="3">3 of 4</meter>' in html
    assert '<text x="0" y="16">Alaska</text>' in html
    # Illinois (5 alerts) is the longest bar; 2 of its 5 are unserved.
    assert '<rect class="bar-all" x="110" y="0" width="304" height="22"></rect>' in html
    assert '<rect class="bar-unserved" x="110" y="0" width="304" height="22"></rect>' in html
    assert '<rect class="bar-all" x="110" y="28" width="380" height="22"></rect>' in html
    assert '<rect class="bar-unserved" x="110" y="28" width="152" height="22"></rect>' in html
    assert 'style="' not in html.split('id="content-main"')[1]


def test_the_csv_export(admin_client, known_alerts):
    response = admin_client.get(URL + "?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="alert-demand-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    chicago_miles = str(round(demand()[0][3].nearest))
    assert rows == [
        [
            "State",
            "Area",
            "Confirmed alerts",
            "Largest distance asked (miles)",
            "Nearest upcoming workshop (miles)",
            "Nearest workshop",
            "Unserved",
        ],
        ["AK", "ZIP 995xx (Anchorage)", "4", "100", "2846", "Chicago, IL", "yes"],
        ["IL", "Springfield, IL", "2", "50", "181", "Chicago, IL", "yes"],
        ["CO", "ZIP 802xx (Denver)", "1", "50", "917", "Chicago, IL", "yes"],
        ["IL", "ZIP 606xx (Chicago)", "3", "10", chicago_miles, "Chicago, IL", "no"],
    ]


def test_csv_cells_that_look_like_formulas_are_neutralised(admin_client):
    alert = make_alert(where="Springfield, IL")
    Alert.objects.filter(pk=alert.pk).update(city="=HYPERLINK(1)", state="IL")
    rows = list(csv.reader(io.StringIO(admin_client.get(URL + "?format=csv").content.decode())))
    assert rows[1][1] == "'=HYPERLINK(1), IL"
    assert [safe_cell(v) for v in ["+1", "-1", "@a", "ok", 5]] == ["'+1", "'-1", "'@a", "ok", 5]


def test_only_staff_who_may_view_alerts_see_it(client, known_alerts):
    user = User.objects.create_user("staff", "s@example.org", "pw", is_staff=True)
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert client.get(URL + "?format=csv").status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_alert"))
    user = User.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(URL).status_code == 200
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_alert_admin_lists_alerts_and_their_notices(
    admin_client, django_assert_max_num_queries
):
    for n in range(30):
        make_alert(email=f"t{n}@example.org", where="60601")
    alert = Alert.objects.order_by("pk").first()
    workshop = make_workshop(zip_code="60614", title="Told about")
    alert.notices.create(workshop=workshop)
    with django_assert_max_num_queries(10):
        response = admin_client.get("/admin/alerts/alert/")
    assert response.context["cl"].result_count == 30
    response = admin_client.get(f"/admin/alerts/alert/{alert.pk}/change/")
    assert "Told about - Chicago, IL - Feb 10, 2027" in response.content.decode()
    response = admin_client.post(
        "/admin/alerts/alert/",
        {"action": "unsubscribe_selected", "_selected_action": [alert.pk]},
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.status == "unsubscribed"


def test_the_admin_page_has_the_finders_map_of_the_areas(admin_client, known_alerts):
    response = admin_client.get(URL)
    data = response.context["map"]
    assert [(pin["name"], pin["count"], pin["unserved"]) for pin in data["locations"]] == [
        ("4 confirmed alerts in ZIP 995xx (Anchorage), no workshop within reach", 4, True),
        ("2 confirmed alerts in Springfield, IL, no workshop within reach", 2, True),
        ("1 confirmed alert in ZIP 802xx (Denver), no workshop within reach", 1, True),
        ("3 confirmed alerts in ZIP 606xx (Chicago)", 3, False),
    ]
    assert (data["view"], data["cluster_name"]) == ("us", "{count} confirmed alerts near here")
    content = response.content.decode()
    assert (
        '<div id="finder-map" class="finder-map" role="region" aria-label="Map of confirmed alerts"'
        in content
    )
    assert '<script src="/static/js/finder-map.js" defer></script>' in content
