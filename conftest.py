"""Test settings shared by every app's tests.

UOF_REQUIRE_ALL (set by .ci/run) turns a skipped browser or PostgreSQL test into a failure, so
CI can never pass by quietly not running them.
"""
import os

import pytest
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


hypothesis_settings.register_profile("ci", max_examples=40, deadline=None)
hypothesis_settings.register_profile("dev", max_examples=20, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

REQUIRE_ALL = bool(os.environ.get("UOF_REQUIRE_ALL"))


def pytest_configure(config):
    # Browser tests empty every table between tests, which the audit triggers forbid; the audit
    # tests install the same triggers themselves (uof/audit/tests/test_append_only.py).
    from django.conf import settings

    settings.UOF_AUDIT_DB_GUARD = False
    # Test users sign in many times: a cheap hasher keeps the suite fast (never used outside tests).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor}; strict (skips fail): {REQUIRE_ALL}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_ALL and report.skipped and call.when in ("setup", "call"):
        report.outcome = "failed"
        report.longrepr = f"skipped in strict mode (UOF_REQUIRE_ALL): {report.longrepr}"


def pytest_sessionfinish(session, exitstatus):
    if exitstatus == 5 and REQUIRE_ALL:  # no tests collected is a failure in CI
        session.exitstatus = 1

pytest_plugins = ["uof.testing.fixtures", "uof.testing.browser"]
