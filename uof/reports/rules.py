"""Checks between answers, declared as data next to the fields they concern.

A field's own rules (fieldset.py, validation.py) judge one answer; a `Rule` here judges answers
that contradict each other, such as a Taser used by an officer who said they are not Taser trained.

- severity "error": the answers cannot all be true. "Save and continue" is refused on every page
  holding one of the rule's fields, and the report cannot be submitted.
- severity "warning": unusual but possible. The page asks "are you sure?"; the officer confirms
  with a tick, which is stored on the report (Report.confirmed_rules) so it is not asked again and
  the supervisor sees it. A confirmation lapses when the answers no longer trigger the rule.

Pages call `check` with the answers as they would be after saving; anything else (the tactics
page, check your answers, the demo-data generator) calls `problems(report, page)`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .fieldset import FIELDS_BY_NAME
from .tactics import CED_CODES

ERROR, WARNING = "error", "warning"
TACTICS_ANSWER = "tactics"  # the ordered tactic codes, answered on the tactics page


@dataclass(frozen=True)
class Rule:
    key: str  # stable: stored in Report.confirmed_rules
    fields: tuple[str, ...]  # every answer it reads; the first on a page carries the message there
    applies: Callable[[dict], bool]  # true when the answers break the rule
    severity: str
    message: str
    page: str  # where check your answers lists it

    @property
    def pages(self) -> list[str]:
        return list(dict.fromkeys(_page_of(name) for name in self.fields))

    def field_on(self, page: str) -> str | None:
        return next((name for name in self.fields if _page_of(name) == page), None)


def _page_of(name: str) -> str:
    return "tactics" if name == TACTICS_ANSWER else FIELDS_BY_NAME[name].page


def _ced_used(a: dict) -> bool:
    return any(code in CED_CODES for code in a.get(TACTICS_ANSWER) or ())


def _outcome(a: dict, code: str) -> bool:
    return code in (a.get("outcomes") or ())


def _died(a: dict) -> bool:
    return _outcome(a, "fatality") or a.get("subject_injury_level") == "death"


RULES: tuple[Rule, ...] = (
    # --- Taser: the officer's training and kit against the tactics they recorded ---
    Rule("ced_used_not_trained", ("ced_trained", TACTICS_ANSWER),
         lambda a: a.get("ced_trained") == "no" and _ced_used(a), ERROR,
         "Your tactics include a Taser (CED), but you said you are not trained to carry one: "
         "change your answer or the tactics", "officer"),
    Rule("ced_used_not_carried", ("ced_carried", "ced_trained", TACTICS_ANSWER),
         lambda a: a.get("ced_trained") == "yes" and a.get("ced_carried") == "no" and _ced_used(a), ERROR,
         "Your tactics include a Taser (CED), but you said you were not carrying one: "
         "change your answer or the tactics", "officer"),
    # --- a death: the outcome, the injury and medical assistance ---
    Rule("fatality_and_made_off", ("outcomes",),
         lambda a: _outcome(a, "fatality") and _outcome(a, "made_off"), ERROR,
         "The outcome cannot be both ‘Fatality’ and ‘Made off or escaped’: change the outcome", "outcome"),
    Rule("fatal_injury_without_fatality", ("subject_injury_level", "outcomes"),
         lambda a: a.get("subject_injury_level") == "death" and bool(a.get("outcomes"))
         and not _outcome(a, "fatality"), ERROR,
         "You said the person’s injury was fatal: select ‘Fatality’ as an outcome, "
         "or change how serious the injury was", "outcome"),
    Rule("died_without_medical", ("subject_medical_provided", "subject_injury_level", "outcomes"),
         lambda a: _died(a) and a.get("subject_medical_provided") == "no", WARNING,
         "You said the person died, but that no medical assistance was provided to them", "injuries"),
    Rule("severe_injury_without_medical", ("subject_medical_provided", "subject_medical_offered",
                                           "subject_injury_level"),
         lambda a: a.get("subject_injury_level") == "severe" and a.get("subject_medical_offered") == "no"
         and a.get("subject_medical_provided") == "no", WARNING,
         "You said the person was severely injured, but that medical assistance was neither offered "
         "nor provided to them", "injuries"),
    Rule("hospitalised_without_medical", ("subject_medical_provided", "outcomes"),
         lambda a: _outcome(a, "hospitalised") and a.get("subject_medical_provided") == "no", WARNING,
         "You said the person was hospitalised, but that no medical assistance was provided to them",
         "injuries"),
    # --- the person and the outcome ---
    Rule("under_ten_arrested", ("outcomes", "age_band"),
         lambda a: a.get("age_band") == "0-10" and _outcome(a, "arrested"), WARNING,
         "You said the person seemed to be 10 or under and was arrested: children under 10 cannot be "
         "arrested", "outcome"),
    Rule("mental_health_act_without_condition", ("outcomes", "mental_condition"),
         lambda a: _outcome(a, "detained_mha") and a.get("mental_condition") == "no", WARNING,
         "You said the person was detained under the Mental Health Act, but that you did not perceive "
         "them to have a mental health condition", "outcome"),
    # --- assaults on the officer ---
    Rule("weapon_assault_not_assaulted", ("assaulted_with_weapon", "officer_assaulted"),
         lambda a: a.get("assaulted_with_weapon") == "yes" and a.get("officer_assaulted") == "no", WARNING,
         "You said you were assaulted with a weapon, but that the person did not intentionally assault you",
         "threats"),
)
RULES_BY_KEY = {r.key: r for r in RULES}
READS = tuple(dict.fromkeys(name for r in RULES for name in r.fields if name != TACTICS_ANSWER))


@dataclass(frozen=True)
class Problem:
    rule: Rule
    confirmed: bool = False

    key = property(lambda self: self.rule.key)
    message = property(lambda self: self.rule.message)
    page = property(lambda self: self.rule.page)
    is_error = property(lambda self: self.rule.severity == ERROR)

    def field_on(self, page: str) -> str | None:
        return self.rule.field_on(page)


def check(answers: dict, page: str | None = None, confirmed=()) -> list[Problem]:
    """Every rule the answers break (those concerning `page` if given), confirmed warnings flagged."""
    confirmed = set(confirmed or ())
    return [Problem(rule, rule.severity == WARNING and rule.key in confirmed) for rule in RULES
            if (page is None or page in rule.pages) and rule.applies(answers)]


def unresolved(found: list[Problem]) -> list[Problem]:
    """Errors and warnings not yet confirmed: these stop a page or a submission."""
    return [p for p in found if not p.confirmed]


def answers_of(report) -> dict:
    """The stored answers the rules read, with the tactic codes in order."""
    answers = {name: FIELDS_BY_NAME[name].kind.read(report, FIELDS_BY_NAME[name]) for name in READS}
    answers[TACTICS_ANSWER] = [u.tactic for u in report.tactics.order_by("position")]
    return answers


def problems(report, page: str | None = None, answers: dict | None = None,
             include_confirmed: bool = False) -> list[Problem]:
    """The rules `report` breaks (those concerning `page` if given), with `answers` replacing stored
    ones (for example the answers a page is about to save). Confirmed warnings only if asked."""
    merged = {**answers_of(report), **(answers or {})}
    found = check(merged, page, getattr(report, "confirmed_rules", None) or ())
    return found if include_confirmed else unresolved(found)


def still_confirmed(answers: dict, confirmed) -> list[str]:
    """The confirmed warnings the answers still trigger (a confirmation lapses with its cause)."""
    firing = {p.key for p in check(answers)}
    return [key for key in dict.fromkeys(confirmed or ()) if key in firing and key in RULES_BY_KEY]
