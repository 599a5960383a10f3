"""Django settings. Everything environment-specific comes from environment variables.

DATABASE_URL selects the database (PostgreSQL in production); without it uof uses an
embedded SQLite file so that nothing needs installing to try it.
"""
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("UOF_DATA_DIR", BASE_DIR / "var"))
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("UOF_SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
# Off unless asked for: with DEBUG on, Django shows its technical error pages (tracebacks, the URL
# list) to whoever hits an error; developers set UOF_DEBUG=1 on their own machine.
DEBUG = os.environ.get("UOF_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("UOF_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "uof.organisations",
    "uof.accounts",
    "uof.access",
    "uof.reports",
    "uof.review",
    "uof.audit",
    "uof.stats",
    "uof.publish",
    "uof.demo",
    "rest_framework",
    "drf_spectacular",
    "uof.api",
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
]

ROOT_URLCONF = "uof.urls"
WSGI_APPLICATION = "uof.wsgi.application"

TEMPLATES = [
    {
        # Service pages: Jinja2 with the GOV.UK Frontend macros.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "uof" / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "uof.web.jinja.environment",
                    "context_processors": ["uof.web.context.navigation"]},
    },
    {
        # Django's own admin keeps its Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'uof.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web server read while demo data or an import writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"  # uof/access/landing.py: each role's own work page
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "uof" / "static"]
WHITENOISE_USE_FINDERS = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "uof.web.errors.csrf_failure"
CSRF_COOKIE_HTTPONLY = False

# Recording rules that a force may want to tune are settings, documented in docs/recording.md.
UOF_MAX_TACTICS_PER_REPORT = int(os.environ.get("UOF_MAX_TACTICS_PER_REPORT", "20"))
# Days after the incident before a missing report from an officer named as present is overdue.
UOF_REPORT_OVERDUE_DAYS = int(os.environ.get("UOF_REPORT_OVERDUE_DAYS", "3"))
# Database triggers keep the audit log append-only; only the test suite turns them off (see audit 0002).
UOF_AUDIT_DB_GUARD = os.environ.get("UOF_AUDIT_DB_GUARD", "1") == "1"
UOF_REMINDER_FROM = os.environ.get("UOF_REMINDER_FROM", "use-of-force@uof.invalid")
EMAIL_BACKEND = os.environ.get("UOF_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# The public data API (/api/v1/, uof/api/): read-only JSON, no sign-in, documented by OpenAPI.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],  # no browsable API
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "uof public use of force data API",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "DESCRIPTION": (
        "Published police use of force figures: the same numbers as the public pages (/data/) and their "
        "CSV and JSON downloads, read-only and without signing in. Each publication is an immutable "
        "snapshot of one force's or collaboration's figures for a period; a correction is a new revision.\n\n"
        "Disclosure control: small counts are withheld to protect identities. A withheld count is null in "
        "a table's rows and its [row, column] (from 0) is listed in the table's `withheld`; a comparison "
        "figure for a period with nothing published is null and listed in `no_data`; a null that is "
        "not listed there means nothing applies.\n\n"
        "Licence: the data are published under the Open Government Licence v3.0 "
        "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).\n\n"
        "Versioning: /api/v1/ is stable; a breaking change would be published as /api/v2/ beside it."),
    "LICENSE": {"name": "Open Government Licence v3.0",
                "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
}
