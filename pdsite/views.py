import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe

from pdsite.links import site_url

logger = logging.getLogger(__name__)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        "Disallow: /professional-development-workshops/signup/",
        "Disallow: /es/professional-development-workshops/signup/",
        f"Sitemap: {site_url(request)}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


FAVICON = settings.BASE_DIR / "static" / "img" / "favicon.ico"


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """/favicon.ico, which browsers ask for on every page that names no icon (the admin, the
    feeds, error pages)."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")


@require_safe
@never_cache
def healthz(request):
    """Database and cache health for the load balancer: 200 when both answer, 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:
        logger.exception("healthz: database check failed")
        checks["database"] = "error"
    try:
        cache.set("healthz", "ok", 10)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error"
    except Exception:
        logger.exception("healthz: cache check failed")
        checks["cache"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


def bad_request(request, exception=None):
    """A request the site cannot read: too large (413), too many fields, or malformed (400)."""
    if isinstance(exception, RequestDataTooBig):
        status = 413
        problem = _(
            "What you sent is too large for us to read. Shorten the longest answers "
            "(a message of a few paragraphs is plenty) and send the form again."
        )
    elif isinstance(exception, TooManyFieldsSent):
        status = 400
        problem = _(
            "What you sent has far more answers than any of our forms asks for. Reload the "
            "form and fill it in again."
        )
    else:
        status = 400
        problem = _("We could not read what your browser sent. Reload the page and try again.")
    return render(request, "400.html", {"problem": problem}, status=status)


def csrf_failure(request, reason=""):
    """A form whose CSRF check failed (an old page, or cookies blocked): the site's own page."""
    return render(request, "403_csrf.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that could fail again: a plain render of a static template, in
    # the language of the address (whatever the failing code left active).
    from django.template import loader

    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        html = loader.get_template("500.html").render({"SITE_NAME": settings.SITE_NAME})
    return HttpResponse(html, status=500)


def bare(request):
    """The framework's ceiling for `make bench`: a short response, nothing else."""
    return HttpResponse("ok")


@require_safe
def privacy(request):
    """The privacy notice: what is kept and for how long (the periods are the settings')."""
    return render(
        request,
        "privacy.html",
        {
            "personal_years": round(settings.PERSONAL_DATA_RETENTION_DAYS / 365),
            "certificate_years": round(settings.CERTIFICATE_RETENTION_DAYS / 365),
        },
    )
