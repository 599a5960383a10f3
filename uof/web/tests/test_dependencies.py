"""The lock pins every declared dependency, with hashes, at a version its declared bounds allow
(pyproject.toml declares; requirements.lock pins; `make` installs from the lock)."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[3]


def _pins() -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) for every package in requirements.lock."""
    pins, name = {}, None
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^ \\]+)", line)
        if match:
            name = canonicalize_name(match[1])
            pins[name] = (match[2], 0)
        elif name and line.strip().startswith("--hash=sha256:"):
            pins[name] = (pins[name][0], pins[name][1] + 1)
    return pins


def test_every_declared_dependency_is_pinned_with_hashes_within_its_bounds():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]
    pins = _pins()
    assert pins and all(count > 0 for _, count in pins.values()), "every pin carries its hashes"
    for requirement in declared:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is declared but not in requirements.lock: run `make lock`"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), (
            f"{name}=={pins[name][0]} in the lock is outside {requirement}: run `make lock`")


def test_numpy_lower_bound_admits_only_releases_with_bitwise_count():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    numpy = next(Requirement(r) for r in project["dependencies"] if r.startswith("numpy"))
    assert not numpy.specifier.contains("1.26.4") and numpy.specifier.contains("2.0.0")
