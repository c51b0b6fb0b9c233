"""Facilitators and workshops they lead (``make_facilitator``, ``today_workshop``)."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from tests.workshops.conftest import make_enrollment, make_workshop  # noqa: F401

_counter = itertools.count(1)
PASSWORD = "a-long-facilitator-passphrase"


def make_facilitator(**kw):
    n = next(_counter)
    user = User.objects.create_user(
        username=kw.pop("username", f"facilitator{n}"),
        email=kw.pop("email", f"facilitator{n}@example.org"),
        password=PASSWORD,
        first_name=kw.pop("first_name", "Jordan"),
        last_name=kw.pop("last_name", f"Lee{n}"),
        **kw,
    )
    # get_or_create: a transactional test flushes the group its data migration made.
    user.groups.add(Group.objects.get_or_create(name="Facilitators")[0])
    return user


def make_today_workshop(facilitator=None, **kw):
    """A published workshop that started an hour ago and ends in five hours."""
    starts_at = timezone.now() - datetime.timedelta(hours=1)
    kw.setdefault("starts_at", starts_at)
    kw.setdefault("ends_at", kw["starts_at"] + datetime.timedelta(hours=6))
    workshop = make_workshop(**kw)
    if facilitator is not None:
        workshop.facilitators.add(facilitator)
    return workshop


@pytest.fixture
def facilitator(db):
    return make_facilitator()
