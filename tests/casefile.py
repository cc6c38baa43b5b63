"""Rule test cases as data: ``tests/cases/<rule-id>/<name>.toml``.

A case file has a ``description``, an ``[expect]`` table (rule id -> status), an ``[arrangement]``
table that is deep-merged over an optional ``base`` (``tests/cases/_base/<base>.toml``; tables
merge, lists and values replace), and an optional ``[profile]`` (an agency profile). The same files
drive the CPython tests, the Pyodide parity run and the browser tests.
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

CASES = Path(__file__).resolve().parent / "cases"
BASES = CASES / "_base"


@dataclass
class Case:
    id: str  # "<rule-id>/<file stem>"
    path: Path
    description: str
    expect: dict[str, str]
    arrangement: dict[str, Any]
    profile: Optional[dict[str, Any]]


def merge(base: Any, overlay: Any) -> Any:
    if isinstance(base, dict) and isinstance(overlay, dict):
        out = dict(base)
        for key, value in overlay.items():
            out[key] = merge(base[key], value) if key in base else copy.deepcopy(value)
        return out
    return copy.deepcopy(overlay)


def load_case(path: Path) -> Case:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(raw) - {"description", "base", "expect", "arrangement", "profile"}
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
    arrangement = raw.get("arrangement", {})
    if "base" in raw:
        base = tomllib.loads((BASES / f"{raw['base']}.toml").read_text(encoding="utf-8"))
        arrangement = merge(base, arrangement)
    return Case(f"{path.parent.name}/{path.stem}", path, raw["description"], raw["expect"],
                arrangement, raw.get("profile"))


def all_cases() -> list[Case]:
    return [load_case(p) for p in sorted(CASES.glob("*/*.toml")) if p.parent.name != "_base"]
