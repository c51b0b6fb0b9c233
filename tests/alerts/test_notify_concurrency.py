import threading

import pytest
from django.core import mail
from django.db import connections

from alerts.models import AlertNotice
from alerts.services import notify_new_workshops

from .factories import make_alert, make_workshop


@pytest.mark.django_db(transaction=True)
def test_two_notify_calls_at_once_email_each_subscriber_once():
    """The admin and the cron safety net racing: the alert rows are locked, so one call sends
    and the other finds the notices already written."""
    for n in range(5):
        make_alert(email=f"t{n}@example.org", where="60601", distance=25)
    workshops = [make_workshop(zip_code="60614") for _ in range(3)]
    barrier = threading.Barrier(2)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(notify_new_workshops(workshops))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 5]
    assert AlertNotice.objects.count() == 15
    assert sorted(m.to[0] for m in mail.outbox) == [f"t{n}@example.org" for n in range(5)]
