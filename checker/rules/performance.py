"""Principle 4, performance: targets, plans, monitoring and periodic evaluation.

PermenPANRB 4/2025 rests on measurable performance appraisal (JDIH summary; its purpose is
reported as Pasal 7). Its Pasal 35 ayat (1), quoted in news, has flexible work monitored and
evaluated in tiers, by the head of the organisational unit and by the PPK or head of agency;
monitoring compares before and after and covers performance, discipline and the readiness of
infrastructure, by a mechanism each agency sets. PermenPANRB 6/2022 manages ASN performance
through the SKP, continuous feedback and periodic evaluation. An application for flexible work
comes with a realistic, measurable work plan (as reported, no article): Anjuran. How often
monitoring must happen is agency policy.
"""

from __future__ import annotations

from typing import Optional

from ..context import Context, label
from ..enums import Frequency, Group, Provenance, Severity, TimePattern
from ..model import Employee
from ..sources import Citation
from .base import (
    Evidence,
    FieldRef,
    Outcome,
    breach,
    flag,
    missing_input,
    not_applicable,
    ok,
    per_employee,
    rule,
)
from .basis import IN_FORCE

MEASURABLE = Citation("permenpanrb-4-2025", "Pasal 7", Provenance.OFFICIAL_SUMMARY, Provenance.NEWS)
PERIODIC = Citation("menpanrb-statements-2025", None, Provenance.NEWS)
TIERED = Citation("permenpanrb-4-2025", "Pasal 35 ayat (1)", Provenance.NEWS)
SKP = Citation("permenpanrb-6-2022", "Pasal 5", Provenance.SECONDARY)


def _yes(field: str):  # type: ignore[no-untyped-def]
    def test(e: Employee) -> Optional[Evidence]:
        if getattr(e, field) is False:
            return Evidence("absent", {"employee": label(e)}, (e.id,))
        return None

    def missing(e: Employee) -> Optional[Evidence]:
        if getattr(e, field) is None:
            return Evidence("employee_missing", {"employee": label(e), "fields": [FieldRef(f"employees.{field}")]}, (e.id,))
        return None

    return test, missing


@rule(id="performance-skp", group=Group.PERFORMANCE, severity=Severity.FAIL, since=IN_FORCE,
      basis=[MEASURABLE, SKP], inputs=["employees[].skp_targets"])
def skp(ctx: Context) -> Outcome:
    """Every employee who works flexibly has SKP targets for the period.

    PermenPANRB 4/2025 relies on measurable appraisal; the SKP is how PermenPANRB 6/2022 sets
    expectations (planning stage, Pasal 5, per a summary).
    """
    if not ctx.flexible:
        return not_applicable("no_flexible")
    return per_employee(ctx.flexible, *_yes("skp_targets"))


@rule(id="performance-work-plan", group=Group.PERFORMANCE, severity=Severity.WARNING,
      since=IN_FORCE,
      basis=[Citation("permenpanrb-4-2025", None, Provenance.NEWS),
             Citation("permenpanrb-6-2022", "Pasal 5", Provenance.SECONDARY, interpretation=True)],
      inputs=["employees[].work_plan"])
def work_plan(ctx: Context) -> Outcome:
    """Flexible days (away from the office, or on dynamic hours) have a measurable work plan.

    As reported (no article number), an application for flexible work needs a work plan with
    realistic, measurable targets, which the head of the unit reviews; the SKP planning stage of
    PermenPANRB 6/2022 is our reading. Anjuran under the severity policy.
    """
    away = {e.id for e in ctx.location_flexible}
    people = [e for e in ctx.flexible if e.id in away or e.time_pattern is TimePattern.DYNAMIC]
    if not people:
        return not_applicable("no_flexible")
    return per_employee(people, *_yes("work_plan"))


@rule(id="performance-monitoring", group=Group.PERFORMANCE, severity=Severity.FAIL,
      since=IN_FORCE, basis=[TIERED, PERIODIC, SKP], settings=["monitoring_frequency"],
      inputs=["monitoring.frequency"])
def monitoring(ctx: Context) -> Outcome:
    """Flexible workers' performance is monitored at least as often as the agency requires.

    Monitoring and evaluation are required (PermenPANRB 4/2025 Pasal 35 ayat (1), quoted in news;
    periodic, KemenPANRB as reported); the frequency is agency policy.
    """
    if not ctx.flexible:
        return not_applicable("no_flexible")
    required: Frequency = ctx.settings["monitoring_frequency"]
    actual = ctx.arrangement.monitoring.frequency
    if actual is None:
        return missing_input("monitoring.frequency", limit=required)
    if actual is Frequency.NONE or actual.rank > required.rank:
        return breach("failed", [Evidence("too_rare", {"actual": actual, "limit": required},
                                          (), (), actual.value, required.value)], limit=required)
    return ok("passed", actual=actual, limit=required)


@rule(id="performance-evaluation", group=Group.PERFORMANCE, severity=Severity.FAIL,
      since=IN_FORCE, basis=[TIERED, PERIODIC], inputs=["monitoring.periodic_evaluation"])
def evaluation(ctx: Context) -> Outcome:
    """The arrangement itself is evaluated periodically.

    PermenPANRB 4/2025 Pasal 35 ayat (1) (quoted in news) requires monitoring and evaluation of
    flexible work; KemenPANRB said in August 2025 that it must be periodic, to make sure flexible
    work still meets the criteria and does not disrupt public services (as reported).
    """
    if not ctx.flexible:
        return not_applicable("no_flexible")
    return flag(ctx.arrangement.monitoring.periodic_evaluation, "monitoring.periodic_evaluation")
