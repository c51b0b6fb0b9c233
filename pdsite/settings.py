"""Settings for pdsite, read from the environment.

Development is the default (SQLite, console email, local-memory cache). ``DJANGO_ENV=production``
turns on the production checks: a real ``SECRET_KEY`` and ``ALLOWED_HOSTS`` are required, cookies
are secure, HSTS is on and email goes over SMTP. ``DATABASE_URL`` switches to PostgreSQL and
``REDIS_URL`` switches the cache to Redis in any environment.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

# pytest-django reads these settings before the root conftest can set DJANGO_ENV, so a pytest run
# is recognised here.
ENV = os.environ.get("DJANGO_ENV") or ("test" if "pytest" in sys.modules else "development")
PRODUCTION = ENV == "production"
TESTING = ENV == "test"


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if PRODUCTION:
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, comma-separated.")
else:
    SECRET_KEY = SECRET_KEY or "django-insecure-development-only-key-never-used-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "testserver"]

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Links built during a request start with the request's own address (pdsite.links), so a
# development server on another port links to itself. Off in production (SITE_URL is the
# public address) and in tests (which assert SITE_URL), unless set.
SITE_URL_FROM_REQUEST = env_bool("SITE_URL_FROM_REQUEST", default=ENV == "development")
SITE_NAME = os.environ.get("SITE_NAME", "CS Educators Alliance")
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
# A bare view at /bench/bare for `make bench` (the framework's own ceiling); off by default.
BENCHMARK_VIEWS = env_bool("BENCHMARK_VIEWS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "pdsite",
    "outbox",
    "pages",
    "workshops",
    "inquiries",
    "alerts",
    "attendance",
    "reminders",
    "facilitate",
    "certificates",
    "feedback",
]

MIDDLEWARE = [
    # First, so every response (redirects to HTTPS and static files too) carries the request id.
    "pdsite.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers anonymous requests for cached pages before the rest (pdsite.pagecache): below the
    # security headers and static files, above the session, CSRF, CSP and the views.
    # The language comes from the address alone (/es/... is Spanish, every other address English,
    # see pdsite.urls), so it is set before the page cache, which keys each page by it.
    "pdsite.middleware.AddressLanguageMiddleware",
    "pdsite.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "pdsite.middleware.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pdsite.urls"
WSGI_APPLICATION = "pdsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "pdsite.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and a writer work at once; IMMEDIATE takes the write lock at BEGIN,
    # so two sign-ups racing for the last seat queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    if TESTING:
        # A file, not the in-memory default, so that tests can race real concurrent
        # connections (sign-ups for the last seat) on SQLite as well as on PostgreSQL.
        DATABASES["default"]["TEST"] = {
            "NAME": os.environ.get("TEST_SQLITE_NAME", str(BASE_DIR / ".test-db.sqlite3"))
        }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Fails soft: while Redis is unreachable the site works without a cache (pdsite.redis_cache).
    REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.5"))  # seconds, per call
    CACHES = {
        "default": {
            "BACKEND": "pdsite.redis_cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "pdsite"),
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Each process's own copy of the pages it served (pdsite.pagecache): an entry is served only
# while the versions it was built from are current, so the copy is safe. About 20 KB an entry.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "2000"))},
}
# The parts of every page that change only with the language and the section (header, footer,
# the head's static links: `{% cache ... using="fragments" %}`), rendered once per process. They
# change only with the templates, which a deploy's restart reloads; in development (DEBUG) they
# are rendered each time, so an edited template shows at once.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends."
    + ("dummy.DummyCache" if DEBUG else "locmem.LocMemCache"),
    "LOCATION": "fragments",
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
# The lockout keys on the same visitor address as the inquiry rate limit (TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "pdsite.client_address.client_ip"

# "en", not "en-us": i18n_patterns leaves out the prefix only for exactly LANGUAGE_CODE.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times as the site writes them in each language (pdsite/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["pdsite.formats"]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", BASE_DIR / "node_modules" / "leaflet.markercluster" / "dist"),
    ("vendor/topojson-client", BASE_DIR / "node_modules" / "topojson-client" / "dist"),
    # The states' outlines, drawn under the tiles: the map shows where it is without them.
    ("vendor/us-atlas", BASE_DIR / "node_modules" / "us-atlas"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION or env_bool("MANIFEST_STATIC")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 31536000 if PRODUCTION else 0
# Outside production, serve static files straight from the source folders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: console in development, locmem in tests (pytest-django), SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CS Educators Alliance <pd@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Staff who receive district partnership inquiries.
INQUIRY_NOTIFY_EMAILS = env_list("INQUIRY_NOTIFY_EMAILS", "partnerships@example.org")
# Reminders (manage.py send_workshop_reminders): seat holders N days before, the waitlist once.
REMINDER_DAYS = [int(days) for days in env_list("REMINDER_DAYS", "7,1")]
WAITLIST_NOTE_DAYS = int(os.environ.get("WAITLIST_NOTE_DAYS", "3"))
# Inquiry spam defence, always on: a form sent sooner than this after it was shown is a script's.
INQUIRY_MIN_SECONDS = float(os.environ.get("INQUIRY_MIN_SECONDS", "3"))
# At most INQUIRY_RATE_LIMIT inquiries per client address per INQUIRY_RATE_WINDOW seconds.
INQUIRY_RATE_LIMIT = int(os.environ.get("INQUIRY_RATE_LIMIT", "5"))
INQUIRY_RATE_WINDOW = int(os.environ.get("INQUIRY_RATE_WINDOW", "3600"))
# Reverse proxies in front of the site that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# How long personal data is kept after a workshop ends or an inquiry is closed.
PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("PERSONAL_DATA_RETENTION_DAYS", "730"))

# Certificates are kept longer than other personal data: licences are renewed every 5 years.
CERTIFICATE_RETENTION_DAYS = int(os.environ.get("CERTIFICATE_RETENTION_DAYS", str(7 * 365 + 2)))
# Wrong certificate numbers one client address may try per window (seconds) before a 429.
CERTIFICATE_GUESS_LIMIT = int(os.environ.get("CERTIFICATE_GUESS_LIMIT", "20"))
CERTIFICATE_GUESS_WINDOW = int(os.environ.get("CERTIFICATE_GUESS_WINDOW", "3600"))
# The certificate's typeface (npm @expo-google-fonts/noto-serif, installed by `make install`):
# it covers Latin with every accent, Vietnamese included.
CERTIFICATE_FONT_DIR = BASE_DIR / "node_modules" / "@expo-google-fonts" / "noto-serif"

# Map tiles for the finder's map (the list never depends on the map).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors")

# Limits on what a visitor can send.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
# Too large or too many fields: pdsite.views.bad_request (413/400); a failed CSRF check:
CSRF_FAILURE_VIEW = "pdsite.views.csrf_failure"

# Security headers. Production turns on the HTTPS-only parts.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
PERMISSIONS_POLICY = "geolocation=(self), camera=(), microphone=(), payment=(), usb=()"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

_tile_origin = "https://*.tile.openstreetmap.org https://tile.openstreetmap.org"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *os.environ.get("CSP_IMG_SRC", _tile_origin).split()],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "pdsite.middleware.RequestIdFilter"}},
    "formatters": {
        "structured": {
            "format": "%(asctime)s level=%(levelname)s logger=%(name)s "
            "request_id=%(request_id)s %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "structured",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
