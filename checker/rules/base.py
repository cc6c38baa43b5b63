"""What a rule is, what it returns, and the registry that collects the catalogue.

A rule module reads like a legislation note: each rule function's docstring states the rule, its
legal basis and since when it applies; the decorator records the metadata that the handbook, the
form and the tests are generated from. The words users read live in the message catalogues.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Optional

from ..enums import Group, Severity
from ..sources import Citation

if TYPE_CHECKING:
    from ..context import Context

__all__ = ["Verdict", "FieldRef", "Term", "Percent", "Evidence", "Outcome", "Rule", "RULES", "rule", "ok", "breach", "unknown",
           "not_applicable", "per_employee", "flag", "missing_input"]


class Verdict(Enum):
    OK = "ok"
    BREACH = "breach"
    NOT_APPLICABLE = "na"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class FieldRef:
    """A field of the arrangement named in a message; shown with its label in the user's language."""

    path: str


@dataclass(frozen=True)
class Term:
    """A word from a message catalogue section (``criterion``, ``place`` ...), looked up by key."""

    section: str
    key: str


@dataclass(frozen=True)
class Percent:
    """A share from 0 to 1, shown as a percentage."""

    value: float


@dataclass(slots=True)
class Evidence:
    """One fact behind a result: who, which days, the actual value against the limit."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    employees: tuple[str, ...] = ()
    days: tuple[str, ...] = ()
    actual: Any = None
    limit: Any = None


@dataclass(slots=True)
class Outcome:
    verdict: Verdict
    reason: str
    params: Mapping[str, Any] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    advisory: bool = False  # a breach resting on an uncertain parameter: a warning, never a failure


def ok(reason: str = "passed", evidence: Iterable[Evidence] = (), **params: Any) -> Outcome:
    return Outcome(Verdict.OK, reason, params, tuple(evidence))


def breach(reason: str = "failed", evidence: Iterable[Evidence] = (), **params: Any) -> Outcome:
    return Outcome(Verdict.BREACH, reason, params, tuple(evidence))


def unknown(reason: str = "unknown", evidence: Iterable[Evidence] = (), **params: Any) -> Outcome:
    return Outcome(Verdict.UNKNOWN, reason, params, tuple(evidence))


def not_applicable(reason: str, **params: Any) -> Outcome:
    return Outcome(Verdict.NOT_APPLICABLE, reason, params)


@dataclass(frozen=True)
class Rule:
    id: str
    group: Group
    severity: Severity
    since: date
    basis: tuple[Citation, ...]
    parameters: tuple[str, ...]
    settings: tuple[str, ...]
    inputs: tuple[str, ...]  # the arrangement fields it reads, for the handbook and the form
    evaluate: Callable[["Context"], Outcome]
    doc: str

    @property
    def anchor(self) -> str:
        return self.id


RULES: list[Rule] = []


def rule(*, id: str, group: Group, severity: Severity, since: date, basis: Iterable[Citation],
         inputs: Iterable[str], parameters: Iterable[str] = (), settings: Iterable[str] = ()
         ) -> Callable[[Callable[["Context"], Outcome]], Callable[["Context"], Outcome]]:
    """Register a rule function in the catalogue, in definition order."""

    def register(fn: Callable[["Context"], Outcome]) -> Callable[["Context"], Outcome]:
        if any(r.id == id for r in RULES):
            raise ValueError(f"duplicate rule id {id}")
        RULES.append(Rule(id, group, severity, since, tuple(basis), tuple(parameters),
                          tuple(settings), tuple(inputs), fn, (fn.__doc__ or "").strip()))
        return fn

    return register


def per_employee(employees: Iterable[Any], test: Callable[[Any], Optional[Evidence]],
                 unknown_test: Callable[[Any], Optional[Evidence]] = lambda e: None,
                 notes: Optional[list[Evidence]] = None, **params: Any) -> Outcome:
    """Apply an employee-level test: any breach fails; otherwise any unknown is not assessable.

    ``test`` returns breach evidence or None; ``unknown_test`` (run only when the test found no
    breach) returns evidence of a missing answer or None. ``notes``, filled by the tests as they
    run, is added to the evidence whatever the outcome (an exception that was used, say).
    """
    breaches: list[Evidence] = []
    unknowns: list[Evidence] = []
    count = 0
    for e in employees:
        count += 1
        found = test(e)
        if found is not None:
            breaches.append(found)
            continue
        missing = unknown_test(e)
        if missing is not None:
            unknowns.append(missing)
    extra = notes or []
    if breaches:
        return breach("failed", breaches + unknowns + extra, count=len(breaches), total=count,
                      **params)
    if unknowns:
        return unknown("unknown", unknowns + extra, count=len(unknowns), total=count, **params)
    return ok("passed", extra, total=count, **params)


def flag(value: Optional[bool], path: str, **params: Any) -> Outcome:
    """A yes/no answer about the unit: yes passes, no is a breach, no answer is not assessable."""
    if value is True:
        return ok("passed", **params)
    if value is False:
        return breach("failed", **params)
    return missing_input(path, **params)


def missing_input(*paths: str, reason: str = "unknown", **params: Any) -> Outcome:
    """Not assessable: the fields at ``paths`` must be filled in first."""
    return unknown(reason, [Evidence("missing", {"fields": [FieldRef(p) for p in paths]})], **params)
