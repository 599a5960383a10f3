"""The text a person would read on a server-rendered page, for tests that use Django's client."""
from __future__ import annotations

from html.parser import HTMLParser

from .pagecheck import LEFTOVERS


class _Text(HTMLParser):
    HIDDEN = frozenset({"script", "style", "template", "head", "title"})

    def __init__(self):
        super().__init__(convert_charrefs=True)  # entities decoded, as the browser shows them
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag in ("br", "p", "div", "li", "tr", "dt", "dd", "h1", "h2", "h3", "td", "th"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str | bytes) -> str:
    parser = _Text()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return "".join(parser.parts)


def leftovers(html: str | bytes) -> list[str]:
    """Lines of visible text showing mark-up or template leftovers (see uof/testing/pagecheck.py)."""
    return [line.strip() for line in visible_text(html).splitlines() if LEFTOVERS.search(line)]
