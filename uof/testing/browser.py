"""Headless Chromium (Debian's package) driven by Playwright, for page tests.

Playwright's own browser download is never used: it cannot reach its host here, and the
system Chromium is what the project's machines have.
"""
from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_path() -> str | None:
    return os.environ.get("UOF_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Make pages (one browser context each, like separate people) that fail on console errors."""
    contexts, errors = [], []

    def make(width: int = 1024):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        return page

    yield make
    from .pagecheck import assert_fits, assert_no_leftovers

    problems = []
    for context in contexts:
        for page in context.pages:  # the page each test left open gets the cheap checks by default
            if page.url.startswith(("http://", "https://")):
                for check in (assert_no_leftovers, assert_fits):
                    try:
                        check(page)
                    except AssertionError as problem:
                        problems.append(str(problem))
        context.close()
    assert errors == [], f"browser console errors: {errors}"
    assert problems == [], "\n".join(problems)


def sign_in(page, user, password: str | None = None) -> None:
    """Sign in through the real sign-in page and wait until it has been left (each role lands on
    its own work page: uof/access/landing.py)."""
    from uof.testing.fixtures import PASSWORD

    page.goto("/accounts/login/")
    page.fill("#username", user.username)
    page.fill("#password", password or PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(lambda url: "/accounts/" not in url)
    page.wait_for_load_state()


def answer_unanswered(page) -> None:
    """Give every visible question left unanswered on the page its declared example answer: a
    journey states the answers it is about, and a question added to the form later still gets one."""
    from uof.reports.fieldset import FIELDS
    from uof.reports.kinds import CHOICE

    for f in FIELDS:
        if f.kind is not CHOICE or f.example is None:
            continue
        radios = page.locator(f"input[type=radio][name='{f.name}']")
        if radios.count() and not page.locator(f"input[type=radio][name='{f.name}']:checked").count():
            example = page.locator(f"input[type=radio][name='{f.name}'][value='{f.example}']")
            if example.count() and example.is_visible():
                example.check()
