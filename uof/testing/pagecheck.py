"""What every page test checks about what a person sees, in one place.

`assert_page_ok(page, context)` fails when the page, as the browser shows it now:
- is wider than the window (horizontal overflow; an element may only be wider when it sits inside
  its own scrolling container, such as `.uof-scroll`);
- shows mark-up or template leftovers as text (`<span`, `<strong`, `&lt;`, `&gt;`, `&amp;lt;`,
  `None`, `[object`);
- has a serious or critical axe-core violation (uof/testing/accessibility.py).

Console errors and failed requests are caught by the `new_page` fixture (uof/testing/browser.py),
which also runs the cheap checks (overflow and leftovers) on the last page each test left open.
"""
from __future__ import annotations

import re

from .accessibility import assert_accessible

# Text a reader must never see: escaped or literal mark-up, Python's None, a JavaScript object.
LEFTOVERS = re.compile(r"<span|<strong|<a |<div|<p>|&lt;|&gt;|&amp;|&quot;|&#\d+;|\bNone\b|\[object|\{\{|\{%")

_OVERFLOW = """() => {
  const width = window.innerWidth;
  const page = document.documentElement.scrollWidth;
  if (page <= width) return {page, width, culprits: []};
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && p.clientWidth <= width) return true;
    }
    return false;
  };
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0 && !scrolls(el)) {
      culprits.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
        + ' right=' + Math.round(box.right));
      if (culprits.length >= 8) break;
    }
  }
  return {page, width, culprits};
}"""


def overflow(page) -> dict:
    """The page's scroll width, the window's width and the widest elements that stick out."""
    return page.evaluate(_OVERFLOW)


def visible_leftovers(page) -> list[str]:
    """Lines of visible text that contain mark-up or template leftovers."""
    text = page.evaluate("() => document.body ? document.body.innerText : ''")
    return [line.strip() for line in text.splitlines() if LEFTOVERS.search(line)]


def assert_fits(page, context: str = "") -> None:
    found = overflow(page)
    assert found["page"] <= found["width"], (
        f"{context or page.url}: the page is {found['page']} px wide in a {found['width']} px window; "
        f"sticking out: {found['culprits']}")


def assert_no_leftovers(page, context: str = "") -> None:
    lines = visible_leftovers(page)
    assert not lines, f"{context or page.url}: mark-up or template leftovers shown as text: {lines[:5]}"


def assert_page_ok(page, context: str = "", accessible: bool = True) -> None:
    """Every check on the page as it is now (see the module docstring)."""
    context = context or page.url
    assert_no_leftovers(page, context)
    assert_fits(page, context)
    if accessible:
        assert_accessible(page, context)
