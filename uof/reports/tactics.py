"""The tactics vocabulary and the Home Office tactic hierarchy it is published under.

A report lists tactics in the order the officer used them. The form records each level a
tactic reached as its own entry (CED drawn, then aimed, then fired), the way the national
form and the Met's record file do; the statistics count a tactic once per report and CED at
its highest level. CS and PAVA irritant sprays are recorded apart and published together.
"""
from .vocabulary import Option, Vocabulary

# Home Office "type of force" groups (HO 2019/20 Table 1), in publication order.
GROUPS = {
    "restraint": "Restraint",
    "unarmed": "Unarmed skills",
    "other_equipment": "Other equipment",
    "less_lethal": "Less lethal weapons",
    "firearms": "Firearms",
    "other": "Other",
    "communication": "Tactical communication",
}


def _t(code: str, label: str, ho: str, group: str, parent: str | None = None, plain: str | None = None,
       **extra) -> Option:
    return Option(code, label, ho=ho, plain=plain, extra={"group": group, "parent": parent, **extra})


# Said wherever the public reads "AEP" (the data dictionary, the tactics table's notes).
AEP_MEANING = ("AEP means attenuating energy projectile: a less lethal weapon that fires a blunt-nosed plastic "
               "round (sometimes called a baton round).")

# `plain`: the published category as the public pages say it (the Home Office's term is `ho`).
# ced_rank orders CED levels for "highest use" counting; drive stun and angle drive stun sit
# between arced and fired (HO: drawn, aimed, red-dot, arced are non-discharge; the rest discharge).
TACTICS = Vocabulary(
    "tactic",
    "Tactic",
    (
        _t("tactical_communication", "Tactical communication", "Tactical communication", "communication"),
        _t("handcuffing_compliant", "Compliant handcuffing", "Compliant handcuffing", "restraint", "Handcuffing"),
        _t("handcuffing_non_compliant", "Non-compliant handcuffing", "Non-compliant handcuffing", "restraint", "Handcuffing"),
        _t("limb_body_restraints", "Limb or body restraints", "Limb / Body restraints", "restraint"),
        _t("ground_restraint", "Ground restraint", "Ground restraint", "restraint"),
        _t("unarmed_skills", "Unarmed skills (pressure points, strikes, restraints, take-downs)", "Unarmed skills", "unarmed", plain="Unarmed skills"),
        _t("baton_drawn", "Baton drawn", "Baton drawn", "other_equipment", "Baton"),
        _t("baton_used", "Baton used", "Baton used", "other_equipment", "Baton"),
        _t("cs_drawn", "Irritant spray (CS) drawn", "Irritant spray - drawn", "other_equipment", "Irritant spray",
           plain="Irritant spray drawn"),
        _t("cs_used", "Irritant spray (CS) used", "Irritant spray - used", "other_equipment", "Irritant spray",
           plain="Irritant spray used"),
        _t("pava_drawn", "Irritant spray (PAVA) drawn", "Irritant spray - drawn", "other_equipment", "Irritant spray",
           plain="Irritant spray drawn"),
        _t("pava_used", "Irritant spray (PAVA) used", "Irritant spray - used", "other_equipment", "Irritant spray",
           plain="Irritant spray used"),
        _t("spit_guard", "Spit and bite guard", "Spit and bite guard", "other_equipment"),
        _t("shield", "Shield", "Shield", "other_equipment"),
        _t("ced_drawn", "Taser (CED) drawn", "CED Drawn", "less_lethal", "CED", "Taser drawn", ced_rank=1, discharge=False),
        _t("ced_aimed", "Taser (CED) aimed", "CED Aimed", "less_lethal", "CED", "Taser aimed", ced_rank=2, discharge=False),
        _t("ced_red_dot", "Taser (CED) red-dotted", "CED Red-dot", "less_lethal", "CED", "Taser red-dotted", ced_rank=3, discharge=False),
        _t("ced_arced", "Taser (CED) arced", "CED Arced", "less_lethal", "CED", "Taser arced", ced_rank=4, discharge=False),
        _t("ced_drive_stun", "Taser (CED) drive stun", "CED Drive-stun", "less_lethal", "CED", "Taser drive stun",
           ced_rank=5, discharge=True),
        _t("ced_angle_drive_stun", "Taser (CED) angle drive stun", "CED Angle-drive stun", "less_lethal", "CED",
           "Taser angle drive stun", ced_rank=6, discharge=True),
        _t("ced_fired", "Taser (CED) fired", "CED Fired", "less_lethal", "CED", "Taser fired", ced_rank=7, discharge=True),
        # HO 2019/20 publishes AEP drawn / used; "aimed" is a non-discharge level, so under drawn.
        _t("aep_drawn", "AEP drawn", "AEP drawn", "less_lethal", "AEP", "AEP drawn or aimed"),
        _t("aep_aimed", "AEP aimed", "AEP drawn", "less_lethal", "AEP", "AEP drawn or aimed"),
        _t("aep_fired", "AEP fired", "AEP used", "less_lethal", "AEP"),
        _t("firearm_aimed", "Firearm aimed", "Total firearms", "firearms", plain="Firearm aimed or fired"),
        _t("firearm_fired", "Firearm fired", "Total firearms", "firearms", plain="Firearm aimed or fired"),
        _t("dog_deployed", "Dog deployed", "Dog deployed", "other", "Dog use"),
        _t("dog_bite", "Dog bite", "Dog bite", "other", "Dog use"),
        _t("other_improvised", "Other or improvised", "Other / improvised", "other"),
    ),
    description="Each tactic used, in order; a level reached (drawn, aimed, fired) is its own entry. " + AEP_MEANING,
)

CED_CODES = frozenset(o.code for o in TACTICS.options if o.extra.get("parent") == "CED")


def highest_ced(codes) -> str | None:
    """The highest CED level among tactic codes, as the Home Office counts it (or None)."""
    ced = [TACTICS.get(c) for c in codes if c in CED_CODES]
    return max(ced, key=lambda o: o.extra["ced_rank"]).code if ced else None
