"""Wrong certificate numbers per client address, counted in Django's cache (shared by all
processes when it is Redis): after ``CERTIFICATE_GUESS_LIMIT`` wrong numbers in
``CERTIFICATE_GUESS_WINDOW`` seconds an address gets 429 for every number, so numbers cannot be
enumerated. Right numbers are not counted: a district checking many certificates is never
stopped."""

from django.conf import settings
from django.core.cache import cache


def _key(ip):
    return f"certificates:wrong:{ip}"


def too_many(ip):
    return (cache.get(_key(ip)) or 0) >= settings.CERTIFICATE_GUESS_LIMIT


def count_wrong(ip):
    key = _key(ip)
    cache.add(key, 0, timeout=settings.CERTIFICATE_GUESS_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=settings.CERTIFICATE_GUESS_WINDOW)
