"""Survey retention: after the personal-data period the link stops working and the comments
(free text, which may name someone) are removed; the ratings stay for the figures."""

from django.db.models import Q

from pdsite.tokens import new_token

from .models import Response

PURGED = "purged-"  # a cleared survey's token starts with this (its link no longer works)


def purge_responses(cutoff, dry_run=False):
    rows = Response.objects.filter(enrollment__workshop__ends_at__lt=cutoff).exclude(
        Q(worked="") & Q(improve="") & Q(token__startswith=PURGED)
    )
    count = rows.count()
    if not dry_run:
        for pk in list(rows.values_list("pk", flat=True)):
            Response.objects.filter(pk=pk).update(worked="", improve="", token=PURGED + new_token())
    return {"survey answers cleared": count}
