"""Settings for the history site, read from the environment.

Development needs no variables at all. Production sets DJANGO_DEBUG=0 and then
must provide DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS, or the site refuses to
start. See README.md, "Deploying".
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
from csp.constants import NONE, SELF

from history_site.env import SettingsError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", default="django-insecure-development-only-never-in-production")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", default="")
    if not SECRET_KEY:
        raise SettingsError("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0 (use 50 or more random characters).")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        raise SettingsError("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG=0 (comma-separated host names).")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "lessons",
    "quizzes",
]

MIDDLEWARE = [
    "history_site.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers' cached lesson pages are served from here; the headers above still apply.
    "lessons.caching.ReaderPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, so that it sees the outcome of every login.
    "axes.middleware.AxesMiddleware",
]

# `make bench` adds a bare page to measure the other pages against (history_site/bench_urls.py).
ROOT_URLCONF = "history_site.bench_urls" if env_bool("DJANGO_BENCHMARK", default=False) else "history_site.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "history_site.wsgi.application"

# SQLite file in the project by default; DATABASE_URL=postgres://… switches to
# PostgreSQL (psycopg 3). Persistent connections with health checks suit several
# gunicorn hosts sharing one PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE takes the write
    # lock at BEGIN, so two workers never deadlock upgrading a read lock.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DATABASES["default"]["TEST"] = {"NAME": env_str("DJANGO_TEST_DATABASE_NAME", default="") or None}

# REDIS_URL (e.g. redis://127.0.0.1:6379/0) gives every app server one shared cache
# and keeps sessions there (backed by the database). Without it each process has
# its own memory cache. Nothing is kept on the app server's disk either way.
REDIS_URL = env_str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "history_site.redis_cache.ReusingRedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("DJANGO_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic writes; a deployment (or a test) may put it elsewhere.
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Bootstrap comes from the xstatic-bootstrap package, so the site needs no CDN.
STATICFILES_DIRS = [BASE_DIR / "static", xstatic.pkg.bootstrap.BASE_DIR]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

AUTHENTICATION_BACKENDS = [
    # First: refuses logins while an account is locked out after repeated failures.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with the per-request user lookup compiled once (history_site/prepared.py).
    "history_site.auth.ModelBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "quizzes:list"
LOGOUT_REDIRECT_URL = "lessons:home"

# Password-reset mail: printed to the console in development, sent by SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", default="")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", default="history-site@localhost")

# Security ------------------------------------------------------------------------------------
# Production (DJANGO_DEBUG=0) is HTTPS only. Behind a proxy that ends TLS, set
# DJANGO_SECURE_PROXY_SSL_HEADER=1 so that Django trusts its X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False) else None
)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: our own files only. No inline scripts or styles anywhere;
# data: images are the icons Bootstrap's stylesheet draws for checkboxes and selects.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Login throttling (django-axes): five failures for one account from one address
# lock that pair out for 15 minutes. Not the address alone: a whole class often
# shares one school IP.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "history_site.observability.client_ip"
AXES_USERNAME_CALLABLE = "history_site.observability.login_username"
# Sign-ups allowed from one address per hour (a class signing up together must fit).
SIGNUP_LIMIT_PER_HOUR = env_int("DJANGO_SIGNUP_LIMIT_PER_HOUR", default=60)
# How many proxies in front of the app append to X-Forwarded-For (0: use the connection's address).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# One line per event on the console (12-factor): the request id on each, and an
# error's type, text and place on the same line. No request bodies are logged.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "history_site.observability.RequestIdFilter"}},
    "formatters": {
        "one_line": {
            "()": "history_site.observability.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "one_line", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own request logger already reports 4xx/5xx; keep it on our handler only.
        "django": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", default="INFO"), "propagate": False},
        # axes announces itself at every start and logs each failed login; keep its warnings only.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
