"""Runs every rule of the catalogue on one arrangement and collects the results.

The engine never guesses: a rule that lacks an answer, or a parameter with no value in force for
the period, gives "not assessable"; a rule not yet in force, or a unit outside the regulation,
gives "not applicable". Every rule yields exactly one result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from .context import Context, MissingParameter
from .enums import Institution, Severity, Status
from .model import Arrangement
from .parameters import DatedValue, parameter
from .rules import RULES, Rule
from .rules.base import Outcome, Verdict, not_applicable, unknown
from .settings import Profile, Settings, resolve
from .validate import build_arrangement

__all__ = ["RuleResult", "Report", "check", "check_data", "overall"]

_STATUS = {
    Verdict.OK: Status.PASSED,
    Verdict.NOT_APPLICABLE: Status.NOT_APPLICABLE,
    Verdict.UNKNOWN: Status.NOT_ASSESSABLE,
}


@dataclass(slots=True)
class RuleResult:
    rule: Rule
    status: Status
    outcome: Outcome


@dataclass(frozen=True)
class Report:
    arrangement: Arrangement
    settings: Settings
    results: tuple[RuleResult, ...]
    context: Context
    parameters: dict[str, DatedValue]
    notes: tuple[tuple[str, dict[str, Any]], ...]
    source: Optional[str] = None

    @property
    def verdict(self) -> Status:
        return overall(self)

    @property
    def failed(self) -> bool:
        return any(r.status is Status.FAILED for r in self.results)


def overall(report: Report) -> Status:
    """Outside the regulation: not applicable; else the worst of failed, not assessable, warning."""
    if report.arrangement.unit.institution is not Institution.CIVIL:
        return Status.NOT_APPLICABLE
    statuses = {r.status for r in report.results}
    for status in (Status.FAILED, Status.NOT_ASSESSABLE, Status.WARNING):
        if status in statuses:
            return status
    return Status.PASSED


def _evaluate(rule: Rule, ctx: Context) -> RuleResult:
    period = ctx.period
    if rule.since > period.end:
        outcome = not_applicable("not_in_force", since=rule.since)
    elif ctx.unit.institution is not Institution.CIVIL and rule.id != "scope-institution":
        outcome = not_applicable("out_of_scope", institution=ctx.unit.institution)
    else:
        try:
            outcome = rule.evaluate(ctx)
        except MissingParameter as missing:
            outcome = unknown("no_parameter", parameter=missing.name, start=period.start)
    if outcome.verdict is Verdict.BREACH:
        status = Status.FAILED if rule.severity is Severity.FAIL else Status.WARNING
    else:
        status = _STATUS[outcome.verdict]
    return RuleResult(rule, status, outcome)


def check(arrangement: Arrangement, profile: Optional[Profile] = None,
          source: Optional[str] = None) -> Report:
    """Check a validated arrangement against every rule."""
    settings = resolve(arrangement.agency, profile)
    own_days = profile.agency.non_working_days if profile is not None else None
    if own_days is not None:
        ctx = Context(arrangement, settings, own_days, "profile")
    else:
        ctx = Context(arrangement, settings, arrangement.agency.non_working_days, "arrangement")
    results = tuple(_evaluate(rule, ctx) for rule in RULES)
    notes: list[tuple[str, dict[str, Any]]] = []
    for name in ctx.used_parameters:
        if parameter(name).changes_within(arrangement.period.start, arrangement.period.end):
            notes.append(("parameter_changes", {"parameter": name}))
    for item in settings.items.values():
        if item.overridden is not None:
            notes.append(("setting_overridden", {"setting": item.name, "value": item.value,
                                                 "previous": item.overridden,
                                                 "agency": settings.agency_name}))
    if arrangement.period.start.year != arrangement.period.end.year:
        notes.append(("crosses_year", {}))
    return Report(arrangement, settings, results, ctx, dict(ctx.used_parameters), tuple(notes), source)


def check_data(data: Any, profile: Optional[Profile] = None, source: Optional[str] = None) -> Report:
    """Validate plain data (parsed TOML or JSON), then check it; raises ``ValidationError``."""
    return check(build_arrangement(data, source), profile, source)
