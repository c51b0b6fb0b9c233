"""The alerts list in the admin: newest first, filtered by date without a date hierarchy, and
its first page read in order from an index whatever the number of alerts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alerts.models import Alert
from tests.query_plans import query_plan

from .factories import make_alert

pytestmark = pytest.mark.django_db

ALERTS = reverse("admin:alerts_alert_changelist")


def emails(response):
    return [alert.email for alert in response.context["cl"].result_list]


def test_alerts_are_listed_newest_first_and_filtered_by_date(admin_client):
    now = timezone.now()
    for email, days_ago in [
        ("old@example.org", 40),
        ("week@example.org", 3),
        ("new@example.org", 0),
    ]:
        alert = make_alert(email=email)
        Alert.objects.filter(pk=alert.pk).update(created_at=now - timedelta(days=days_ago))
    response = admin_client.get(ALERTS)
    assert emails(response) == ["new@example.org", "week@example.org", "old@example.org"]
    [spec] = [f for f in response.context["cl"].filter_specs if f.title == "created at"]
    links = {c["display"]: c["query_string"] for c in spec.choices(response.context["cl"])}
    assert emails(admin_client.get(ALERTS + links["Today"])) == ["new@example.org"]
    assert emails(admin_client.get(ALERTS + links["Past 7 days"])) == [
        "new@example.org",
        "week@example.org",
    ]


def test_the_list_reads_no_date_hierarchy_and_its_page_from_the_index(admin_client):
    template = make_alert(email="teacher@example.org")
    Alert.objects.bulk_create(
        Alert(**{**model_to_dict(template, exclude=["id"]), "email": f"t{n}@example.org"})
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    with CaptureQueriesContext(connection) as ctx:
        admin_client.get(ALERTS)
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert not [sql for sql in sqls if "DISTINCT" in sql]
    [sql] = [sql for sql in sqls if sql.startswith('SELECT "alerts_alert"."id"')]
    assert sql.endswith(
        'ORDER BY "alerts_alert"."created_at" DESC, "alerts_alert"."id" ASC LIMIT 100'
    )
    plan = query_plan(sql)
    if connection.vendor == "postgresql":
        assert "Index Scan using alert_created_idx" in plan, plan
        assert "Sort" not in plan, plan
    else:
        assert "SCAN alerts_alert USING INDEX alert_created_idx" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
