"""The address absolute links start with."""

from django.conf import settings


def site_url(request=None):
    """The site's address, without a trailing slash.

    In development it is the request's own address (``PORT=8200 make run`` links to port 8200,
    whatever ``SITE_URL`` says); elsewhere, and outside a request (emails from a command), it is
    ``settings.SITE_URL``: behind a proxy the request's host is not the public one."""
    if request is not None and settings.SITE_URL_FROM_REQUEST:
        return f"{request.scheme}://{request.get_host()}"
    return settings.SITE_URL
