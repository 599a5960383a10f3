"""Load forces, districts and custody suites from a configuration file (JSON)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.db import transaction

from .models import Collaboration, CustodySuite, District, Force, reference_format_problem
from .reference_spelling import normalise_reference


class ConfigError(Exception):
    pass


def _date(value, where: str):
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: '{value}' is not a date (use YYYY-MM-DD)") from None


def _reference_format(f: dict, where: str) -> dict[str, str]:
    """The force's incident log number example (stored as officers' references are) and pattern."""
    example = normalise_reference(str(f.get("cad_reference_example") or ""))
    pattern = str(f.get("cad_reference_pattern") or "")
    if len(example) > 40 or len(pattern) > 200:
        raise ConfigError(f"{where}: cad_reference_example must be 40 characters or fewer, "
                          "cad_reference_pattern 200 or fewer")
    problem = reference_format_problem(example, pattern)
    if problem:
        raise ConfigError(f"{where}: {problem}")
    return {"cad_reference_example": example, "cad_reference_pattern": pattern}


def load_organisations(path: Path) -> dict[str, int]:
    """Create or update everything in the file (all or nothing); places match by force and code."""
    try:
        config = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from None
    try:
        return _load(config)
    except KeyError as error:
        raise ConfigError(f"{path}: an entry is missing its {error} key") from None
    except (TypeError, AttributeError):
        raise ConfigError(f"{path}: expected lists of objects under 'collaborations' and 'forces'") from None


@transaction.atomic
def _load(config: dict) -> dict[str, int]:
    counts = {"collaborations": 0, "forces": 0, "districts": 0, "custody_suites": 0}
    for c in config.get("collaborations", []):
        Collaboration.objects.update_or_create(slug=c["slug"], defaults={"name": c["name"]})
        counts["collaborations"] += 1
    for f in config.get("forces", []):
        where = f"force {f.get('slug')}"
        collaboration = None
        if f.get("collaboration"):
            collaboration = Collaboration.objects.filter(slug=f["collaboration"]).first()
            if collaboration is None:
                raise ConfigError(f"{where}: unknown collaboration '{f['collaboration']}'")
        force, _ = Force.objects.update_or_create(
            slug=f["slug"], defaults={"name": f["name"], "region": f.get("region", ""), "collaboration": collaboration,
                                      **_reference_format(f, where)})
        counts["forces"] += 1
        for d in f.get("districts", []):
            district, _ = District.objects.update_or_create(force=force, code=d["code"], defaults={
                "name": d["name"], "valid_from": _date(d.get("valid_from"), where),
                "valid_to": _date(d.get("valid_to"), where)})
            counts["districts"] += 1
            for s in d.get("custody_suites", []):
                CustodySuite.objects.update_or_create(force=force, code=s["code"], defaults={
                    "name": s["name"], "district": district, "valid_from": _date(s.get("valid_from"), where),
                    "valid_to": _date(s.get("valid_to"), where)})
                counts["custody_suites"] += 1
    return counts
