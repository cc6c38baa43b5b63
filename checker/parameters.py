"""National parameters as dated values: a check uses the value in force on its dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Optional, Union

from .data import load
from .enums import Provenance
from .sources import Citation

__all__ = ["DatedValue", "Parameter", "parameters", "parameter"]

Number = Union[int, float]


@dataclass(frozen=True)
class DatedValue:
    start: date
    value: Number
    citation: Citation
    uncertain: bool = False  # the sources disagree; a breach resting on it only warns


@dataclass(frozen=True)
class Parameter:
    name: str
    unit: str
    doc: str
    values: tuple[DatedValue, ...]  # sorted by start

    def at(self, day: date) -> Optional[DatedValue]:
        """The value in force on ``day``, or None before the first one."""
        found = None
        for v in self.values:
            if v.start <= day:
                found = v
            else:
                break
        return found

    def for_period(self, start: date, end: date) -> Optional[DatedValue]:
        """The value in force at the start, or else the first to come into force in the period."""
        found = self.at(start)
        if found is None:
            found = next((v for v in self.values if start <= v.start <= end), None)
        return found

    def changes_within(self, start: date, end: date) -> bool:
        return any(start < v.start <= end for v in self.values)


@lru_cache(maxsize=None)
def parameters() -> dict[str, Parameter]:
    result = {}
    for name, raw in load("parameters").items():
        values = tuple(sorted(
            (DatedValue(v["start"], v["value"], Citation(
                v["source"], v.get("article"), Provenance(v["provenance"]),
                Provenance(v["article_provenance"]) if "article_provenance" in v else None),
                v.get("uncertain", False))
             for v in raw["values"]),
            key=lambda dv: dv.start))
        result[name] = Parameter(name, raw["unit"], raw["doc"], values)
    return result


def parameter(name: str) -> Parameter:
    return parameters()[name]
