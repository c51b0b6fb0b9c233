"""Personal data retention for workshop alerts: see ``manage.py purge_personal_data``."""

from django.db.models import Q

from .models import Alert


def stale(cutoff):
    """Alerts unsubscribed before ``cutoff``, and alerts asked for before ``cutoff`` and never
    confirmed. Confirmed alerts stay: the teacher still wants them."""
    unsubscribed = Q(status=Alert.Status.UNSUBSCRIBED) & (
        Q(unsubscribed_at__lt=cutoff) | Q(unsubscribed_at__isnull=True, created_at__lt=cutoff)
    )
    never_confirmed = Q(status=Alert.Status.PENDING, created_at__lt=cutoff)
    return Alert.objects.filter(unsubscribed | never_confirmed)


def purge_alerts(cutoff, dry_run=False):
    """Delete unsubscribed and never-confirmed alerts older than ``cutoff`` (their notices go
    with them)."""
    alerts = stale(cutoff)
    count = alerts.count()
    if not dry_run:
        Alert.objects.filter(pk__in=list(alerts.values_list("pk", flat=True))).delete()
    return {"alerts deleted": count}
