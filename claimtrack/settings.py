"""Settings read from the environment (12-factor). See README "Configuration"."""

import os
import sys
from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env (written by `make run` / `make install`) lets `manage.py` run as the README shows
# it, in any shell; the environment always wins. Tests never read it: pytest sets PYTEST_VERSION
# in its process and every process it starts, so a developer's stray .env cannot change a test.
if "PYTEST_VERSION" not in os.environ:
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-do-not-use-in-production")
else:
    # No default: a production deployment that forgets the key must fail loudly at start-up.
    SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "outbox",
    "accounts",
    "history",
    "actors",
    "articles",
    "claims",
]

# demo/ generates development data (load_demo, generate_demo). Like Zulip's zilencer it is not
# part of a production install: on in development (DEBUG) and in the test run, or when asked.
DEMO_APP = env.bool("CLAIMTRACK_DEMO", default=DEBUG or "pytest" in sys.modules)
if DEMO_APP:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    # First: /healthz/, /readyz/ answer before host validation, sessions and auth (claimtrack/health.py).
    "claimtrack.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Bodies sent to /api/ and /edit/ are decoded once, strictly, before any view (issue 14).
    "claimtrack.middleware.JSONBodyMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication, so that its 400 page shows the site's navigation.
    "claimtrack.middleware.NulInFormMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "claimtrack.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "claimtrack.urls"

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
                "accounts.context_processors.roles",
            ],
        },
    },
]

WSGI_APPLICATION = "claimtrack.wsgi.application"

# PostgreSQL is the database of record; SQLite only serves the zero-setup quick start.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A kept connection dies with a database restart; checking it before each request's first query
# replaces it instead of failing that request with a 500 (tests/integration/test_database_restart.py).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USING_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if USING_POSTGRES:
    # An unreachable server fails a request (and /readyz/) in seconds, not after the OS's minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# django-axes counts failed logins (login page and admin alike) before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Password guessing: after AXES_FAILURE_LIMIT wrong passwords for one username from one address,
# that pair is refused for the cool-off time (HTTP 429, templates/registration/locked_out.html).
# Keyed on username and address together, so nobody can lock a colleague out from elsewhere.
# Admins unlock in the admin site (Axes › Access attempts: delete) or `manage.py axes_reset_username NAME`.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Pages load scripts and styles from this site only; no inline script or style attribute anywhere.
CONTENT_SECURITY_POLICY = env(
    "CONTENT_SECURITY_POLICY",
    default="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'",
)
# Path prefixes that send no policy (say, a third-party API explorer); none by default.
CONTENT_SECURITY_POLICY_EXEMPT_PATHS = env.list("CONTENT_SECURITY_POLICY_EXEMPT_PATHS", default=[])

# --- claimtrack limits -------------------------------------------------------------------
# Articles larger than this are refused at every entry point (form, upload, URL, API, CLI).
CLAIMTRACK_MAX_ARTICLE_BYTES = env.int("CLAIMTRACK_MAX_ARTICLE_BYTES", default=2 * 1024 * 1024)
# Fetched pages carry markup around the text, so the download cap is larger than the text cap.
CLAIMTRACK_MAX_FETCH_BYTES = env.int("CLAIMTRACK_MAX_FETCH_BYTES", default=10 * 1024 * 1024)
CLAIMTRACK_FETCH_TIMEOUT = env.float("CLAIMTRACK_FETCH_TIMEOUT", default=10.0)
# The extraction function workers call (dotted path); tests and benchmarks point it elsewhere.
CLAIMTRACK_EXTRACTOR = env("CLAIMTRACK_EXTRACTOR", default="extraction.pipeline.extract")
# Threading statements across articles (claims.services.threading): candidates are statements
# of other articles published within this many days either side holding two of the statement's
# THREADING_TERMS rarest words (rarest in the stored statements, by the planner's statistics), the
# best THREADING_CANDIDATES of them by full-text rank; the matcher's thresholds
# decide which become links, and each statement keeps at most THREADING_LINKS_PER_STATEMENT new
# ones (its best), so one vague statement cannot chain unrelated threads together. Two, not one:
# an article threaded as it arrives meets each pair only from the later side, where re-threading
# meets it from both; with one link the arrival order loses pairs (docs/BENCHMARKS.md, Threads).
THREADING_WINDOW_DAYS = env.int("THREADING_WINDOW_DAYS", default=30)
THREADING_CANDIDATES = env.int("THREADING_CANDIDATES", default=20)
THREADING_TERMS = env.int("THREADING_TERMS", default=8)
# Unset: the matcher's own defaults (extraction.matching.Thresholds), tuned with the matcher.
THREADING_SIMILARITY = env.float("THREADING_SIMILARITY", default=None)
THREADING_CONFIDENCE = env.float("THREADING_CONFIDENCE", default=None)
THREADING_RESTATEMENT = env.float("THREADING_RESTATEMENT", default=None)
THREADING_LINKS_PER_STATEMENT = env.int("THREADING_LINKS_PER_STATEMENT", default=2)
# For tests only, which fetch from a server on 127.0.0.1: never enable it in a deployment, or
# any user who can ingest a URL can reach services listening on the server's loopback interface.
CLAIMTRACK_FETCH_ALLOW_LOOPBACK = False
# Request bodies (API JSON, form posts) beyond this are refused before parsing.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=4 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# --- Cache ------------------------------------------------------------------------------
# API throttle counters live here. Several gunicorn processes must share one cache, or each
# process enforces its own limit; compose points CACHE_URL at Redis (its own db: a cache clear
# must never flush the Celery broker's queues).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# --- Celery -------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
# The in-memory broker names a host so that kombu does not warn "No hostname was supplied" on
# every command of the quick start, which reads as if it were looking for a Redis.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Without a broker the quick start runs tasks in-process; with one, a worker does the work.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
# One message at a time per worker process: analysis tasks are long, and prefetching would
# strand queued articles behind a busy process while another sits idle.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_TASK_ACKS_LATE = False  # opted into per task, only where the task is idempotent
CELERY_TASK_REJECT_ON_WORKER_LOST = False
# A request that queues work waits at most about this long for an unreachable broker (seconds);
# the work itself is kept in the outbox (claimtrack/queueing.py) and sent when the broker is back.
CLAIMTRACK_BROKER_TIMEOUT = env.float("CLAIMTRACK_BROKER_TIMEOUT", default=2.0)
CELERY_BROKER_CONNECTION_TIMEOUT = CLAIMTRACK_BROKER_TIMEOUT
# Every worker runs a housekeeping loop (claimtrack/housekeeping.py) that calls these, each at
# most once per CLAIMTRACK_HOUSEKEEPING_INTERVAL seconds: no beat process to deploy or forget.
CLAIMTRACK_HOUSEKEEPING_INTERVAL = env.float("CLAIMTRACK_HOUSEKEEPING_INTERVAL", default=10.0)
CLAIMTRACK_HOUSEKEEPING = [
    "claimtrack.queueing.outbox_sweep",
    "claims.services.jobs.job_watchdog",
    "claims.services.sync_retention.sync_changes_prune",
]
# The sync feed (/api/v1/changes/) keeps an entry this many days once a later entry for the same
# row exists, and a tombstone this many days; the latest entry of a live row stays. A client
# that has not synced for longer is answered 410 and syncs again from the start. 0: keep all.
CLAIMTRACK_SYNC_RETENTION_DAYS = env.int("CLAIMTRACK_SYNC_RETENTION_DAYS", default=30)
# A job with no progress (fan-out step, article counted) for this long is resumed, at most
# CLAIMTRACK_JOB_MAX_RESUMES times, then failed with the reason on the Jobs page and in the API.
# Longer than the slowest article's time limit (analyze_article: 150 s), so slow work is not lost work.
CLAIMTRACK_JOB_STALL_SECONDS = env.int("CLAIMTRACK_JOB_STALL_SECONDS", default=600)
CLAIMTRACK_JOB_MAX_RESUMES = env.int("CLAIMTRACK_JOB_MAX_RESUMES", default=2)
# Articles per re-threading task of a rethread job: each is still threaded and counted alone;
# the batch shares one task's overhead (see claims.services.jobs).
CLAIMTRACK_RETHREAD_BATCH = env.int("CLAIMTRACK_RETHREAD_BATCH", default=25)
# Outbox: rows younger than the grace time are left to the request that wrote them; sent rows are
# kept this many seconds for the admin site, then deleted.
CLAIMTRACK_OUTBOX_GRACE = env.float("CLAIMTRACK_OUTBOX_GRACE", default=5.0)
CLAIMTRACK_OUTBOX_BATCH = 500
CLAIMTRACK_OUTBOX_KEEP_SENT = env.int("CLAIMTRACK_OUTBOX_KEEP_SENT", default=24 * 3600)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is down or hung costs seconds, not the twenty a request once waited (issue 14):
# short connect and socket timeouts and one publish retry. Workers, on the other hand, keep
# reconnecting for as long as it takes (max retries None), and so come back by themselves.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "socket_connect_timeout": CLAIMTRACK_BROKER_TIMEOUT,
    # Longer than the 1 s blocking poll (BRPOP) an idle worker holds, or every idle poll would time out.
    "socket_timeout": max(CLAIMTRACK_BROKER_TIMEOUT, 2.0),
    "socket_keepalive": True,
    "health_check_interval": 25,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
# No caller reads a task's result (the state lives in the database). Storing one would make each
# send first subscribe to the result store too, which waits out its own timeouts and retries when
# Redis is away (12 s with a hung Redis, against 3 s without). A caller that wants a result asks
# for it: apply_async(..., ignore_result=False).
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = CLAIMTRACK_BROKER_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = max(CLAIMTRACK_BROKER_TIMEOUT, 2.0)
CELERY_REDIS_BACKEND_HEALTH_CHECK_INTERVAL = 25

# --- Health -------------------------------------------------------------------------------
# /readyz/ gives each check this long (claimtrack/health.py); workers renew their heartbeat key
# every interval, and a worker is counted dead once its key is older than the TTL.
HEALTH_CHECK_TIMEOUT = env.float("HEALTH_CHECK_TIMEOUT", default=2.0)
WORKER_HEARTBEAT_INTERVAL = env.float("WORKER_HEARTBEAT_INTERVAL", default=10.0)
WORKER_HEARTBEAT_TTL = int(3 * WORKER_HEARTBEAT_INTERVAL) + 1

# --- REST framework -----------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its challenge makes an unauthenticated request a 401, not a 403.
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["claimtrack.api.parsers.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "claimtrack.api.schema.ClaimtrackAutoSchema",
    "EXCEPTION_HANDLER": "claimtrack.api.errors.exception_handler",
    # `?format=` is the exports' business; DRF's own use of it would turn typos into 404s.
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("THROTTLE_ANON", default="60/minute"),
        "user": env("THROTTLE_USER", default="6000/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "claimtrack API",
    "DESCRIPTION": "Structured claims, denials, actors and the links between them.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the installed drf-spectacular-sidecar package: no CDN, so the site's
    # Content-Security-Policy (script-src 'self') holds on /api/docs/ too.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ClaimKindEnum": "claims.models.Claim.Kind",
        "ReviewStatusEnum": "claims.models.ReviewStatus",
        "JobStatusEnum": "claims.models.AnalysisJob.Status",
        "ActorKindEnum": "actors.models.Actor.Kind",
        "ActorStatusEnum": "actors.models.Actor.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
