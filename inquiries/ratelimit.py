"""Inquiries per client address, counted in Django's cache (shared by all processes when the
cache is Redis). ``INQUIRY_RATE_LIMIT`` inquiries per ``INQUIRY_RATE_WINDOW`` seconds."""

from django.conf import settings
from django.core.cache import cache


def _key(ip):
    return f"inquiries:rate:{ip}"


def is_limited(ip):
    """True if ``ip`` has used up its inquiries for now (does not count as one)."""
    return (cache.get(_key(ip)) or 0) >= settings.INQUIRY_RATE_LIMIT


def hit(ip):
    """Count one inquiry from ``ip``. Returns False if it is over the limit (atomic: two
    processes cannot both take the last one)."""
    key = _key(ip)
    cache.add(key, 0, timeout=settings.INQUIRY_RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=settings.INQUIRY_RATE_WINDOW)
        count = 1
    return count <= settings.INQUIRY_RATE_LIMIT
