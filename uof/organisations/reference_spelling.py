"""The one spelling of an incident reference, used wherever a reference is stored, matched or
configured (a force's example reference in organisations; officers' references in reports).

Officers type references on phones, paste them from e-mails and PDFs, or copy them from systems
that use typographic dashes, so the same reference arrives in many spellings. Every reference is
stored and matched in its normal form (`normalise_reference`):

1. Unicode NFKC: full-width letters and digits (ＣＣ１) become ASCII, ligatures are spelled out.
2. Upper case ("cc1" is "CC1"), then NFKC again (upper-casing can leave a decomposed letter).
3. Invisible characters are dropped: format characters (category Cf: zero-width space and
   joiners, soft hyphen, byte-order mark, direction marks), control characters, variation
   selectors and the other default-ignorable fillers.
4. Every dash, hyphen and minus sign (‐ ‑ ‒ – — − ﹣ － …) is "-".
5. Whitespace (including no-break and thin spaces) between two letters or digits becomes "-";
   whitespace next to other punctuation is removed; a run of spaces and dashes is one "-"; leading
   and trailing spaces and dashes are removed.

Why spaces become "-" rather than vanish: removing them would join references that differ in
where the separator falls ("12 345" and "123 45" would both be "12345"), a false join that puts
two incidents' reports together. A space typed for a hyphen is the common slip, and "-" is the
separator the references use. References that differ only in punctuation ("CC1261130900001" and
"CC1-261130-900001") are not joined silently: the references page offers the existing one
("did you mean"), and the officer decides.
"""
from __future__ import annotations

import re
import unicodedata

# Dash-like characters outside Unicode's dash category (Pd), which covers ‐ ‑ ‒ – — ― ﹘ ﹣ －.
_EXTRA_DASHES = "\u2212\u2043\u02d7\u2796\u2e3a\u2e3b\u207b\u208b"
# Default-ignorable characters that are not format characters (Cf): they display as nothing.
_IGNORABLE = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164\ufe00-\ufe0f\uffa0"
                        "\U000e0100-\U000e01ef]")
_SEPARATORS = re.compile(r"[\s\-]+")


def _visible(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category == "Cf":
        return False
    return not (category == "Cc" and not ch.isspace())


def _dash(ch: str) -> str:
    return "-" if unicodedata.category(ch) == "Pd" or ch in _EXTRA_DASHES else ch


def _separator(match: re.Match) -> str:
    text, start, end = match.string, match.start(), match.end()
    if "-" in match.group():
        return "-"
    before, after = text[start - 1:start], text[end:end + 1]
    return "-" if before.isalnum() and after.isalnum() else ""


def _once(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = unicodedata.normalize("NFKC", text.upper())
    text = _IGNORABLE.sub("", "".join(_dash(ch) for ch in text if _visible(ch)))
    return _SEPARATORS.sub(_separator, text).strip("-")


def normalise_reference(raw: str | None) -> str:
    """The one spelling of a reference that is stored and matched (see the module's docstring)."""
    text = raw or ""
    # Repeat until nothing changes: removing a character can bring a letter and an accent
    # together, which NFKC then composes ("A" + space + combining acute is "Á").
    for _ in range(4):
        again = _once(text)
        if again == text:
            break
        text = again
    return text
