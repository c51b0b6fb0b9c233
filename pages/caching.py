"""The version of the staff-written pages: part of the key of their cached HTML.

Saving or deleting a page (admin, ``load_pages``) makes a new version through the model signals
connected in ``pages.apps``, so an edit shows at the next request."""

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "pages:version"


def version():
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)
        token = cache.get(VERSION_KEY) or "none"
    return token


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)


def bump_version(**_signal_kwargs):
    """A new version now, and again once the transaction commits (a request in between could
    have cached the page as it was under the first new version)."""
    _new_version()
    transaction.on_commit(_new_version)
