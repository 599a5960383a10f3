"""The written summary quotes only figures as the tables show them, and every number in it is one."""
import re

from django.db import transaction
from hypothesis import HealthCheck, given, settings

from uof.publish.disclosure import Rule
from uof.publish.snapshot import build
from uof.publish.summary import rounding_text
from uof.stats.periods import date_range
from uof.stats.tests.test_recount_property import END, START, incident_plans

from .test_disclosure_property import make_records, rules

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")


def _shown(content, key, row_code, column):
    """A figure as shown, found by its row's code (the summary's figures name rows by code)."""
    table = next(t for t in content["tables"] if t["key"] == key)
    at = table["columns"].index(column)
    i = table["keys"].index(row_code)
    return None if [i, at] in table["withheld"] else table["rows"][i][at]


def strip_words(content, text: str) -> str:
    """The text without the numbers that are not figures: periods, age bands, the rounding rule."""
    periods = [content["period"]["text"], content["previous_period"]]
    for c in content.get("comparisons", []):
        periods += [f"{c['words']} ({c['code']})", c["words"]]
    for words in periods:
        text = text.replace(words, "")
    rounding = content["rule"]["rounding"]
    text = text.replace(rounding_text(rounding), "") if rounding > 1 else text
    return text.replace("10 or under", "").replace("65 or over", "")  # age bands, not figures


def check_summary(content) -> None:
    for paragraph in content["summary"]:
        allowed = set()
        for figure in paragraph["figures"]:
            value = _shown(content, figure["table"], figure["row"], figure["column"])
            assert figure["value"] == value, figure
            if value is not None:
                allowed |= {f"{value:,}", f"{value:g}%"}
        text = strip_words(content, paragraph["text"])
        for number in NUMBER.findall(text):
            assert number in allowed, (number, paragraph["text"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(plans=incident_plans, rule=rules)
def test_summary_numbers_equal_the_tables(org, plans, rule):
    with transaction.atomic():
        make_records(org, plans)
        scope = {"kind": "force", "slug": "cambridgeshire", "name": "Cambridgeshire Constabulary"}
        content = build(scope, [org.cambs], date_range(START, END), rule).content
        check_summary(content)
        transaction.set_rollback(True)


def test_the_seed_style_sentences(org):
    from .helpers import publish, seed_reports

    seed_reports(org)
    content = publish(org.analyst, Rule(small_force_counts=True)).content
    text = " ".join(p["text"] for p in content["summary"])
    reports = _shown(content, "summary", "reports", "count")
    assert f"reported using force {reports:,} times" in text
    assert "Force was used" in text and "Peterborough" in text and "Thorpe Wood custody" in text
    assert "1 a severe injury" in text or "1 report recorded a severe injury" in text
    assert "may be recorded several times" in text
    check_summary(content)
