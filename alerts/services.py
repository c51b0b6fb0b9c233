"""Workshop alerts: subscribe (double opt-in), confirm, unsubscribe, and tell subscribers about
newly published workshops near them.

Contract for the workshop admin and the CSV import: after staff publish workshops, call
``notify_new_workshops(workshops)`` (inside or outside a transaction; emails go after the
commit). It is idempotent: a subscriber is never told twice about the same workshop.
"""

import datetime
from collections import defaultdict
from email.utils import parseaddr
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from outbox.services import queue_email
from workshops.geo import Place
from workshops.models import Workshop

from .models import Alert, AlertNotice

# A digest lists this many workshops, then says how many more there are.
DIGEST_LIMIT = 20
# The confirmation email is re-sent at most this often for one alert (seconds).
RESEND_INTERVAL = 300


def unsubscribe_headers(alert: Alert) -> dict[str, str]:
    """RFC 2369 / RFC 8058 headers: mail apps show their own one-click "Unsubscribe"."""
    url = settings.SITE_URL + alert.get_unsubscribe_url()
    mailbox = (
        getattr(settings, "ALERTS_UNSUBSCRIBE_EMAIL", "")
        or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    )
    return {
        "List-Unsubscribe": f"<{url}>, <mailto:{mailbox}?subject=unsubscribe%20{alert.token}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def finder_url(alert: Alert) -> str:
    query = urlencode({"q": alert.search_query, "distance": alert.distance_miles})
    return f"{settings.SITE_URL}{reverse('workshops:finder')}?{query}"


def _queue(alert: Alert, *, template: str, kind: str, **extra) -> None:
    """Queue one email to the alert's teacher, in their language, with links to the pages in
    that language."""
    with translation.override(alert.language):
        context = {
            "alert": alert,
            "confirm_url": settings.SITE_URL + alert.get_absolute_url(),
            "unsubscribe_url": settings.SITE_URL + alert.get_unsubscribe_url(),
            "finder_url": finder_url(alert),
            "SITE_NAME": settings.SITE_NAME,
            "SITE_URL": settings.SITE_URL,
            **extra,
        }
        headers = unsubscribe_headers(alert)
    return queue_email(
        to=[alert.email],
        template=template,
        context=context,
        kind=kind,
        related=alert,
        headers=headers,
        language=alert.language,
    )


def _send_confirmation(alert: Alert) -> None:
    _queue(alert, template="alert_confirm", kind="alert-confirmation")


def subscribe(*, email: str, place: Place, distance_miles: int) -> Alert:
    """Ask for an alert: a pending Alert and a confirmation email with the confirm link.

    Asking again for the same email and place re-sends the confirmation (at most once per
    ``RESEND_INTERVAL``) instead of adding a second alert. Returns the Alert."""
    fields = {
        "latitude": place.latitude,
        "longitude": place.longitude,
        "zip_code": place.zip_code,
        "city": place.city,
        "state": place.state,
        "distance_miles": distance_miles,
    }
    try:
        with transaction.atomic():
            existing = (
                Alert.objects.active()
                .select_for_update()
                .filter(email__iexact=email, place_label=place.label)
                .first()
            )
            if existing is None:
                alert = Alert.objects.create(email=email, place_label=place.label, **fields)
                _send_confirmation(alert)
                return alert
            if existing.status == Alert.Status.PENDING:
                # Not confirmed yet: the latest answer wins (it is confirmed by the same link).
                existing.distance_miles = distance_miles
                existing.save(update_fields=["distance_miles"])
            if cache.add(f"alerts:resend:{existing.pk}", 1, RESEND_INTERVAL):
                if existing.status == Alert.Status.PENDING:
                    _send_confirmation(existing)
                else:
                    _queue(existing, template="alert_already", kind="alert-already-confirmed")
            return existing
    except IntegrityError:
        # Two identical requests at once: the other one created the alert and its email.
        return Alert.objects.active().get(email__iexact=email, place_label=place.label)


def confirm(alert: Alert) -> bool:
    """Confirm a pending alert (the POST from the confirmation page). Returns True if it
    changed."""
    updated = Alert.objects.filter(pk=alert.pk, status=Alert.Status.PENDING).update(
        status=Alert.Status.CONFIRMED, confirmed_at=timezone.now()
    )
    alert.refresh_from_db()
    return bool(updated)


def unsubscribe(alert: Alert) -> bool:
    """Stop an alert (pending or confirmed). Returns True if it changed."""
    updated = (
        Alert.objects.active()
        .filter(pk=alert.pk)
        .update(status=Alert.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    )
    alert.refresh_from_db()
    return bool(updated)


def notify_new_workshops(workshops: list[Workshop], *, now: datetime.datetime | None = None) -> int:
    """Email every confirmed alert within reach of these newly published workshops.

    Only published, upcoming workshops count (drafts, cancelled and past ones are skipped).
    Each alert gets ONE email listing all its new workshops (a digest when there are several),
    and an ``AlertNotice`` per (alert, workshop), so calling this again sends nothing more.
    The alert rows are locked while notices are written, so two calls at once (the admin and
    the cron safety net) never email anyone twice. Emails are queued in the same transaction
    and sent after the commit; a failed send is retried by ``send_pending_notifications``.

    Returns the number of emails queued."""
    pks = [workshop.pk for workshop in workshops]
    if not pks:
        return 0
    with transaction.atomic():
        fresh = list(Workshop.objects.upcoming(now).filter(pk__in=pks).select_related("course"))
        matches = defaultdict(list)
        for workshop in fresh:
            # One query per workshop: workshops are few per call, alerts are many.
            nearby = (
                Alert.objects.confirmed()
                .wanting(workshop.latitude, workshop.longitude)
                .values_list("pk", "distance")
            )
            for alert_pk, distance in nearby:
                matches[alert_pk].append((workshop, distance))
        if not matches:
            return 0
        alerts = list(
            Alert.objects.select_for_update()
            .filter(pk__in=list(matches), status=Alert.Status.CONFIRMED)
            .order_by("pk")
        )
        told = set(
            AlertNotice.objects.filter(
                alert__in=[alert.pk for alert in alerts], workshop__in=[w.pk for w in fresh]
            ).values_list("alert_id", "workshop_id")
        )
        notices = []
        queued = 0
        for alert in alerts:
            new = [
                (workshop, distance)
                for workshop, distance in matches[alert.pk]
                if (alert.pk, workshop.pk) not in told
            ]
            if not new:
                continue
            new.sort(key=lambda pair: (pair[0].starts_at, pair[1], pair[0].pk))
            notices.extend(AlertNotice(alert=alert, workshop=workshop) for workshop, _ in new)
            items = [
                {"workshop": workshop, "distance": round(distance)}
                for workshop, distance in new[:DIGEST_LIMIT]
            ]
            _queue(
                alert,
                template="alert_workshops",
                kind="workshop-alert",
                items=items,
                total=len(new),
                more=len(new) - len(items),
            )
            queued += 1
        AlertNotice.objects.bulk_create(notices)
    return queued
