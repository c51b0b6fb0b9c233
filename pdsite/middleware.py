"""Site-wide middleware: a request id for every log line, the Permissions-Policy header, and the
page's language from its address."""

import contextvars
import logging
import re
import uuid

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

request_id_var = contextvars.ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Take the load balancer's X-Request-ID (when it looks sane) or make one; echo it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every log record: the current request's, or ``-`` outside one.

    Django logs 4xx/5xx responses after the middleware has finished; those records carry the
    request itself, which has its id."""

    def filter(self, record):
        request_id = request_id_var.get()
        if request_id == "-":
            request_id = getattr(getattr(record, "request", None), "request_id", "-")
        record.request_id = request_id
        return True


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class AddressLanguageMiddleware(LocaleMiddleware):
    """Django's ``LocaleMiddleware`` for a site whose address alone sets the language.

    With ``i18n_patterns(prefix_default_language=False)``, /es/... is Spanish and every other
    address English whatever the browser asks for; Django's middleware finds the same answer
    after reading the language cookie and Accept-Language, then adds ``Vary: Accept-Language``,
    which would only make shared caches keep one copy of each English page per browser
    language. Its other work, a redirect to a prefixed address, happens only when the default
    language is prefixed too: never here."""

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
