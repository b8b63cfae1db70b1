"""Settings, all from the environment (django-environ).

Two shapes from the same code:
- embedded default: no DATABASE_URL -> SQLite file `db.sqlite3`; no REDIS_URL ->
  Celery runs tasks eagerly in-process and the cache is local memory.
- production: DATABASE_URL (PostgreSQL), REDIS_URL (broker, results, cache),
  SECRET_KEY, ALLOWED_HOSTS, DEBUG=false.
"""

from pathlib import Path

import environ

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
# The default key is for the embedded shape only; `check --deploy` flags it.
SECRET_KEY = env("SECRET_KEY", default="django-insecure-dev-only-key-set-SECRET_KEY-in-production")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

AUTHENTICATION_BACKENDS = [
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
    "rest_framework.authtoken",
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
                "reports.context_processors.unread_notifications",  # the bell
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
# One language for everyone: the product is Vietnamese whatever the browser asks for
# (an English Chromium on an office PC must not turn the admin English).
LANGUAGES = [("vi", "Tiếng Việt")]
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
    CACHES = {"default": {"BACKEND": "config.cache.PooledRedisCache", "LOCATION": REDIS_URL}}
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
# After a change that empties the province-wide figures (units, targets, a submission), a Celery
# job recomputes them before a reader has to (reports.warmup). Needs a worker: on with REDIS_URL.
FIGURE_WARM_UP = env.bool("FIGURE_WARM_UP", default=bool(REDIS_URL))

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="cds-kpi@localhost")

# --- REST API -------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes "no credentials" a 401 (API.md), not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": True,
    "DEFAULT_PAGINATION_CLASS": "config.api.Pagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    # Failed sign-ins to POST /api/v1/auth/token/ (units.api.LoginFailureThrottle):
    # per username + IP, and per IP whatever the username (password spraying).
    "DEFAULT_THROTTLE_RATES": {"login_failures": "5/min", "login_failures_ip": "20/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API theo dõi chỉ tiêu chuyển đổi số",
    "VERSION": "1.0.0",
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

# --- Production hardening --------------------------------------------------
# HTTPS=true (behind a TLS-terminating proxy) switches on what
# `manage.py check --deploy` asks for. Off by default so the embedded shape
# and the test suite work over plain http on loopback.
if env.bool("HTTPS", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
