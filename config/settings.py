"""Settings, all from the environment (django-environ).

Two shapes from the same code:
- embedded default: no DATABASE_URL -> SQLite file `db.sqlite3`; no REDIS_URL ->
  Celery runs tasks eagerly in-process and the cache is local memory.
- production: DATABASE_URL (PostgreSQL), REDIS_URL (broker, results, cache),
  SECRET_KEY, ALLOWED_HOSTS, DEBUG=false.
"""

import datetime as dt
import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost", "[::1]"]),
    TIME_ZONE=(str, "Asia/Ho_Chi_Minh"),
    LANGUAGE_CODE=(str, "vi"),
    PERIOD_WINDOWS=(str, "decree"),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
# Without DEBUG the app refuses to start unless SECRET_KEY is set: a built-in key would let anyone forge
# sessions, password-reset links and signed import templates. `make run` sets DEBUG (the embedded shape
# keeps its development key); the test suite uses config.settings_test, which sets a key of its own.
# Commands that only read the code (migration checks, static files, catalogues) sign nothing: they run
# with a throwaway key. Every command that serves, runs tasks or writes data still needs SECRET_KEY.
KEYLESS_COMMANDS = {"makemigrations", "check", "showmigrations", "sqlmigrate", "collectstatic",
                    "compilemessages", "makemessages"}
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY and not DEBUG and len(sys.argv) > 1 and Path(sys.argv[0]).name == "manage.py" \
        and sys.argv[1] in KEYLESS_COMMANDS:
    SECRET_KEY = get_random_secret_key()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or .env) to a long random value; "
            "only DEBUG=true (make run) may start without it."
        )
    SECRET_KEY = "django-insecure-dev-only-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses sign-ins while an account or address is locked out
    "django.contrib.auth.backends.ModelBackend",
    "units.backends.StaffAdminBackend",  # admins are staff: they manage the product's data in the admin
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "config.apps.KnoxConfig",  # django-rest-knox, named in Vietnamese in the admin
    "config.apps.AxesConfig",  # django-axes, named in Vietnamese in the admin
    "csp",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "simple_history",
    "django_htmx",
    "units",
    "resolutions",
    "indicators",
    "reports",
]

MIDDLEWARE = [
    "config.language.LanguageMiddleware",  # first: Vietnamese unless the header's switch chose English (413s too)
    "config.security.RequestSizeLimitMiddleware",  # 413 before a byte of an oversized body is read
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "config.request_memo.RequestMemoMiddleware",  # memberships and cache generations read once per request
    "csp.middleware.CSPMiddleware",
    "config.security.NoStoreMiddleware",  # pages and API answers of signed-in users are never cached
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into the 429 page (units.logins)
]

ROOT_URLCONF = "config.urls"

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
                "indicators.context_processors.approval_queue",  # "Chờ duyệt (n)" in the menu
                "reports.notifications.context_processors.unread_notifications",  # the bell
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several writers (runserver threads, eager tasks) must wait, not fail.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    if "postgresql" in DATABASES["default"]["ENGINE"]:
        # PostgreSQL's JIT compiles the rollups' large CASE expressions on every call and
        # spends more time compiling (~400 ms) than running them (docs/performance.md).
        # work_mem: the rollups' sorts of ~80.000 rows stay in memory instead of spilling to disk.
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off -c work_mem=16MB")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env("LANGUAGE_CODE")
# Vietnamese by default whatever the browser asks for (an English Chromium on an office PC must not
# turn the pages English); English only for whoever picks it in the header (config/language.py). The
# names are each language's own, so they never need translating.
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files after `collectstatic` (the Docker image sets
    # STATIC_MANIFEST=true); plain finders otherwise, so a fresh clone and the
    # tests need no collectstatic step.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not env.bool("STATIC_MANIFEST", default=False)
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"  # never served directly: files go through access-checked views

# PDF of reports: LibreOffice converts the workbook or Word document in the worker (reports.documents.convert).
# Without the binary the PDF choice is hidden and the API refuses `"format": "pdf"`.
SOFFICE_BINARY = env("SOFFICE_BINARY", default="soffice")
SOFFICE_TIMEOUT = env.int("SOFFICE_TIMEOUT", default=180)  # seconds per conversion
CSRF_FAILURE_VIEW = "config.views.csrf_failure"  # a stale form: a Vietnamese page that says what to do

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Reporting windows: "decree" = Nghị định 09/2019/NĐ-CP (Q3 = 15/06–14/09),
# "calendar" = statistical regime (Q3 = 01/07–30/09).
PERIOD_WINDOWS = env("PERIOD_WINDOWS")

# --- Redis, Celery, cache -------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

if REDIS_URL:
    # A cache that does not answer is a miss, never an error (config.cache): short timeouts, then pages
    # compute their figures themselves until Redis is back.
    CACHES = {"default": {"BACKEND": "config.cache.PooledRedisCache", "LOCATION": REDIS_URL,
                          "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1}}}
else:
    # The embedded default is one process (runserver), so its memory is a shared cache.
    # Several processes (gunicorn workers) need REDIS_URL: a per-process cache would miss
    # other processes' writes.
    # MAX_ENTRIES: a province's dashboards keep a few thousand entries (one per indicator and quarter).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "OPTIONS": {"MAX_ENTRIES": 20000}}}
# Dashboard aggregates cached under data generations (indicators.figure_cache); 0 = off. On by
# default where the cache is shared by every process that writes: Redis, or the one process of
# `make run` (DEBUG). Several gunicorn workers without Redis would each keep a cache the others'
# writes do not invalidate, so there it stays off unless asked for.
FIGURE_CACHE_SECONDS = env.int("FIGURE_CACHE_SECONDS", default=600 if (REDIS_URL or DEBUG) else 0)
# Part of every figure cache key (indicators.figure_cache.code_version): empty = a hash of the source of
# the apps that compute figures, so a deploy with a changed formula never reads figures the old one cached.
FIGURE_CODE_VERSION = env("FIGURE_CODE_VERSION", default="")
# After a change that empties the province-wide figures (units, targets, a submission), a Celery
# job recomputes them before a reader has to (reports.dashboards.warmup). Needs a worker: on with REDIS_URL.
FIGURE_WARM_UP = env.bool("FIGURE_WARM_UP", default=bool(REDIS_URL))

# A broker that does not answer must fail a request fast (503), not hang it for Celery's retries.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2}
# Report runs beat while they compile; a run whose beat stopped for REPORT_STALE_SECONDS lost its worker
# (reports.runs.recovery.mark_stuck_runs: re-queued once, then failed).
REPORT_HEARTBEAT_SECONDS = env.int("REPORT_HEARTBEAT_SECONDS", default=15)
REPORT_STALE_SECONDS = env.int("REPORT_STALE_SECONDS", default=60)

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="cds-kpi@localhost")

# --- REST API -------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes "no credentials" a 401 (API.md), not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": True,
    "DEFAULT_PAGINATION_CLASS": "config.api.Pagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    # Every user's API requests at API_USER_RATE (units.logins.UserRateThrottle); failed sign-ins: axes (below).
    "DEFAULT_THROTTLE_CLASSES": ["units.logins.UserRateThrottle"],
}
API_USER_RATE = env("API_USER_RATE", default="1200/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "API theo dõi chỉ tiêu chuyển đổi số",
    "VERSION": "1.0.0",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],  # /api/schema/, /api/docs/: signed in
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "config.api.document_errors"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a field called "kind": name each choice set after its meaning.
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "units.models.UnitKind",
        "SuccessionKindEnum": "units.models.SuccessionKind",
        "PeriodKindEnum": "indicators.models.PeriodKind",
        "ResolutionKindEnum": "resolutions.models.ResolutionKind",
        "SupervisionKindEnum": "resolutions.models.SupervisionKind",
        "FindingKindEnum": "resolutions.models.FindingKind",
        "ReportKindEnum": "reports.models.ReportKind",
    },
}

# --- Sign-ins (django-axes, units.logins) ------------------------------------------------
# Failed sign-ins on every login (/dang-nhap/, /admin/login/, POST /api/v1/auth/token/) are counted per
# account (from any address) and per client address (any account), in the database (no cache needed).
# LOGIN_FAILURE_LIMIT failures of one account, or LOGIN_FAILURE_LIMIT_PER_ADDRESS from one address, lock
# it for LOGIN_LOCKOUT_MINUTES after the last counted failure (429 and a Vietnamese message with the wait).
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env.int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", default=20)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
# The client address is REMOTE_ADDR; X-Forwarded-For is read only when REMOTE_ADDR is one of these
# proxies (addresses or networks, comma-separated), and then its right-most address not in the list.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
AXES_HANDLER = "units.logins.AxesHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = dt.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the wait the message gives is the wait
AXES_RESET_ON_SUCCESS = False  # a sign-in of one's own account must not wipe the address's count
AXES_CLIENT_IP_CALLABLE = "units.logins.client_ip"
AXES_USERNAME_CALLABLE = "units.logins.attempted_username"
AXES_LOCKOUT_CALLABLE = "units.logins.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # failures are what is kept; successful sign-ins are not logged twice
AXES_VERBOSE = False
# API tokens (django-rest-knox): stored hashed, several per user (one per device or script), each expiring
# API_TOKEN_HOURS after it was issued; a password change revokes them all; owners list and revoke theirs
# (/tai-khoan/token/, /api/v1/auth/tokens/).
API_TOKEN_HOURS = env.int("API_TOKEN_HOURS", default=24 * 30)
API_TOKEN_LIMIT = 20  # per user: issuing one more revokes the oldest
REST_KNOX = {"TOKEN_TTL": dt.timedelta(hours=API_TOKEN_HOURS), "AUTH_HEADER_PREFIX": "Token"}

# --- Uploads and request sizes ------------------------------------------------------------------
# An Excel upload is refused above IMPORT_MAX_BYTES before it is read; a body above REQUEST_MAX_BYTES is
# refused before Django reads it (config.security); form and JSON bodies (no files) above
# DATA_UPLOAD_MAX_MEMORY_SIZE are refused by Django.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=100_000)
IMPORT_MAX_UNZIPPED_BYTES = env.int("IMPORT_MAX_UNZIPPED_BYTES", default=64 * 1024 * 1024)
IMPORT_MAX_ERRORS = env.int("IMPORT_MAX_ERRORS", default=200)
# Files larger than this are checked and imported by the Celery worker, with progress on the page
# (the API answers 202 and a status URL); smaller ones in the request, as before.
IMPORT_SYNC_MAX_BYTES = env.int("IMPORT_SYNC_MAX_BYTES", default=256 * 1024)
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=IMPORT_MAX_BYTES + 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads are spooled to a temporary file, not kept in memory
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000  # the children grid posts a few fields per unit

# --- Content-Security-Policy (django-csp) -------------------------------------------------------
# Everything is served from this site: no inline script (static/js/), no CDN. Inline style *attributes*
# (the width of a progress bar) are allowed; <style> elements and styles from elsewhere are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Production hardening --------------------------------------------------
# HTTPS=true (behind a TLS-terminating proxy) switches on what
# `manage.py check --deploy` asks for. Off by default so the embedded shape
# and the test suite work over plain http on loopback.
if env.bool("HTTPS", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
