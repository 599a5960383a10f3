"""The vocabularies: stable unique codes, a Home Office category for every option, effective dates."""
from __future__ import annotations

import datetime as dt

import pytest

from uof.reports import vocabulary as v
from uof.reports.fieldset import FIELDS, VOCABULARIES
from uof.reports.tactics import CED_CODES, GROUPS, TACTICS, highest_ced
from uof.reports.vocabulary import Option, Vocabulary

ALL = pytest.mark.parametrize("vocab", VOCABULARIES, ids=[x.name for x in VOCABULARIES])


@ALL
def test_codes_are_unique_and_short_enough_to_store(vocab):
    codes = vocab.codes()
    assert codes and len(codes) == len(set(codes))
    assert all(code and code.strip() == code and len(code) <= 40 for code in codes)


def test_vocabulary_names_are_unique():
    names = [x.name for x in VOCABULARIES]
    assert len(names) == len(set(names))


def test_a_duplicate_code_is_refused_when_declared():
    with pytest.raises(ValueError, match="duplicate option code in vocabulary twice"):
        Vocabulary("twice", "Twice", (Option("a", "A"), Option("a", "Also A")))


@ALL
def test_every_option_has_a_label_and_a_home_office_category(vocab):
    for option in vocab.options:
        assert option.label.strip()
        assert isinstance(option.ho_category, str) and option.ho_category.strip(), option.code
        assert option.ho_category == (option.ho or option.label)


@ALL
def test_effective_dates_are_in_order(vocab):
    for option in vocab.options:
        if option.valid_from and option.valid_to:
            assert option.valid_from <= option.valid_to, option.code


def test_every_choice_field_has_a_vocabulary_and_every_vocabulary_is_used():
    for spec in FIELDS:
        assert (spec.vocabulary is not None) == (spec.kind.name in ("choice", "multi")), spec.name
    used = {spec.vocabulary.name for spec in FIELDS if spec.vocabulary} | {TACTICS.name}
    assert used == {x.name for x in VOCABULARIES}


def test_lookup_and_labels():
    assert v.ETHNICITIES.get("asian").label == "Asian or Asian British"
    assert v.ETHNICITIES.get("purple") is None
    assert v.ETHNICITIES.label_of("purple") == "" and v.ETHNICITIES.label_of(None) == ""
    assert v.GENDERS.label_of("female") == "Female"


# --- effective dates ------------------------------------------------------------------------------

OPEN = Option("open", "Open")
WINDOW = Option("window", "Window", valid_from=dt.date(2020, 4, 1), valid_to=dt.date(2021, 3, 31))
FROM = Option("from", "From", valid_from=dt.date(2024, 4, 1))
UNTIL = Option("until", "Until", valid_to=dt.date(2019, 3, 31))
RETIRED = Option("retired", "Retired", inactive=True)


@pytest.mark.parametrize("option,day,expected", [
    (OPEN, dt.date(2017, 4, 1), True),
    (OPEN, None, True),
    (WINDOW, dt.date(2020, 3, 31), False),
    (WINDOW, dt.date(2020, 4, 1), True),  # both ends inclusive
    (WINDOW, dt.date(2021, 3, 31), True),
    (WINDOW, dt.date(2021, 4, 1), False),
    (WINDOW, None, False),  # no date yet: only options still in use today
    (FROM, dt.date(2024, 3, 31), False),
    (FROM, dt.date(2024, 4, 1), True),
    (FROM, None, True),
    (UNTIL, dt.date(2019, 3, 31), True),
    (UNTIL, dt.date(2019, 4, 1), False),
    (UNTIL, None, False),
    (RETIRED, dt.date(2020, 1, 1), False),
    (RETIRED, None, False),
])
def test_available_on(option, day, expected):
    assert option.available_on(day) is expected


def test_available_keeps_an_option_already_on_the_record():
    vocab = Vocabulary("t", "T", (OPEN, WINDOW, RETIRED))
    assert [o.code for o in vocab.available(dt.date(2025, 1, 1))] == ["open"]
    assert [o.code for o in vocab.available(dt.date(2025, 1, 1), keep=("retired",))] == ["open", "retired"]
    assert [o.code for o in vocab.available(dt.date(2020, 6, 1))] == ["open", "window"]


def test_effect_search_renamed_from_2024_with_no_gap_or_overlap():
    day = dt.date(2023, 1, 1)
    while day <= dt.date(2025, 6, 1):
        offered = [o.code for o in v.REASONS.available(day) if o.code.startswith("effect_") and "search" in o.code]
        assert offered == (["effect_search"] if day < v.FY2024 else ["effect_stop_search"]), day
        day += dt.timedelta(days=1)
    old, new = v.REASONS.get("effect_search"), v.REASONS.get("effect_stop_search")
    assert old.ho_category == new.ho_category == "Effect search"


def test_chinese_counts_as_asian_and_is_retired():
    chinese = v.ETHNICITIES.get("chinese")
    assert chinese.ho_category == v.ETHNICITIES.get("asian").ho_category
    assert chinese.available_on(dt.date(2018, 1, 1)) and not chinese.available_on(dt.date(2019, 4, 1))


def test_no_further_action_from_2023_published_as_other():
    nfa = v.OUTCOMES.get("no_further_action")
    assert not nfa.available_on(dt.date(2023, 3, 31)) and nfa.available_on(dt.date(2023, 4, 1))
    assert nfa.ho_category == v.OUTCOMES.get("other").ho_category


# --- tactics ----------------------------------------------------------------------------------------

def test_every_tactic_is_in_a_home_office_group():
    for option in TACTICS.options:
        assert option.extra["group"] in GROUPS, option.code


def test_ced_codes_and_ranks():
    assert CED_CODES == {o.code for o in TACTICS.options if o.code.startswith("ced_")}
    ranks = [TACTICS.get(c).extra["ced_rank"] for c in CED_CODES]
    assert len(set(ranks)) == len(ranks)  # a strict order
    for code in CED_CODES:
        option = TACTICS.get(code)
        assert option.extra["discharge"] == (option.extra["ced_rank"] >= 5), code


@pytest.mark.parametrize("codes,expected", [
    (["ced_drawn", "ced_fired"], "ced_fired"),
    (["ced_fired", "ced_drawn"], "ced_fired"),  # order used does not matter
    (["ced_drawn", "ced_aimed", "ced_red_dot"], "ced_red_dot"),
    (["ced_arced", "ced_drive_stun"], "ced_drive_stun"),
    (["ced_drive_stun", "ced_angle_drive_stun"], "ced_angle_drive_stun"),
    (["ced_angle_drive_stun", "ced_fired"], "ced_fired"),
    (["handcuffing_compliant", "ced_aimed", "baton_used"], "ced_aimed"),
    (["handcuffing_compliant", "baton_used"], None),
    ([], None),
    (["laser", "ced_drawn"], "ced_drawn"),  # unknown codes are ignored, not an error
])
def test_highest_ced(codes, expected):
    assert highest_ced(codes) == expected


def test_highest_ced_accepts_any_iterable():
    assert highest_ced(iter(["ced_drawn", "ced_aimed"])) == "ced_aimed"


@pytest.mark.parametrize("level", ["drawn", "used"])
def test_cs_and_pava_publish_under_one_category(level):
    cs, pava = TACTICS.get(f"cs_{level}"), TACTICS.get(f"pava_{level}")
    assert cs.code != pava.code and cs.label != pava.label
    assert cs.ho_category == pava.ho_category == f"Irritant spray - {level}"
    assert cs.extra["parent"] == pava.extra["parent"] == "Irritant spray"


def test_aep_aimed_counts_as_drawn_and_firearms_as_one_total():
    assert TACTICS.get("aep_aimed").ho_category == TACTICS.get("aep_drawn").ho_category
    assert TACTICS.get("firearm_aimed").ho_category == TACTICS.get("firearm_fired").ho_category
