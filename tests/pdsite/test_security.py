"""Security headers, cookies, the admin and its lockout (hostile-input issue).

Headers under the real production settings are checked in a subprocess started with
``DJANGO_ENV=production`` (settings are read at import, so they cannot be switched in-process);
everything else runs in-process.
"""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from tests.public_pages import page_params

PRODUCTION_SECRET = "production-like-test-key-" + "x" * 40
ADMIN_PASSWORD = "a-long-staff-password-1234"

# Runs inside the production process: requests through Django's test client behind an HTTPS
# proxy (X-Forwarded-Proto), answers as JSON on the last line of stdout.
_PRODUCTION_PROBE = """
import json
import django
django.setup()
from django.core.management import call_command
from django.test import Client, override_settings
from django.contrib.auth.models import User

call_command("migrate", verbosity=0)
call_command("load_pages", verbosity=0)
User.objects.create_user("staff", password=%(password)r, is_staff=True, is_superuser=True)

def record(response):
    return {
        "status": response.status_code,
        "headers": dict(response.headers),
        "cookies": {
            name: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"]),
                   "samesite": m["samesite"]}
            for name, m in response.cookies.items()
        },
        "body": response.content.decode(),
    }

# Production serves hashed static names from collectstatic's manifest; these pages are
# rendered without running collectstatic, so plain static names are used here.
plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={**__import__("django.conf").conf.settings.STORAGES,
                                 "staticfiles": plain}):
    https = Client(headers={"X-Forwarded-Proto": "https"})
    out = {
        "overview": record(https.get("/")),
        "plain_http": record(Client().get("/k5")),
        "admin_login": record(https.get("/back-office/login/")),
        "default_admin": record(https.get("/admin/login/")),
        "robots": record(https.get("/robots.txt")),
        "login": record(https.post("/back-office/login/?next=/back-office/",
                                   {"username": "staff", "password": %(password)r})),
    }
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """Responses of a process running the production settings, with ADMIN_URL=back-office."""
    folder = tmp_path_factory.mktemp("production")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECURE_SSL_REDIRECT"}
    }
    env.update(
        DJANGO_ENV="production",
        DJANGO_SETTINGS_MODULE="pdsite.settings",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="testserver",
        ADMIN_URL="back-office",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        LOG_LEVEL="ERROR",
    )
    result = subprocess.run(
        [sys.executable, "-c", _PRODUCTION_PROBE % {"password": ADMIN_PASSWORD}],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def csp_directives(header):
    """{'script-src': ["'self'", "'nonce-...'"], ...} from a Content-Security-Policy header."""
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


# Production headers and cookies ----------------------------------------------------------------
def test_production_sends_hsts_and_the_other_security_headers(production):
    headers = production["overview"]["headers"]
    assert production["overview"]["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Permissions-Policy"] == (
        "geolocation=(self), camera=(), microphone=(), payment=(), usb=()"
    )
    directives = csp_directives(headers["Content-Security-Policy"])
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "unsafe-eval" not in headers["Content-Security-Policy"]


def test_production_redirects_plain_http_to_https(production):
    assert production["plain_http"]["status"] == 301
    assert production["plain_http"]["headers"]["Location"] == "https://testserver/k5"


def test_production_cookies_are_secure_and_http_only(production):
    csrf = production["admin_login"]["cookies"]["csrftoken"]
    assert csrf == {"secure": True, "httponly": True, "samesite": "Lax"}
    login = production["login"]
    assert login["status"] == 302
    assert login["headers"]["Location"] == "/back-office/"
    assert login["cookies"]["sessionid"] == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_admin_address_comes_from_admin_url(production):
    assert production["admin_login"]["status"] == 200
    assert 'action="/back-office/login/"' in production["admin_login"]["body"]
    assert production["default_admin"]["status"] == 404
    assert production["robots"]["body"].splitlines()[1] == "Disallow: /back-office/"


def test_no_admin_link_or_address_on_public_pages(production):
    assert "back-office" not in production["overview"]["body"]


# Content-Security-Policy on every public page ---------------------------------------------------
DATA_BLOCK = re.compile(r'\btype="application/(?:ld\+)?json"')


@pytest.mark.django_db
@pytest.mark.parametrize("public_page", page_params())
def test_page_keeps_to_the_strict_csp(client, pages, public_page):
    path = public_page.resolve()
    public_page.sign_in(client)
    response = client.get(path)
    assert response.status_code == public_page.status
    header = response.headers["Content-Security-Policy"]
    directives = csp_directives(header)
    assert "'unsafe-inline'" not in header
    assert directives["script-src"][0] == "'self'"
    assert directives["style-src"][0] == "'self'"
    html = response.content.decode()
    nonces = re.findall(r"'nonce-([^']+)'", header)
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", html):
        if "src=" in tag or DATA_BLOCK.search(tag):
            # A JSON data block is never run, so the CSP does not apply to it (and without a
            # nonce its page can be cached for every visitor).
            continue
        assert nonces, f"{path}: inline {tag} but no nonce in the CSP header"
        assert f'nonce="{nonces[0]}"' in tag, f"{path}: inline {tag} lacks the page's nonce"
    assert not re.search(r"\sstyle=", html), f"{path}: a style attribute (blocked by the CSP)"
    assert not re.search(r"\son[a-z]+=", html), f"{path}: an inline event handler"
    assert "javascript:" not in html


def test_csp_nonce_is_fresh_per_response_and_in_the_header():
    """A view that uses ``request.csp_nonce`` gets that nonce allowed, and only for itself."""
    from csp.middleware import CSPMiddleware

    seen = []

    def view(request):
        seen.append(str(request.csp_nonce))
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    middleware = CSPMiddleware(view)
    headers = [
        middleware(RequestFactory().get("/")).headers["Content-Security-Policy"] for _ in range(2)
    ]
    assert seen[0] != seen[1]
    assert len(seen[0]) >= 16
    for nonce, header in zip(seen, headers, strict=True):
        assert csp_directives(header)["script-src"] == ["'self'", f"'nonce-{nonce}'"]


# The admin --------------------------------------------------------------------------------------
LOGIN = "/" + settings.ADMIN_URL + "login/"


def login_attempt(client, password, address="203.0.113.7", username="staff"):
    return client.post(
        LOGIN + "?next=/" + settings.ADMIN_URL,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def staff(db):
    return User.objects.create_user("staff", password=ADMIN_PASSWORD, is_staff=True)


def test_five_failed_logins_lock_out_that_user_from_that_address(client, staff):
    from axes.models import AccessAttempt

    statuses = [login_attempt(client, "wrong password").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "staff",
        "203.0.113.7",
        5,
    )

    response = login_attempt(client, ADMIN_PASSWORD)
    assert response.status_code == 429
    assert "Account locked: too many login attempts." in response.content.decode()
    assert "_auth_user_id" not in client.session

    # The lockout is per user and address: the same user elsewhere still gets in.
    response = login_attempt(client, ADMIN_PASSWORD, address="198.51.100.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_four_failed_logins_do_not_lock_out(client, staff):
    for _ in range(4):
        assert login_attempt(client, "wrong password").status_code == 200
    response = login_attempt(client, ADMIN_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_staff_without_permissions_sees_and_opens_nothing(client, staff):
    client.force_login(staff)
    index = client.get("/" + settings.ADMIN_URL)
    assert index.status_code == 200
    assert index.context["app_list"] == []
    assert admin.site._registry, "no models registered in the admin"
    for model in admin.site._registry:
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist).status_code == 403, changelist
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        assert client.get(add).status_code == 403, add


def test_visitors_and_non_staff_are_sent_to_the_admin_login(client, db):
    index = "/" + settings.ADMIN_URL
    assert client.get(index).headers["Location"] == f"{LOGIN}?next={index}"
    teacher = User.objects.create_user("teacher", password=ADMIN_PASSWORD)
    client.force_login(teacher)
    assert client.get(index).headers["Location"] == f"{LOGIN}?next={index}"


def test_behind_one_proxy_the_lockout_keys_on_the_forwarded_address(client, staff, settings):
    """Behind one proxy every request comes from the proxy's address: the lockout must key on
    the visitor's (the proxy's entry in X-Forwarded-For), the same address the inquiry rate limit
    uses, and a visitor's own X-Forwarded-For entries must not dodge it."""
    from axes.models import AccessAttempt

    settings.TRUSTED_PROXY_COUNT = 1

    def attempt(password, forwarded):
        return client.post(
            LOGIN + "?next=/" + settings.ADMIN_URL,
            {"username": "staff", "password": password},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    forged = ["203.0.113.7", "1.2.3.4, 203.0.113.7", "5.6.7.8, 203.0.113.7", "9.9.9.9, 203.0.113.7"]
    assert [attempt("wrong password", f).status_code for f in forged] == [200, 200, 200, 200]
    assert attempt("wrong password", "4.4.4.4, 203.0.113.7").status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [
        ("203.0.113.7", 5)
    ]
    assert attempt(ADMIN_PASSWORD, "1.1.1.1, 203.0.113.7").status_code == 429
    # Another visitor behind the same proxy is not locked out.
    response = attempt(ADMIN_PASSWORD, "198.51.100.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
