"""The visitor's address, for everything that counts per visitor: the inquiry rate limit and
django-axes' login lockout (``AXES_CLIENT_IP_CALLABLE``). One function, so both trust the same
``TRUSTED_PROXY_COUNT`` proxies and no more."""

from django.conf import settings


def client_ip(request):
    """The visitor's address. Behind ``TRUSTED_PROXY_COUNT`` reverse proxies, the address the
    nearest trusted proxy saw: each proxy appends the address it was connected from, so entries
    before the last ``TRUSTED_PROXY_COUNT`` are the client's own claims and are not trusted."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
